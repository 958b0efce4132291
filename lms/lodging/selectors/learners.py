"""What a learner sees of their own lodging."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from lms.learning.models import Enrollment, EnrollmentStatus
from lms.learning.selectors import runs_in_language

from ..models import (
    LIVE,
    Stay,
)
from .stays import _stay_related, stay_nights_propose_many


@dataclass
class Bookable:
    """An active enrolment in a residential run that has no stay yet."""

    enrollment: Enrollment
    check_in: dt.date
    check_out: dt.date

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days


@dataclass
class MyLodging:
    current: list[Stay] = field(default_factory=list)
    past: list[Stay] = field(default_factory=list)
    bookable: list[Bookable] = field(default_factory=list)


def my_lodging(*, user) -> MyLodging:
    """The 'My stay' page: stays to come or under way, past ones, and runs to
    book a bed for. Three queries (four in a language other than the courses')."""
    today = timezone.localdate()
    result = MyLodging()
    stays = list(
        _stay_related(Stay.objects.filter(guest=user)).order_by("-check_in", "-pk")[
            :100
        ]
    )
    live_enrollments = set()
    for stay in stays:
        if stay.effective_status in LIVE and stay.check_out > today:
            result.current.append(stay)
            live_enrollments.add(stay.enrollment_id)
        else:
            result.past.append(stay)
    result.current.reverse()
    enrollments = (
        Enrollment.objects.filter(
            learner=user,
            status=EnrollmentStatus.ACTIVE,
            run__is_residential=True,
            run__starts_on__isnull=False,
        )
        .filter(Q(run__ends_on__isnull=True) | Q(run__ends_on__gte=today))
        .select_related("run__course")
        .order_by("run__starts_on")
    )
    enrollments = [e for e in enrollments if e.pk not in live_enrollments]
    proposals = stay_nights_propose_many(runs=[e.run for e in enrollments])
    for enrollment in enrollments:
        nights = proposals[enrollment.run_id]
        if nights and nights[1] > today:
            result.bookable.append(Bookable(enrollment, *nights))
    # each course in the reader's language (a run points at its canonical page)
    runs_in_language([s.run for s in stays if s.run] + [e.run for e in enrollments])
    return result


def stay_last_preferences(*, user) -> dict:
    """What the learner asked for last time, to fill in the form again."""
    last = (
        Stay.objects.filter(guest=user)
        .order_by("-created_at")
        .values("room_policy", "needs_accessible", "keep_with_organization")
        .first()
    )
    return last or {}
