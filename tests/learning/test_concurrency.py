"""Parallel enrolments on PostgreSQL never take one seat too many."""

from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from lms.learning import tasks
from lms.learning.models import CourseRun, Enrollment
from lms.learning.services import enrollment_create

from ..concurrency import in_parallel
from ..factories import (
    CourseRunFactory,
    UserFactory,
    catalog_create,
    course_tree_create,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

LEARNERS = 50
SEATS = 10


@pytest.fixture
def notified(monkeypatch) -> list[int]:
    """Enrolment ids enqueued for an e-mail, instead of 50 threads of eager tasks.

    An eager Celery task flips a process-wide flag on entry and exit, which
    threads running tasks at once can leave set for the rest of the session.
    """
    enqueued: list[int] = []
    monkeypatch.setattr(tasks.enrollment_status_notify, "delay", enqueued.append)
    return enqueued


@pytest.fixture
def small_run(postgresql):
    course = course_tree_create(index=catalog_create())
    return CourseRunFactory(course=course, capacity=SEATS)


def _outcome(run: CourseRun) -> tuple[Counter, int]:
    statuses = Counter(
        Enrollment.objects.filter(run=run).values_list("status", flat=True)
    )
    return statuses, CourseRun.objects.get(pk=run.pk).seats_taken


def test_fifty_parallel_enrolments_fill_ten_seats_and_waitlist_the_rest(
    small_run, notified
):
    learners = UserFactory.create_batch(LEARNERS)
    _, errors = in_parallel(
        lambda learner: enrollment_create(learner=learner, run=small_run), learners
    )
    assert errors == []
    statuses, seats_taken = _outcome(small_run)
    assert statuses == {"active": SEATS, "waitlisted": LEARNERS - SEATS}
    assert seats_taken == SEATS
    assert sorted(notified) == sorted(
        Enrollment.objects.filter(run=small_run).values_list("pk", flat=True)
    )


def test_fifty_parallel_enrol_requests_fill_ten_seats_and_waitlist_the_rest(
    small_run, notified
):
    url = reverse("learning:run-enroll", args=[small_run.pk])
    clients = []
    for learner in UserFactory.create_batch(LEARNERS):
        client = Client()
        client.force_login(learner)
        clients.append(client)
    statuses_seen: list[int] = []
    _, errors = in_parallel(
        lambda client: statuses_seen.append(client.post(url).status_code), clients
    )
    assert errors == []
    assert statuses_seen == [302] * LEARNERS
    statuses, seats_taken = _outcome(small_run)
    assert statuses == {"active": SEATS, "waitlisted": LEARNERS - SEATS}
    assert seats_taken == SEATS
