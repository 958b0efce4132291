"""Parallel joins and bookings on PostgreSQL never take one place too many,
and one learner booking the same slot from many tabs holds one place.
"""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.community.models import (
    MentoringBooking,
    MentoringSlot,
    MentorProfile,
    StudyGroup,
)
from lms.community.services import (
    CapacityReached,
    CommunityError,
    booking_create,
    slot_create,
    study_group_create,
    study_group_join,
)

from ..concurrency import in_parallel
from ..factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

PEOPLE = 30
PLACES = 5


@pytest.fixture
def no_tasks(monkeypatch):
    """Notifications are written in the services; their e-mail tasks are not
    needed here, and eager tasks in threads are not thread-safe.
    """
    from lms.community import tasks

    monkeypatch.setattr(tasks.notification_email_send, "delay", lambda *a: None)


def test_thirty_parallel_joins_fill_a_group_of_five(postgresql, no_tasks, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "community.group": ["100/m"]}
    group = study_group_create(
        creator=UserFactory(), name="인기 스터디", description="d", member_limit=PLACES
    )
    people = UserFactory.create_batch(PEOPLE)
    _, errors = in_parallel(
        lambda person: study_group_join(user=person, group=group), people
    )
    assert len(errors) == PEOPLE - (PLACES - 1)
    assert all(isinstance(error, CapacityReached) for error in errors)
    group.refresh_from_db()
    assert group.member_count == PLACES == group.memberships.count()


@pytest.fixture
def slot(postgresql):
    mentor = UserFactory()
    MentorProfile.objects.create(user=mentor, headline="멘토")
    start = timezone.now() + dt.timedelta(days=2)
    return slot_create(
        mentor=mentor,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        places=3,
        place="금융센터 상담실",
    )


def test_thirty_parallel_booking_requests_take_three_places(slot, no_tasks, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "community.booking": ["100/m"]}
    url = reverse("community:slot-book", args=[slot.pk])
    clients = []
    for person in UserFactory.create_batch(PEOPLE):
        client = Client()
        client.force_login(person)
        clients.append(client)
    statuses: list[int] = []
    _, errors = in_parallel(
        lambda c: statuses.append(c.post(url, {"note": "상담"}).status_code), clients
    )
    assert errors == []
    assert sorted(statuses) == [302] * 3 + [409] * (PEOPLE - 3)
    slot.refresh_from_db()
    assert (
        slot.places_taken
        == 3
        == MentoringBooking.objects.filter(status="booked").count()
    )


def test_one_learner_booking_from_ten_tabs_holds_one_place(slot, no_tasks, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "community.booking": ["100/m"]}
    learner = UserFactory()
    _, errors = in_parallel(
        lambda n: booking_create(learner=learner, slot=slot, note=f"탭 {n}"),
        list(range(10)),
    )
    assert len(errors) == 9 and all(isinstance(e, CommunityError) for e in errors)
    assert MentoringSlot.objects.get(pk=slot.pk).places_taken == 1
    assert (
        MentoringBooking.objects.filter(learner=learner, status="booked").count() == 1
    )
    assert StudyGroup.objects.count() == 0
