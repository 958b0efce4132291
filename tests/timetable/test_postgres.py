"""On PostgreSQL: the exclusion constraints, parallel bookings, the real worker.

- Hypothesis generates schedules and writes them as rows, around the services:
  the database itself never holds two overlapping meetings of a room, a run or
  an instructor, and refuses exactly the rows that overlap one it holds.
- Threads with their own connections book the same time at once: exactly one
  wins, the others get the conflict message.
- The change e-mail goes through a real Celery worker, once.
"""

import datetime as dt

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms.timetable.models import InstructorSlot, LectureSession, SessionOccurrence
from lms.timetable.services import SessionConflict, session_cancel, session_create

from ..concurrency import in_parallel
from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    UserFactory,
    catalog_create,
    course_tree_create,
    instructor_create,
)
from ..factories.timetable import RoomFactory, at

# --- hypothesis: the database never accepts an overlap ---------------------------

# meetings as (room, run, instructor, start in 15-minute steps, length in steps)
meetings = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.integers(0, 2),
        st.integers(0, 2),
        st.integers(0, 40),
        st.integers(1, 12),
    ),
    min_size=1,
    max_size=25,
)


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(schedule=meetings)
def test_the_database_refuses_exactly_the_overlapping_meetings(postgresql, schedule):
    course = course_tree_create(index=catalog_create())
    rooms = [RoomFactory() for _ in range(3)]
    runs = [CourseRunFactory(course=course) for _ in range(3)]
    people = [instructor_create() for _ in range(3)]
    base = at(0, 8)
    held: list[tuple] = []  # (start, end, room, run, instructor)
    for number, (room, run, person, start, length) in enumerate(schedule):
        starts = base + dt.timedelta(minutes=15 * start)
        ends = starts + dt.timedelta(minutes=15 * length)
        clash = any(
            _overlaps((starts, ends), (s, e)) and (room == r or run == u or person == p)
            for s, e, r, u, p in held
        )
        try:
            with transaction.atomic():
                session = LectureSession.objects.create(
                    run=runs[run],
                    title=f"s{number}",
                    room=rooms[room],
                    starts_at=starts,
                    ends_at=ends,
                )
                occurrence = SessionOccurrence.objects.create(
                    session=session,
                    index=0,
                    starts_at=starts,
                    ends_at=ends,
                    room=rooms[room],
                    run=runs[run],
                )
                InstructorSlot.objects.create(
                    occurrence=occurrence,
                    instructor=people[person],
                    starts_at=starts,
                    ends_at=ends,
                )
        except IntegrityError:
            assert clash, "the database refused a meeting that overlaps nothing"
        else:
            assert not clash, "the database accepted an overlapping meeting"
            held.append((starts, ends, room, run, person))
    stored = list(
        SessionOccurrence.objects.filter(is_active=True).values_list(
            "starts_at", "ends_at", "room_id"
        )
    )
    for i, a in enumerate(stored):
        for b in stored[i + 1 :]:
            assert not (a[2] == b[2] and _overlaps(a, b))


@pytest.mark.django_db
def test_an_inactive_meeting_does_not_hold_the_room(postgresql):
    room = RoomFactory()
    first = session_create(
        kind="event",
        room=room,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        title="취소될 대관",
    ).session
    session_cancel(session=first)
    session_create(
        kind="event", room=room, starts_at=at(0, 10), ends_at=at(0, 12), title="새 대관"
    )
    assert SessionOccurrence.objects.filter(room=room, is_active=True).count() == 1


# --- concurrency: exactly one of the conflicting bookings wins ----------------------


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_eight_parallel_bookings_of_one_room_and_time_one_wins(postgresql):
    room = RoomFactory()

    def book(n):
        return session_create(
            kind="event",
            room=room,
            starts_at=at(0, 10, 5 * n),
            ends_at=at(0, 12),
            title=f"대관 {n}",
        )

    results, errors = in_parallel(book, list(range(8)))
    assert len(results) == 1
    assert len(errors) == 7
    assert all(isinstance(error, SessionConflict) for error in errors), errors
    assert SessionOccurrence.objects.filter(room=room, is_active=True).count() == 1


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_one_instructor_booked_in_six_rooms_at_once_gets_exactly_one(postgresql):
    person = UserFactory()  # a transactional test has no role groups to join
    rooms = [RoomFactory() for _ in range(6)]

    def book(room):
        return session_create(
            kind="event",
            room=room,
            starts_at=at(0, 10),
            ends_at=at(0, 12),
            title=f"특강 {room.pk}",
            instructors=[person],
        )

    results, errors = in_parallel(book, rooms)
    assert len(results) == 1
    assert [type(error) for error in errors] == [SessionConflict] * 5
    assert InstructorSlot.objects.filter(instructor=person, is_active=True).count() == 1


# --- the real worker ------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_change_e_mail_goes_through_the_worker_once(celery_worker_process):
    from lms.timetable.models import SessionNotice
    from lms.timetable.tasks import session_change_notify

    run = CourseRunFactory(course=course_tree_create(index=catalog_create()))
    learners = [EnrollmentFactory(run=run).learner for _ in range(3)]
    session = session_create(
        run=run,
        room=RoomFactory(),
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        title="특강",
    ).session
    session_cancel(session=session)  # enqueues the task on commit
    first = session_change_notify.delay(session.pk, 1).get(timeout=30)
    second = session_change_notify.delay(session.pk, 1).get(timeout=30)
    # the worker runs tasks in order: the one the cancellation enqueued sent
    # the three mails, and running it again sends nothing
    assert (first, second) == (0, 0)
    notices = SessionNotice.objects.filter(session=session, sequence=1)
    assert sorted(notices.values_list("learner_id", flat=True)) == sorted(
        learner.pk for learner in learners
    )
    assert mail.outbox == []  # sent by the worker, not in this process
