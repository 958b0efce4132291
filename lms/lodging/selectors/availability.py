"""Availability of beds on the catalog and the course pages."""

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from lms.learning.models import CourseRun

from ..models import (
    LIVE,
    GenderPolicy,
    Stay,
    StayStatus,
)
from .stays import _stay_related, stay_nights_propose_many


@dataclass
class Availability:
    """Beds free for every night a run's learners need, by kind of room."""

    check_in: dt.date
    check_out: dt.date
    by_policy: dict[str, int]
    waitlisted: int = 0

    @property
    def free(self) -> int:
        return sum(self.by_policy.values())

    @property
    def policies(self) -> list[tuple[str, int]]:
        return [
            (GenderPolicy(key).label, self.by_policy.get(key, 0))
            for key in GenderPolicy.values
        ]


def run_availability(*, runs: list[CourseRun]) -> dict[int, Availability]:
    """Lodging availability of residential runs, in four queries for any number."""
    from ..assignment import Occupancy, Request

    residential = [run for run in runs if run.is_residential]
    if not residential:
        return {}
    proposals = stay_nights_propose_many(runs=residential)
    wanted = {pk: nights for pk, nights in proposals.items() if nights}
    if not wanted:
        return {}
    start = min(nights[0] for nights in wanted.values())
    end = max(nights[1] for nights in wanted.values())
    occupancy = Occupancy.load(start, end)
    waitlisted = Counter(
        Stay.objects.filter(
            run_id__in=list(wanted), status=StayStatus.WAITLISTED
        ).values_list("run_id", flat=True)
    )
    result = {}
    for run_pk, (check_in, check_out) in wanted.items():
        by_policy = {
            policy: occupancy.free_beds(
                Request(check_in=check_in, check_out=check_out, room_policy=policy)
            )
            for policy in GenderPolicy.values
        }
        result[run_pk] = Availability(
            check_in, check_out, by_policy, waitlisted.get(run_pk, 0)
        )
    return result


class PageLodging:
    """Lodging on a course or catalog page, worked out only if the page asks.

    Pages without a residential run never touch the lodging tables.
    """

    def __init__(self, runs, *, user=None):
        self._runs = runs
        self._user = user
        self._availability = None
        self._stays: dict[int, Stay | None] = {}

    def for_run(self, run) -> Availability | None:
        if self._availability is None:
            self._availability = run_availability(runs=list(self._runs))
        return self._availability.get(run.pk)

    def runs(self) -> list:
        if self._availability is None:
            self._availability = run_availability(runs=list(self._runs))
        return [run for run in self._runs if run.pk in self._availability]

    def stay_for(self, enrollment) -> Stay | None:
        if enrollment.pk not in self._stays:
            self._stays[enrollment.pk] = (
                _stay_related(
                    Stay.objects.filter(enrollment=enrollment, status__in=LIVE)
                )
                .order_by("-pk")
                .first()
            )
        return self._stays[enrollment.pk]
