"""Dashboards: a run's for its instructors and staff, the center's for staff.

Each section of a dashboard can also be downloaded as CSV (UTF-8 with a byte
order mark, so that Excel opens Korean intact).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from lms.core.csv_export import csv_filename, csv_response

from ..analytics import (
    INACTIVE_DAYS_DEFAULT,
    CenterAnalytics,
    RunAnalytics,
    center_analytics,
    run_analytics,
)
from ..models import CourseRun
from ..permissions import is_center_staff, run_manage_allowed
from ..selectors import run_in_language

RUN_SECTIONS = ("funnel", "grades", "at-risk", "drop-off")
CENTER_SECTIONS = ("months", "modes", "organization-types", "regions")


def _inactive_days(request) -> int:
    """?inactive=N if N is a whole number of days from 1 to 365, else the default."""
    try:
        days = int(request.GET.get("inactive", ""))
    except ValueError:
        return INACTIVE_DAYS_DEFAULT
    return days if 1 <= days <= 365 else INACTIVE_DAYS_DEFAULT


def _run_for_manager(request, run_id: int) -> CourseRun:
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    if not run_manage_allowed(user=request.user, run=run):
        raise PermissionDenied
    return run


@login_required
@require_GET
def run_dashboard(request, run_id: int):
    run = _run_for_manager(request, run_id)
    data = run_analytics(run=run, inactive_days=_inactive_days(request))
    return render(
        request,
        "learning/run_analytics.html",
        {"run": run_in_language(run), "analytics": data, "sections": RUN_SECTIONS},
    )


def _run_csv_rows(data: RunAnalytics, section: str) -> tuple[list, list]:
    if section == "funnel":
        return [_("Step"), _("Learners"), _("Share of enrolled (%)")], [
            (step.label, step.count, step.percent) for step in data.funnel
        ]
    if section == "grades":
        rows = [(bucket.label, bucket.count) for bucket in data.grades]
        rows.append((_("Not graded yet"), data.ungraded))
        return [_("Total grade (%)"), _("Learners")], rows
    if section == "at-risk":
        return [
            _("Name"),
            _("E-mail"),
            _("Organization"),
            _("Progress (%)"),
            _("Last lesson activity"),
            _("Days inactive"),
            _("Points behind schedule"),
            _("Reasons"),
        ], [
            (
                item.learner.display_name,
                item.learner.email,
                item.learner.organization or "",
                item.progress_percent,
                timezone.localtime(item.last_activity).strftime("%Y-%m-%d %H:%M")
                if item.last_activity
                else "",
                item.inactive_days if item.inactive_days is not None else "",
                item.behind_points if item.behind_points is not None else "",
                "; ".join(item.reasons),
            )
            for item in data.at_risk
        ]
    return [
        _("No."),
        _("Module"),
        _("Lesson"),
        _("Viewed"),
        pgettext("lesson", "Completed"),
        _("Share of enrolled (%)"),
    ], [
        (
            row.position,
            row.module.title,
            row.lesson.title,
            row.viewed,
            row.completed,
            row.percent,
        )
        for row in data.lessons
    ]


@login_required
@require_GET
def run_dashboard_csv(request, run_id: int, section: str):
    if section not in RUN_SECTIONS:
        raise Http404
    run = _run_for_manager(request, run_id)
    data = run_analytics(run=run, inactive_days=_inactive_days(request))
    header, rows = _run_csv_rows(data, section)
    return csv_response(
        rows, filename=csv_filename("run", run.pk, section), header=header
    )


def _staff_only(request) -> None:
    if not is_center_staff(request.user):
        raise PermissionDenied


@login_required
@require_GET
def center_dashboard(request):
    _staff_only(request)
    return render(
        request,
        "learning/center_analytics.html",
        {"analytics": center_analytics(), "sections": CENTER_SECTIONS},
    )


def _center_csv_rows(data: CenterAnalytics, section: str) -> tuple[list, list]:
    first = {
        "months": _("Month"),
        "modes": _("Learning mode"),
        "organization-types": _("Organization type"),
        "regions": _("Region"),
    }[section]
    rows = {
        "months": data.months,
        "modes": data.by_mode,
        "organization-types": data.by_organization_type,
        "regions": data.by_region,
    }[section]
    return [first, _("Enrolments"), _("Completions"), _("Completion rate (%)")], [
        (row.label, row.enrolments, row.completions, row.completion_percent)
        for row in rows
    ]


@login_required
@require_GET
def center_dashboard_csv(request, section: str):
    if section not in CENTER_SECTIONS:
        raise Http404
    _staff_only(request)
    header, rows = _center_csv_rows(center_analytics(), section)
    return csv_response(rows, filename=csv_filename("center", section), header=header)


urlpatterns = [
    path("runs/<int:run_id>/analytics/", run_dashboard, name="run-analytics"),
    path(
        "runs/<int:run_id>/analytics/<slug:section>.csv",
        run_dashboard_csv,
        name="run-analytics-csv",
    ),
    path("analytics/", center_dashboard, name="center-analytics"),
    path(
        "analytics/<slug:section>.csv",
        center_dashboard_csv,
        name="center-analytics-csv",
    ),
]
