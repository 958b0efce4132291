"""The staff screens: occupancy, front desk, housekeeping, reports, runs."""

import datetime as dt

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lms.learning.models import CourseRun

from ...forms import (
    parse_day,
    parse_month,
    parse_year,
)
from ...models import Building, StayStatus
from ...selectors import (
    front_desk_day,
    housekeeping_list,
    month_after,
    occupancy_by_month,
    occupancy_calendar,
    residential_runs_overview,
    run_stays,
    stays_flagged,
)
from .access import _building, _page_number, staff_required


@staff_required
@require_GET
def occupancy(request):
    today = timezone.localdate()
    month = parse_month(request.GET.get("month"), today)
    data = occupancy_calendar(
        month=month, building=_building(request), page=_page_number(request)
    )
    previous = (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return render(
        request,
        "lodging/staff/occupancy.html",
        {
            "calendar": data,
            "today": today,
            "previous_month": previous.strftime("%Y-%m"),
            "next_month": month_after(month).strftime("%Y-%m"),
            "month_value": month.strftime("%Y-%m"),
            "statuses": CALENDAR_LEGEND(),
            "section": "occupancy",
        },
    )


def CALENDAR_LEGEND():  # noqa: N802 - a constant, translated when called
    return [
        ("free", _("Free")),
        (StayStatus.HELD.value, StayStatus.HELD.label),
        (StayStatus.CONFIRMED.value, StayStatus.CONFIRMED.label),
        (StayStatus.CHECKED_IN.value, StayStatus.CHECKED_IN.label),
        (StayStatus.CHECKED_OUT.value, StayStatus.CHECKED_OUT.label),
        ("out_of_service", _("Out of service")),
    ]


@staff_required
@require_GET
def front_desk(request):
    day = parse_day(request.GET.get("date"), timezone.localdate())
    return render(
        request,
        "lodging/staff/front_desk.html",
        {
            "desk": front_desk_day(day=day),
            "arrival_actions": [("check-in", _("Check in")), ("no-show", _("No-show"))],
            "departure_actions": [("check-out", _("Check out"))],
            "section": "front-desk",
        },
    )


@staff_required
@require_GET
def housekeeping(request):
    day = parse_day(request.GET.get("date"), timezone.localdate())
    building = _building(request)
    return render(
        request,
        "lodging/staff/housekeeping.html",
        {
            "day": day,
            "rows": housekeeping_list(day=day, building=building),
            "buildings": Building.objects.filter(is_active=True),
            "building": building,
            "section": "housekeeping",
        },
    )


@staff_required
@require_GET
def reports(request):
    year = parse_year(request.GET.get("year"), timezone.localdate().year)
    months = occupancy_by_month(year=year)
    offered = sum(m.bed_nights for m in months)
    used = sum(m.occupied for m in months)
    return render(
        request,
        "lodging/staff/reports.html",
        {
            "year": year,
            "months": months,
            "rate": round(100 * used / offered, 1) if offered else 0,
            "bed_nights": offered,
            "occupied": used,
            "section": "reports",
        },
    )


@staff_required
@require_GET
def flagged(request):
    return render(
        request,
        "lodging/staff/flagged.html",
        {"stays": stays_flagged(), "section": "flagged"},
    )


@staff_required
@require_GET
def runs(request):
    return render(
        request,
        "lodging/staff/runs.html",
        {"overview": residential_runs_overview(), "section": "runs"},
    )


@staff_required
@require_GET
def run_lodging(request, run_id: int):
    run = get_object_or_404(CourseRun.objects.select_related("course"), pk=run_id)
    if not run.is_residential:
        raise Http404(_("This run does not include lodging."))
    return render(
        request,
        "lodging/staff/run.html",
        {"run": run, **run_stays(run=run), "section": "runs"},
    )
