"""The front desk and the lodging office: center staff only.

The occupancy calendar, arrivals and departures, housekeeping, reports and
CSV exports, flagged stays, a run's stays and waitlist, and the actions on a
stay (check in and out, no-show, change bed or nights, cancel).
"""

import datetime as dt
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from lms.core.csv_export import csv_filename, csv_response
from lms.learning.models import CourseRun
from lms.learning.permissions import is_center_staff
from lms.learning.selectors import run_in_language

from .. import services
from ..assignment import Occupancy, bed_refusal, request_for
from ..forms import (
    BedChangeForm,
    GuestStayForm,
    NightsForm,
    OutOfServiceForm,
    bed_choices,
    parse_day,
    parse_month,
    parse_year,
)
from ..models import Building, OutOfService, Stay, StayStatus
from ..selectors import (
    front_desk_day,
    housekeeping_list,
    month_after,
    occupancy_by_month,
    occupancy_calendar,
    residential_runs_overview,
    run_stays,
    stays_flagged,
    stays_in_range,
)


def staff_required(view):
    """Signed in (else to the login page) and center staff (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_center_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _building(request) -> Building | None:
    code = request.GET.get("building")
    if not code:
        return None
    return Building.objects.filter(code=code).first()


def _page_number(request) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1


# --- screens ----------------------------------------------------------------------


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


def _stay(stay_id: int) -> Stay:
    return get_object_or_404(
        Stay.objects.select_related(
            "bed__room__floor__building", "run__course", "guest", "organization"
        ),
        pk=stay_id,
    )


def _free_beds(stay: Stay):
    """Beds the stay could move to: its kind of room, free on all its nights."""
    if stay.status not in (
        StayStatus.HELD,
        StayStatus.CONFIRMED,
        StayStatus.CHECKED_IN,
    ):
        return None
    occupancy = Occupancy.load(stay.check_in, stay.check_out)
    request = request_for(stay)
    ids = [
        bed.pk
        for bed in occupancy.beds
        if bed.pk != stay.bed_id
        and not bed_refusal(bed, request)
        and occupancy.bed_free(bed, request)
    ]
    return bed_choices().filter(pk__in=ids)


def _stay_page(request, stay: Stay, *, status=200, bed_form=None, nights_form=None):
    beds = _free_beds(stay)
    run_in_language(stay.run)
    return render(
        request,
        "lodging/staff/stay.html",
        {
            "stay": stay,
            "bed_form": bed_form
            or (BedChangeForm(beds=beds) if beds is not None else None),
            "nights_form": nights_form
            or NightsForm(
                initial={"check_in": stay.check_in, "check_out": stay.check_out}
            ),
            "section": "stays",
        },
        status=status,
    )


@staff_required
@require_GET
def stay_manage(request, stay_id: int):
    return _stay_page(request, _stay(stay_id))


ACTIONS = {
    "check-in": (services.stay_check_in, gettext_lazy("Checked in.")),
    "check-out": (services.stay_check_out, gettext_lazy("Checked out.")),
    "no-show": (services.stay_no_show, gettext_lazy("Recorded as a no-show.")),
    "cancel": (services.stay_cancel, gettext_lazy("The stay is cancelled.")),
    "review-clear": (services.stay_review_clear, gettext_lazy("The flag is cleared.")),
}


@staff_required
@require_POST
def stay_action(request, stay_id: int, action: str):
    if action not in ACTIONS:
        raise Http404
    stay = _stay(stay_id)
    service, done = ACTIONS[action]
    try:
        service(stay=stay, actor=request.user)
    except services.LodgingError as error:
        messages.error(request, error.message)
        return _stay_page(request, _stay(stay_id), status=409)
    messages.success(request, done)
    return _back(request, stay)


def _back(request, stay):
    """Back to the front desk when the action came from there."""
    if request.POST.get("from") == "front-desk":
        return redirect(
            f"{_url('lodging:front-desk')}?date={request.POST.get('date', '')}"
        )
    return redirect("lodging:stay-manage", stay_id=stay.pk)


def _url(name):
    from django.urls import reverse

    return reverse(name)


@staff_required
@require_POST
def stay_bed_change_view(request, stay_id: int):
    stay = _stay(stay_id)
    form = BedChangeForm(request.POST, beds=bed_choices())
    if form.is_valid():
        try:
            services.stay_bed_change(
                stay=stay, bed=form.cleaned_data["bed"], actor=request.user
            )
        except services.LodgingError as error:
            form.add_error("bed", error.message)
        else:
            messages.success(request, _("The guest has a new bed."))
            return redirect("lodging:stay-manage", stay_id=stay.pk)
    return _stay_page(request, stay, status=400, bed_form=form)


@staff_required
@require_POST
def stay_nights_change_view(request, stay_id: int):
    stay = _stay(stay_id)
    form = NightsForm(request.POST)
    if form.is_valid():
        try:
            services.stay_nights_change(
                stay=stay, actor=request.user, **form.cleaned_data
            )
        except services.LodgingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The nights are changed."))
            return redirect("lodging:stay-manage", stay_id=stay.pk)
    return _stay_page(request, _stay(stay_id), status=400, nights_form=form)


@staff_required
@require_http_methods(["GET", "POST"])
def stay_new(request):
    form = GuestStayForm(request.POST or None, initial=request.GET or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                stay = services.stay_book_for_guest(
                    actor=request.user,
                    kind=data["kind"],
                    guest=data["guest"],
                    guest_name=data["guest_name"],
                    guest_phone=data["guest_phone"],
                    run=data["run"],
                    room_policy=data["room_policy"],
                    needs_accessible=data["needs_accessible"],
                    check_in=data["check_in"],
                    check_out=data["check_out"],
                    bed=data["bed"],
                    staff_note=data["staff_note"],
                )
            except services.LodgingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The stay is booked."))
                return redirect("lodging:stay-manage", stay_id=stay.pk)
        status = 400
    return render(
        request,
        "lodging/staff/stay_new.html",
        {"form": form, "section": "stays"},
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def out_of_service_new(request):
    form = OutOfServiceForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.out_of_service_create(actor=request.user, **form.cleaned_data)
            except services.LodgingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request, _("The room is out of service for those nights.")
                )
                return redirect("lodging:occupancy")
        status = 400
    return render(
        request,
        "lodging/staff/out_of_service_new.html",
        {
            "form": form,
            "periods": OutOfService.objects.filter(ends_on__gt=timezone.localdate())
            .select_related("room__floor__building")
            .order_by("starts_on")[:100],
            "section": "occupancy",
        },
        status=status,
    )


# --- CSV exports ------------------------------------------------------------------


def _place(stay: Stay) -> tuple[str, str, str]:
    if not stay.bed_id:
        return "", "", ""
    room = stay.bed.room
    return str(room.floor.building), room.number, stay.bed.label


def _stay_row(stay: Stay) -> list:
    return [
        stay.pk,
        stay.guest_display,
        stay.guest.email if stay.guest_id else "",
        stay.get_kind_display(),
        stay.organization or "",
        str(stay.run) if stay.run_id else "",
        *_place(stay),
        stay.get_room_policy_display(),
        stay.check_in.isoformat(),
        stay.check_out.isoformat(),
        stay.nights,
        stay.get_effective_status_display(),
    ]


def _stay_header() -> list:
    return [
        _("Stay"),
        _("Name"),
        _("E-mail"),
        _("Guest type"),
        _("Organization"),
        _("Course run"),
        _("Building"),
        _("Room"),
        _("Bed"),
        _("Room for"),
        _("Check-in"),
        _("Check-out"),
        _("Nights"),
        _("Status"),
    ]


@staff_required
@require_GET
def stays_csv(request):
    month = parse_month(request.GET.get("month"), timezone.localdate())
    stays = stays_in_range(start=month, end=month_after(month))
    return csv_response(
        (_stay_row(s) for s in stays),
        filename=csv_filename("stays", f"{month:%Y-%m}"),
        header=_stay_header(),
    )


@staff_required
@require_GET
def front_desk_csv(request):
    day = parse_day(request.GET.get("date"), timezone.localdate())
    desk = front_desk_day(day=day)
    rows = [
        [label, *_stay_row(stay)]
        for label, stays in (
            (_("Arrival"), desk.arrivals),
            (_("Departure"), desk.departures),
            (_("In house"), desk.in_house),
        )
        for stay in stays
    ]
    return csv_response(
        rows,
        filename=csv_filename("front-desk", day.isoformat()),
        header=[_("List"), *_stay_header()],
    )


@staff_required
@require_GET
def housekeeping_csv(request):
    day = parse_day(request.GET.get("date"), timezone.localdate())
    rows = [
        [
            str(row.room.floor.building),
            row.room.floor.number,
            row.room.number,
            row.task_label,
            row.guests_leaving,
            row.guests_staying,
            row.guests_arriving,
        ]
        for row in housekeeping_list(day=day, building=_building(request))
    ]
    header = [
        _("Building"),
        _("Floor"),
        _("Room"),
        _("Task"),
        _("Leaving"),
        _("Staying"),
        _("Arriving"),
    ]
    return csv_response(
        rows, filename=csv_filename("housekeeping", day.isoformat()), header=header
    )


@staff_required
@require_GET
def occupancy_csv(request):
    year = parse_year(request.GET.get("year"), timezone.localdate().year)
    rows = [
        [m.label, m.bed_nights, m.occupied, f"{m.rate:.1f}"]
        for m in occupancy_by_month(year=year)
    ]
    header = [
        _("Month"),
        _("Bed-nights offered"),
        _("Bed-nights used"),
        _("Occupancy (%)"),
    ]
    return csv_response(rows, filename=csv_filename("occupancy", year), header=header)


urlpatterns = [
    path("staff/", occupancy, name="occupancy"),
    path("staff/front-desk/", front_desk, name="front-desk"),
    path("staff/housekeeping/", housekeeping, name="housekeeping"),
    path("staff/reports/", reports, name="reports"),
    path("staff/flagged/", flagged, name="flagged"),
    path("staff/runs/", runs, name="runs"),
    path("staff/runs/<int:run_id>/", run_lodging, name="run"),
    path("staff/stays/new/", stay_new, name="stay-new"),
    path("staff/stays/<int:stay_id>/", stay_manage, name="stay-manage"),
    path("staff/stays/<int:stay_id>/bed/", stay_bed_change_view, name="stay-bed"),
    path(
        "staff/stays/<int:stay_id>/nights/", stay_nights_change_view, name="stay-nights"
    ),
    path("staff/stays/<int:stay_id>/<slug:action>/", stay_action, name="stay-action"),
    path("staff/out-of-service/new/", out_of_service_new, name="out-of-service-new"),
    path("staff/export/stays.csv", stays_csv, name="stays-csv"),
    path("staff/export/front-desk.csv", front_desk_csv, name="front-desk-csv"),
    path("staff/export/housekeeping.csv", housekeeping_csv, name="housekeeping-csv"),
    path("staff/export/occupancy.csv", occupancy_csv, name="occupancy-csv"),
]
