"""Never one bed too many: simultaneous requests for the last bed on PostgreSQL.

The HTTP test sends 200 requests at once to a real WSGI server with a pool of
worker threads (as gunicorn has a fixed number of workers), each with its own
database connection; the service test calls `stay_hold` from threads with
their own connections. PostgreSQL's 100-connection limit is why the server
pools: 200 connections at once would be refused by the database itself.
"""

import http.client
from collections import Counter
from urllib.parse import urlencode

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.urls import reverse

from lms.lodging import tasks
from lms.lodging.models import GenderPolicy, Stay, StayStatus
from lms.lodging.services import stay_hold

from ..concurrency import in_parallel, pooled_server, session_cookie
from ..factories.lodging import room_create, stay_create

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

CLIENTS = 200
SERVER_WORKERS = 16
THREADS = 30


@pytest.fixture
def notified(monkeypatch) -> list[int]:
    """Stay ids enqueued for an e-mail, instead of eager tasks in many threads."""
    enqueued: list[int] = []
    monkeypatch.setattr(tasks.stay_status_notify, "delay", enqueued.append)
    return enqueued


@pytest.fixture
def server():
    yield from pooled_server(clients=CLIENTS, workers=SERVER_WORKERS)


@pytest.fixture
def last_bed(postgresql, floor, run):
    """A two-bed room whose other bed is taken for the run's nights."""
    room = room_create(floor=floor, number="101", beds=2, policy=GenderPolicy.WOMEN)
    taken, free = room.beds.order_by("label")
    stay_create(bed=taken, check_in=run.starts_on, check_out=run.ends_on)
    return free


def _outcome(bed) -> Counter:
    held = Stay.objects.filter(bed=bed).exclude(status=StayStatus.CANCELLED)
    assert held.count() <= 1
    return Counter(
        Stay.objects.filter(enrollment__isnull=False).values_list("status", flat=True)
    )


def test_200_simultaneous_requests_for_the_last_bed_make_exactly_one_stay(
    server, last_bed, enrol, run, notified
):
    host, port = server
    csrf = _get_new_csrf_string()
    requests = []
    for _ in range(CLIENTS):
        enrollment = enrol()
        requests.append(
            (
                reverse("lodging:stay-hold", args=[enrollment.pk]),
                session_cookie(enrollment.learner),
            )
        )
    body = urlencode(
        {
            "room_policy": GenderPolicy.WOMEN,
            "check_in": run.starts_on.isoformat(),
            "check_out": run.ends_on.isoformat(),
        }
    )
    answers: list[int] = []

    def post(request):
        path, session = request
        client = http.client.HTTPConnection(host, port, timeout=120)
        try:
            client.request(
                "POST",
                path,
                body=body,
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"sessionid={session}; csrftoken={csrf}",
                    "X-CSRFToken": csrf,
                },
            )
            answers.append(client.getresponse().status)
        finally:
            client.close()

    _, errors = in_parallel(post, requests, timeout=180)
    assert errors == []
    assert len(answers) == CLIENTS
    assert Counter(answers) == {302: CLIENTS}  # no 5xx, no refusal: all answered
    statuses = _outcome(last_bed)
    assert statuses == {StayStatus.HELD: 1, StayStatus.WAITLISTED: CLIENTS - 1}
    assert Stay.objects.get(status=StayStatus.HELD).bed == last_bed
    assert len(notified) == CLIENTS


def test_parallel_holds_in_threads_give_the_last_bed_once(last_bed, enrol, notified):
    enrollments = [enrol() for _ in range(THREADS)]
    _, errors = in_parallel(
        lambda e: stay_hold(enrollment=e, room_policy=GenderPolicy.WOMEN), enrollments
    )
    assert errors == []
    statuses = _outcome(last_bed)
    assert statuses == {StayStatus.HELD: 1, StayStatus.WAITLISTED: THREADS - 1}


def test_without_the_lock_the_constraint_still_refuses_the_second_bed_night(
    last_bed, enrol, run, monkeypatch, notified
):
    """Take the row lock away: the exclusion constraint alone keeps the bed
    single, and the loser gets a clear refusal, not a 500."""
    from lms.lodging import services
    from lms.lodging.services import bookings

    # stay_hold takes the lock through the name its own module imported
    monkeypatch.setattr(bookings, "_lock_inventory", lambda: None)
    outcomes: list[str] = []

    def attempt(enrollment):
        try:
            outcomes.append(
                stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN).status
            )
        except services.LodgingError:
            outcomes.append("refused")

    _, errors = in_parallel(attempt, [enrol() for _ in range(THREADS)])
    assert errors == []
    held = Stay.objects.filter(bed=last_bed, status=StayStatus.HELD)
    assert held.count() == 1
    assert set(outcomes) <= {StayStatus.HELD, StayStatus.WAITLISTED, "refused"}
