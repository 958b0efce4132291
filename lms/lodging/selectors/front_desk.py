"""The front desk's day: arrivals, departures, and housekeeping."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from lms.learning.selectors import runs_in_language

from ..models import (
    OCCUPYING,
    Building,
    OutOfService,
    Room,
    Stay,
    StayStatus,
)
from .stays import _stay_related


@dataclass
class FrontDeskDay:
    day: dt.date
    arrivals: list[Stay]
    departures: list[Stay]
    in_house: list[Stay]


def front_desk_day(*, day: dt.date) -> FrontDeskDay:
    """Who arrives, who leaves and who stays on `day`, in one query."""
    stays = list(
        _stay_related(
            Stay.objects.filter(
                status__in=(*OCCUPYING, StayStatus.NO_SHOW),
                check_in__lte=day,
                check_out__gte=day,
            )
        ).order_by("bed__room__floor__building__code", "bed__room__number", "pk")
    )
    arrivals, departures, in_house = [], [], []
    for stay in stays:
        if stay.effective_status == StayStatus.EXPIRED:
            continue
        if stay.check_in == day:
            arrivals.append(stay)
        elif stay.check_out == day:
            departures.append(stay)
        elif stay.status == StayStatus.CHECKED_IN:
            in_house.append(stay)
    runs_in_language(stay.run for stay in stays)
    return FrontDeskDay(day, arrivals, departures, in_house)


@dataclass
class HousekeepingRow:
    room: Room
    task: str  # "checkout_clean", "stayover", "prepare", "vacant", "out_of_service"
    guests_leaving: int = 0
    guests_staying: int = 0
    guests_arriving: int = 0

    @property
    def task_label(self) -> str:
        return HOUSEKEEPING_TASKS[self.task]


def _housekeeping_tasks():
    from django.utils.translation import gettext_lazy as _

    return {
        "checkout_clean": _("Clean after check-out"),
        "prepare": _("Prepare for arrivals"),
        "stayover": _("Tidy (guests staying)"),
        "vacant": _("Vacant"),
        "out_of_service": _("Out of service"),
    }


HOUSEKEEPING_TASKS = _housekeeping_tasks()
HOUSEKEEPING_ORDER = [
    "checkout_clean",
    "prepare",
    "stayover",
    "out_of_service",
    "vacant",
]


def housekeeping_list(*, day: dt.date, building: Building | None = None) -> list:
    """Every room with what housekeeping does in it on `day`. Three queries."""
    rooms = (
        Room.objects.filter(is_active=True, floor__building__is_active=True)
        .select_related("floor__building")
        .order_by("floor__building__code", "floor__number", "number")
    )
    if building is not None:
        rooms = rooms.filter(floor__building=building)
    rooms = list(rooms)
    leaving: Counter = Counter()
    staying: Counter = Counter()
    arriving: Counter = Counter()
    for room_id, check_in, check_out in (
        Stay.objects.occupying()
        .filter(check_in__lte=day, check_out__gte=day)
        .values_list("bed__room_id", "check_in", "check_out")
    ):
        if check_out == day:
            leaving[room_id] += 1
        elif check_in == day:
            arriving[room_id] += 1
        else:
            staying[room_id] += 1
    closed = set(
        OutOfService.objects.filter(starts_on__lte=day, ends_on__gt=day).values_list(
            "room_id", flat=True
        )
    )
    rows = []
    for room in rooms:
        if room.pk in closed:
            task = "out_of_service"
        elif leaving[room.pk]:
            task = "checkout_clean"
        elif arriving[room.pk]:
            task = "prepare"
        elif staying[room.pk]:
            task = "stayover"
        else:
            task = "vacant"
        rows.append(
            HousekeepingRow(
                room, task, leaving[room.pk], staying[room.pk], arriving[room.pk]
            )
        )
    rows.sort(key=lambda row: HOUSEKEEPING_ORDER.index(row.task))
    return rows
