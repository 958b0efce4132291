"""Reports: occupancy by month, stays in a range or flagged, runs' lodging."""

import calendar
import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q

from lms.learning.models import CourseRun
from lms.learning.selectors import runs_in_language

from ..models import (
    LIVE,
    OutOfService,
    Room,
    Stay,
    StayStatus,
)
from .availability import Availability, run_availability
from .occupancy import month_after
from .stays import _stay_related, stay_nights_propose


@dataclass
class MonthRate:
    month: dt.date
    bed_nights: int
    occupied: int

    @property
    def rate(self) -> float:
        if not self.bed_nights:
            return 0.0
        return round(100 * self.occupied / self.bed_nights, 1)

    @property
    def label(self) -> str:
        return self.month.strftime("%Y-%m")


def occupancy_by_month(*, year: int) -> list[MonthRate]:
    """Bed-nights used over bed-nights offered, month by month: three queries.

    Offered: the beds in use today, less the nights their rooms are out of
    service. Used: nights of stays that took their bed (no-shows and
    cancellations do not count; a checked-out stay counts the nights it used).
    """
    start, end = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    beds_by_room = dict(
        Room.objects.filter(is_active=True, floor__building__is_active=True)
        .annotate(n=Count("beds", filter=Q(beds__is_active=True)))
        .values_list("pk", "n")
    )
    total_beds = sum(beds_by_room.values())
    offered = [0] * 12
    used = [0] * 12

    def spread(first: dt.date, last: dt.date, weight: int, into: list[int]):
        first, last = max(first, start), min(last, end)
        night = first
        while night < last:
            following = min(month_after(night), last)
            into[night.month - 1] += weight * (following - night).days
            night = following

    for month in range(12):
        days = calendar.monthrange(year, month + 1)[1]
        offered[month] = total_beds * days
    closed = [0] * 12
    for room_id, starts_on, ends_on in OutOfService.objects.filter(
        starts_on__lt=end, ends_on__gt=start
    ).values_list("room_id", "starts_on", "ends_on"):
        spread(starts_on, ends_on, beds_by_room.get(room_id, 0), closed)
    for check_in, check_out in (
        Stay.objects.occupying()
        .overlapping(start, end)
        .values_list("check_in", "check_out")
    ):
        spread(check_in, check_out, 1, used)
    return [
        MonthRate(dt.date(year, m + 1, 1), max(offered[m] - closed[m], 0), used[m])
        for m in range(12)
    ]


def _runs_shown(stays: list) -> list:
    """`stays`, each run's course in the reader's language (one query at most)."""
    runs_in_language(stay.run for stay in stays)
    return stays


def stays_in_range(*, start: dt.date, end: dt.date) -> list:
    """Stays with a night in `[start, end)`, for the CSV export."""
    return _runs_shown(
        list(
            _stay_related(Stay.objects.overlapping(start, end)).order_by(
                "check_in", "bed__room__number", "pk"
            )
        )
    )


def stays_flagged() -> list:
    return _runs_shown(
        list(
            _stay_related(
                Stay.objects.filter(needs_review=True, status__in=LIVE)
            ).order_by("check_in", "pk")
        )
    )


def run_stays(*, run: CourseRun) -> dict:
    """A run's stays for staff: with a bed, and the waitlist in its order; the
    run and its stays show the course in the reader's language."""
    stays = list(
        _stay_related(Stay.objects.filter(run=run)).order_by("created_at", "pk")
    )
    runs_in_language([run, *(stay.run for stay in stays)])
    return {
        "booked": [s for s in stays if s.status != StayStatus.WAITLISTED],
        "waitlist": [s for s in stays if s.status == StayStatus.WAITLISTED],
        "proposal": stay_nights_propose(run=run),
    }


@dataclass
class RunOverview:
    run: CourseRun
    availability: Availability | None
    booked: int
    waitlisted: int
    to_review: int


def residential_runs_overview() -> list[RunOverview]:
    """Upcoming residential runs with their beds left and stays: seven queries
    (eight in a language other than the courses')."""
    runs = list(
        CourseRun.objects.upcoming()
        .filter(is_residential=True)
        .select_related("course")
        .order_by("starts_on", "pk")[:100]
    )
    runs_in_language(runs)
    availability = run_availability(runs=runs)
    counts = Counter()
    for run_id, status, review in Stay.objects.filter(
        run__in=runs, status__in=LIVE
    ).values_list("run_id", "status", "needs_review"):
        key = "waitlisted" if status == StayStatus.WAITLISTED else "booked"
        counts[(run_id, key)] += 1
        counts[(run_id, "review")] += int(review)
    return [
        RunOverview(
            run,
            availability.get(run.pk),
            counts[(run.pk, "booked")],
            counts[(run.pk, "waitlisted")],
            counts[(run.pk, "review")],
        )
        for run in runs
    ]
