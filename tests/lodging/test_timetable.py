"""Lodging follows the timetable: nights from the sessions, flags when they move."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from lms.lodging.models import GenderPolicy, Stay
from lms.lodging.selectors import stay_nights_propose
from lms.lodging.services import stay_hold
from lms.timetable.services.sessions import (
    session_cancel,
    session_create,
    session_update,
)

from ..factories.timetable import RoomFactory

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SEOUL)


@pytest.fixture
def hall(db):
    return RoomFactory(capacity=40)


@pytest.fixture
def sessions(run, hall):
    """Daily lectures on the run's second and third days (not its first)."""
    first = run.starts_on + dt.timedelta(days=1)
    outcome = session_create(
        room=hall,
        run=run,
        title="지역 먹거리 유통 실습",
        starts_at=_at(first, 10),
        ends_at=_at(first, 12),
        rrule="FREQ=DAILY;COUNT=2",
    )
    return outcome.session


def test_without_sessions_the_nights_come_from_the_runs_dates(run):
    assert stay_nights_propose(run=run) == (run.starts_on, run.ends_on)


def test_the_nights_cover_the_days_the_sessions_meet(run, sessions):
    second = run.starts_on + dt.timedelta(days=1)
    assert stay_nights_propose(run=run) == (second, second + dt.timedelta(days=1))


def test_a_held_stay_takes_the_session_nights(run, sessions, enrollment, women_room):
    stay = stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)
    second = run.starts_on + dt.timedelta(days=1)
    assert (stay.check_in, stay.check_out) == (second, second + dt.timedelta(days=1))


def test_moving_the_sessions_flags_the_stays_after_commit(
    run, sessions, enrollment, women_room, django_capture_on_commit_callbacks
):
    stay = stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)
    with django_capture_on_commit_callbacks(execute=True):
        # one meeting on the run's first day: the night before it, not these
        session_update(
            session=sessions,
            starts_at=_at(run.starts_on, 10),
            ends_at=_at(run.starts_on, 12),
            rrule="",
        )
    stay = Stay.objects.get(pk=stay.pk)
    assert stay.needs_review
    assert stay.review_note


def test_cancelling_sessions_within_the_runs_dates_keeps_a_fitting_stay(
    run, sessions, enrollment, women_room, django_capture_on_commit_callbacks
):
    """With no session left, the run's dates decide; the stay still fits them."""
    stay = stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=sessions, reason="강사 사정")
    assert not Stay.objects.get(pk=stay.pk).needs_review


def test_a_session_of_another_run_leaves_the_stays_alone(
    run, enrollment, women_room, hall, django_capture_on_commit_callbacks
):
    from ..factories import CourseRunFactory

    stay = stay_hold(enrollment=enrollment, room_policy=GenderPolicy.WOMEN)
    other = CourseRunFactory(
        course=run.course, starts_on=run.starts_on, ends_on=run.ends_on
    )
    with django_capture_on_commit_callbacks(execute=True):
        outcome = session_create(
            room=hall,
            run=other,
            title="다른 차수",
            starts_at=_at(run.starts_on, 14),
            ends_at=_at(run.starts_on, 16),
        )
        session_cancel(session=outcome.session)
    assert not Stay.objects.get(pk=stay.pk).needs_review
