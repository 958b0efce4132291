"""Staff screens: the timetable grid, and scheduling sessions and room bookings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import CancelForm, SessionForm, TimetableFilterForm
from ..models import LectureSession, SessionOccurrence
from ..permissions import timetable_view_allowed
from ..selectors import session_queryset, timetable
from ..services import (
    TimetableError,
    occurrence_cancel,
    session_cancel,
    session_create,
    session_update,
)


def _staff_only(request) -> None:
    if not timetable_view_allowed(user=request.user):
        raise PermissionDenied


@login_required
@require_GET
def timetable_view(request):
    _staff_only(request)
    form = TimetableFilterForm(request.GET or None)
    grid = timetable(query=form.timetable_filter())
    template = (
        "timetable/timetable_month.html"
        if grid.filter.view == "month"
        else "timetable/timetable_week.html"
    )
    return render(
        request,
        template,
        {"form": form, "grid": grid, "today": timezone.localdate()},
    )


def _service_arguments(data) -> dict:
    return {
        "room": data["room"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "title": data["title"],
        "rrule": data["rrule"],
        "excluded_dates": data["excluded_dates"],
        "instructors": list(data["instructors"]),
        "description": data["description"],
        "organiser": data["organiser"],
        "materials": list(data["materials"]),
    }


def _warn(request, warnings) -> None:
    for warning in warnings:
        messages.warning(request, warning)


@login_required
@require_http_methods(["GET", "POST"])
def session_new(request):
    _staff_only(request)
    initial = {}
    if request.GET.get("room"):
        initial["room"] = request.GET["room"]
    if request.GET.get("date"):
        initial["date"] = request.GET["date"]
    if request.GET.get("start"):
        initial["start_time"] = request.GET["start"]
    form = SessionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                outcome = session_create(
                    kind=data["kind"],
                    run=data["run"],
                    actor=request.user,
                    **_service_arguments(data),
                )
            except TimetableError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The session is scheduled."))
                _warn(request, outcome.warnings)
                return redirect("timetable:session", outcome.session.pk)
    return render(request, "timetable/session_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, session_id: int):
    _staff_only(request)
    session = get_object_or_404(session_queryset(), pk=session_id)
    if session.is_cancelled:
        messages.error(request, _("This session is cancelled; schedule a new one."))
        return redirect("timetable:session", session.pk)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_for(session))
    form.fields["kind"].disabled = True
    form.fields["run"].disabled = True
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                outcome = session_update(
                    session=session,
                    actor=request.user,
                    **_service_arguments(form.cleaned_data),
                )
            except TimetableError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The session is saved."))
                _warn(request, outcome.warnings)
                return redirect("timetable:session", session.pk)
    return render(
        request,
        "timetable/session_form.html",
        {"form": form, "session": session},
        status=status,
    )


@login_required
@require_POST
def session_cancel_view(request, session_id: int):
    _staff_only(request)
    session = get_object_or_404(LectureSession, pk=session_id)
    form = CancelForm(request.POST)
    form.is_valid()
    if session_cancel(
        session=session,
        actor=request.user,
        reason=form.cleaned_data.get("reason", ""),
    ):
        messages.success(request, _("The session is cancelled; learners are told."))
    return redirect("timetable:session", session.pk)


@login_required
@require_POST
def occurrence_cancel_view(request, occurrence_id: int):
    _staff_only(request)
    occurrence = get_object_or_404(SessionOccurrence, pk=occurrence_id)
    try:
        if occurrence_cancel(occurrence=occurrence, actor=request.user):
            messages.success(request, _("The meeting is cancelled; learners are told."))
    except TimetableError as error:
        messages.error(request, error.message)
    return redirect("timetable:session", occurrence.session_id)
