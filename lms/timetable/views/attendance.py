"""Attendance: the instructor's roster and QR screen, the learner's check-in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lms.core.site_url import absolute_url
from lms.learning.selectors import run_in_language

from ..forms import RosterForm
from ..links import qr_svg
from ..models import AttendanceStatus, SessionOccurrence
from ..permissions import session_manage_allowed
from ..selectors import roster
from ..services import (
    CHECKIN_CODE_REFRESH,
    TimetableError,
    attendance_check_in,
    attendance_roster_save,
    checkin_code_make,
    checkin_code_read,
    checkin_window,
)


def _managed_occurrence(request, occurrence_id: int) -> SessionOccurrence:
    occurrence = get_object_or_404(
        SessionOccurrence.objects.select_related(
            "session__run__course", "room__building"
        ).prefetch_related("session__instructors"),
        pk=occurrence_id,
        session__run__isnull=False,
    )
    if not session_manage_allowed(user=request.user, session=occurrence.session):
        raise PermissionDenied
    return occurrence


@login_required
@require_http_methods(["GET", "POST"])
def attendance_roster_view(request, occurrence_id: int):
    occurrence = _managed_occurrence(request, occurrence_id)
    rows = roster(occurrence=occurrence)
    form = RosterForm(request.POST or None, rows=rows)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                changed = attendance_roster_save(
                    occurrence=occurrence, marks=form.marks(), actor=request.user
                )
            except TimetableError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Attendance saved (%(n)d changed).") % {"n": changed},
                )
                return redirect("timetable:attendance", occurrence.pk)
    counts = {}
    for row in rows:
        counts[row.status or "none"] = counts.get(row.status or "none", 0) + 1
    run_in_language(occurrence.session.run)
    return render(
        request,
        "timetable/attendance_roster.html",
        {
            "occurrence": occurrence,
            "form": form,
            "rows": rows,
            "counts": counts,
            "marks": AttendanceStatus.choices,
        },
        status=status,
    )


@login_required
@require_GET
def checkin_qr(request, occurrence_id: int):
    """The page an instructor projects: a QR code that renews every minute."""
    occurrence = _managed_occurrence(request, occurrence_id)
    opens, closes = checkin_window(occurrence)
    now = timezone.now()
    is_open = occurrence.is_active and opens <= now <= closes
    context = {
        "occurrence": occurrence,
        "is_open": is_open,
        "is_over": now > closes,
        "opens": opens,
        "closes": closes,
        "refresh_seconds": int(CHECKIN_CODE_REFRESH.total_seconds()),
    }
    if is_open:
        url = absolute_url(
            reverse(
                "timetable:check-in", args=[checkin_code_make(occurrence=occurrence)]
            ),
            request,
        )
        context.update({"checkin_url": url, "qr": qr_svg(url)})
    return render(request, "timetable/checkin_qr.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, code: str):
    """Scanned on the learner's phone: confirm, then record attendance."""
    try:
        occurrence = (
            SessionOccurrence.objects.select_related("session", "room__building")
            .filter(pk=checkin_code_read(code))
            .first()
        )
    except TimetableError as error:
        return render(
            request, "timetable/check_in.html", {"error": error.message}, status=400
        )
    if request.method == "POST":
        try:
            record = attendance_check_in(learner=request.user, code=code)
        except TimetableError as error:
            return render(
                request,
                "timetable/check_in.html",
                {"error": error.message, "occurrence": occurrence},
                status=400,
            )
        return render(
            request,
            "timetable/check_in.html",
            {"record": record, "occurrence": occurrence, "done": True},
        )
    return render(request, "timetable/check_in.html", {"occurrence": occurrence})
