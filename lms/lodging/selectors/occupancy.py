"""The occupancy calendar: a month of beds by night, a cell per bed and night."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from ..models import (
    Building,
    OutOfService,
    Room,
    Stay,
    StayStatus,
)
from .stays import nights_between

# what a cell shows when beds of several statuses share a night: the most urgent
CELL_PRIORITY = (
    StayStatus.CHECKED_IN,
    StayStatus.HELD,
    StayStatus.CONFIRMED,
    StayStatus.CHECKED_OUT,
)
_RANK = {status.value: rank for rank, status in enumerate(CELL_PRIORITY)}
_FREE_RANK = len(CELL_PRIORITY)


@dataclass(slots=True)
class Cell:
    """One room on one night: beds taken, and the status the cell is coloured by
    (a StayStatus value, "free" or "out_of_service")."""

    night: dt.date
    occupied: int
    beds: int
    status: str

    @property
    def is_full(self) -> bool:
        return self.beds > 0 and self.occupied >= self.beds


@dataclass
class CalendarRow:
    room: Room
    cells: list[Cell]


@dataclass
class OccupancyCalendar:
    month: dt.date
    nights: list[dt.date]
    rows: list[CalendarRow]
    beds_total: int
    bed_nights: int
    occupied_bed_nights: int
    buildings: list[Building]
    building: Building | None
    page: object = None

    @property
    def rate(self) -> float:
        if not self.bed_nights:
            return 0.0
        return round(100 * self.occupied_bed_nights / self.bed_nights, 1)


def month_start(value: dt.date) -> dt.date:
    return value.replace(day=1)


def month_after(value: dt.date) -> dt.date:
    return (value.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def occupancy_calendar(
    *, month: dt.date, building: Building | None = None, page: int = 1, per_page=100
) -> OccupancyCalendar:
    """Rooms × the nights of `month`, each cell the room's beds taken that night.

    Six queries for any number of rooms and stays: buildings, the room count
    and one page of rooms with their bed counts, the stays and the
    out-of-service periods of those rooms in the month.
    """
    from django.core.paginator import Paginator

    start = month_start(month)
    end = month_after(start)
    nights = nights_between(start, end)
    buildings = list(Building.objects.filter(is_active=True).order_by("code"))
    rooms = (
        Room.objects.filter(is_active=True, floor__building__is_active=True)
        .select_related("floor__building")
        .annotate(bed_count=Count("beds", filter=Q(beds__is_active=True)))
        .order_by("floor__building__code", "floor__number", "number")
    )
    if building is not None:
        rooms = rooms.filter(floor__building=building)
    paginator = Paginator(rooms, per_page)
    room_page = paginator.get_page(page)
    room_list = list(room_page.object_list)
    room_ids = [room.pk for room in room_list]
    now = timezone.now()
    count = len(nights)
    # per room and night: beds taken, and the rank of the most urgent status
    taken = {pk: [0] * count for pk in room_ids}
    rank = {pk: [_FREE_RANK] * count for pk in room_ids}
    for room_id, check_in, check_out, status in (
        Stay.objects.occupying(now=now)
        .overlapping(start, end)
        .filter(bed__room_id__in=room_ids, bed__is_active=True)
        .values_list("bed__room_id", "check_in", "check_out", "status")
    ):
        room_taken, room_rank, status_rank = (
            taken[room_id],
            rank[room_id],
            _RANK[status],
        )
        for index in range(
            max((check_in - start).days, 0), min((check_out - start).days, count)
        ):
            room_taken[index] += 1
            if status_rank < room_rank[index]:
                room_rank[index] = status_rank
    closed: dict[int, set[int]] = defaultdict(set)
    for room_id, starts_on, ends_on in OutOfService.objects.filter(
        room_id__in=room_ids, starts_on__lt=end, ends_on__gt=start
    ).values_list("room_id", "starts_on", "ends_on"):
        closed[room_id].update(
            range(max((starts_on - start).days, 0), min((ends_on - start).days, count))
        )
    statuses = [status.value for status in CELL_PRIORITY] + ["free"]
    rows = []
    bed_nights = occupied_nights = 0
    for room in room_list:
        beds, room_closed = room.bed_count, closed.get(room.pk, ())
        cells = []
        for index, night in enumerate(nights):
            occupied = taken[room.pk][index]
            if index in room_closed:
                cells.append(Cell(night, occupied, beds, "out_of_service"))
                continue
            bed_nights += beds
            occupied_nights += min(occupied, beds)
            cells.append(Cell(night, occupied, beds, statuses[rank[room.pk][index]]))
        rows.append(CalendarRow(room, cells))
    return OccupancyCalendar(
        month=start,
        nights=nights,
        rows=rows,
        beds_total=sum(room.bed_count for room in room_list),
        bed_nights=bed_nights,
        occupied_bed_nights=occupied_nights,
        buildings=buildings,
        building=building,
        page=room_page,
    )
