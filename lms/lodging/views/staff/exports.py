"""The CSV exports of stays, the front desk, housekeeping and occupancy."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lms.core.csv_export import csv_filename, csv_response

from ...forms import (
    parse_day,
    parse_month,
    parse_year,
)
from ...models import Stay
from ...selectors import (
    front_desk_day,
    housekeeping_list,
    month_after,
    occupancy_by_month,
    stays_in_range,
)
from .access import _building, staff_required


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
