"""Parallel enrolments on PostgreSQL never take one seat too many."""

import http.client
import re
from collections import Counter

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lms.learning import tasks
from lms.learning.models import CourseRun, Enrollment
from lms.learning.services import enrollment_create

from ..concurrency import in_parallel, pooled_server, session_cookie
from ..factories import (
    CourseRunFactory,
    UserFactory,
    catalog_create,
    course_tree_create,
    translation_tree_create,
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


CLIENTS = 200


@pytest.fixture
def server():
    yield from pooled_server(clients=CLIENTS, workers=16)


def test_200_requests_for_the_last_seat_half_through_the_english_page(
    server, postgresql, notified
):
    """The Korean and English pages offer the one run: 200 learners, half of
    them enrolling from the English page, take the last seat exactly once."""
    course = course_tree_create(index=catalog_create())
    english = translation_tree_create(course)
    run = CourseRunFactory(course=course, capacity=SEATS)
    for learner in UserFactory.create_batch(SEATS - 1):
        enrollment_create(learner=learner, run=run)
    actions = {}
    viewer = Client()
    viewer.force_login(UserFactory())
    for language, page in (("ko", course), ("en", english)):
        with translation.override(language):
            html = viewer.get(page.url).content.decode()
        [actions[language]] = re.findall(r'action="([^"]*/enroll/)"', html)
    assert actions["en"].startswith("/en/") and not actions["ko"].startswith("/en/")
    assert {a.split("/runs/")[1] for a in actions.values()} == {f"{run.pk}/enroll/"}

    csrf = _get_new_csrf_string()
    requests = [
        (actions["en" if n % 2 else "ko"], session_cookie(learner))
        for n, learner in enumerate(UserFactory.create_batch(CLIENTS))
    ]
    host, port = server
    answers: list[int] = []

    def post(request):
        path, session = request
        connection = http.client.HTTPConnection(host, port, timeout=120)
        try:
            connection.request(
                "POST",
                path,
                body="",
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"sessionid={session}; csrftoken={csrf}",
                    "X-CSRFToken": csrf,
                },
            )
            answers.append(connection.getresponse().status)
        finally:
            connection.close()

    _, errors = in_parallel(post, requests, timeout=180)
    assert errors == []
    assert Counter(answers) == {302: CLIENTS}
    statuses, seats_taken = _outcome(run)
    assert statuses == {"active": SEATS, "waitlisted": CLIENTS - 1}
    assert seats_taken == SEATS
