"""SQL query counts of the timetable's pages and feeds do not grow with rows.

Each count is pinned with a small data set and asserted unchanged with a
larger one (more rooms, sessions, meetings, learners).
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.timetable.models import Attendance, SessionOccurrence
from lms.timetable.services import (
    checkin_code_make,
    feed_token_for,
    session_create,
)

from ..factories import EnrollmentFactory, UserFactory, instructor_create
from ..factories.timetable import MONDAY, RoomFactory, at, meeting_create

pytestmark = pytest.mark.django_db

# session, user; rooms, instructors for the filter, meetings, their sessions,
# instructor slots, blackout dates, buildings (no group query: staff here are
# is_staff)
WEEK_QUERIES = 9
MONTH_QUERIES = 9
# token with user; sessions, rooms, instructor links, instructors, excluded
# meetings; enrolments, assignments (no extensions query without assignments);
# lodging's stays; social learning's mentoring bookings, office hours and
# study group meetings
# lecture sessions, deadlines, stays, mentoring, groups, town bookings and events
PERSONAL_FEED_QUERIES = 14
# the run or room; sessions, rooms, instructor links, instructors, excluded
RUN_FEED_QUERIES = 6
ROOM_FEED_QUERIES = 6
# session, user, the meeting, its instructors, staff check, marks, learners
ROSTER_QUERIES = 7
# session, user, token, meetings
MY_CALENDAR_QUERIES = 4
# the session, instructors, materials, meetings; session, user, staff check,
# enrolment check
SESSION_PAGE_QUERIES = 8
# session, user, the meeting; in a transaction (two savepoints, two releases):
# the meeting again, the enrolment, an earlier mark, the new one
CHECK_IN_POST_QUERIES = 11


def _count(client, url, django_assert_num_queries, expected, method="get"):
    getattr(client, method)(url)  # warm caches (site root paths, content types)
    with django_assert_num_queries(expected):
        response = getattr(client, method)(url)
    assert response.status_code in (200, 302)
    return response


def _rooms_and_sessions(*, run, rooms: int, weeks: int, instructors):
    made = []
    for n in range(rooms):
        room = RoomFactory()
        session_create(
            run=run if n == 0 else None,
            kind="lecture" if n == 0 and run else "event",
            room=room,
            starts_at=at(0, 9 + n % 8),
            ends_at=at(0, 10 + n % 8),
            title=f"세션 {n}",
            rrule=f"FREQ=DAILY;COUNT={weeks}",
            instructors=[instructors[n % len(instructors)]]
            if n < len(instructors)
            else [],
        )
        made.append(room)
    return made


@pytest.mark.parametrize(
    "view,expected", [("week", WEEK_QUERIES), ("month", MONTH_QUERIES)]
)
def test_the_timetable_queries_do_not_grow_from_2_to_30_rooms(
    client, staff, run, django_assert_num_queries, view, expected
):
    people = [instructor_create() for _ in range(3)]
    _rooms_and_sessions(run=run, rooms=2, weeks=3, instructors=people)
    client.force_login(staff)
    url = reverse("timetable:timetable") + f"?view={view}&start={MONDAY.isoformat()}"
    small = _count(client, url, django_assert_num_queries, expected)
    _rooms_and_sessions(run=None, rooms=28, weeks=7, instructors=[])
    big = _count(client, url, django_assert_num_queries, expected)
    if view == "week":
        assert len(small.context["grid"].lanes) == 2
        assert len(big.context["grid"].lanes) == 30


def _personal_schedule(*, learner, rooms, runs):
    for n, run in enumerate(runs):
        EnrollmentFactory(run=run, learner=learner)
        session_create(
            run=run,
            room=rooms[n % len(rooms)],
            starts_at=at(n, 10),
            ends_at=at(n, 11),
            title=f"세션 {n}",
            rrule="FREQ=WEEKLY;COUNT=4",
            excluded_dates=[MONDAY + dt.timedelta(days=n + 7)],
            instructors=[instructor_create()],
        )


def test_the_personal_feed_queries_do_not_grow_from_2_to_40_sessions(
    client, course, django_assert_num_queries
):
    from ..factories import CourseRunFactory

    learner = UserFactory()
    rooms = [RoomFactory() for _ in range(3)]
    _personal_schedule(
        learner=learner,
        rooms=rooms,
        runs=CourseRunFactory.create_batch(2, course=course),
    )
    url = reverse("timetable-feeds:personal", args=[feed_token_for(user=learner).token])
    small = _count(client, url, django_assert_num_queries, PERSONAL_FEED_QUERIES)
    assert small.content.count(b"BEGIN:VEVENT") == 2
    more = CourseRunFactory.create_batch(38, course=course)
    for n, run in enumerate(more, start=2):
        EnrollmentFactory(run=run, learner=learner)
        session_create(
            run=run,
            room=rooms[n % 3],
            starts_at=at(n * 7 + 30, 10),
            ends_at=at(n * 7 + 30, 11),
            title=f"세션 {n}",
        )
    big = _count(client, url, django_assert_num_queries, PERSONAL_FEED_QUERIES)
    assert big.content.count(b"BEGIN:VEVENT") == 40


@pytest.mark.parametrize("feed", ["run", "room"])
def test_the_public_feeds_queries_do_not_grow_with_sessions(
    client, run, room, django_assert_num_queries, feed
):
    expected = RUN_FEED_QUERIES if feed == "run" else ROOM_FEED_QUERIES
    url = reverse(
        f"timetable-feeds:{feed}", args=[run.pk if feed == "run" else room.pk]
    )
    session_create(
        run=run,
        room=room,
        starts_at=at(0, 9),
        ends_at=at(0, 10),
        title="1",
        instructors=[instructor_create()],
    )
    _count(client, url, django_assert_num_queries, expected)
    for n in range(1, 20):
        session_create(
            run=run,
            room=room,
            starts_at=at(n, 9),
            ends_at=at(n, 10),
            title=str(n),
            rrule="FREQ=WEEKLY;COUNT=2",
            excluded_dates=[MONDAY + dt.timedelta(days=n + 7)],
            instructors=[instructor_create()],
        )
    big = _count(client, url, django_assert_num_queries, expected)
    assert big.content.count(b"BEGIN:VEVENT") == 20


def test_the_roster_queries_do_not_grow_from_3_to_30_learners(
    client, run, room, instructor, django_assert_num_queries
):
    meeting = meeting_create(
        room=room,
        run=run,
        starts_at=timezone.now(),
        ends_at=timezone.now() + dt.timedelta(hours=1),
        instructors=[instructor],
    )
    learners = [EnrollmentFactory(run=run).learner for _ in range(3)]
    Attendance.objects.create(occurrence=meeting, learner=learners[0], status="present")
    client.force_login(instructor)
    url = reverse("timetable:attendance", args=[meeting.pk])
    _count(client, url, django_assert_num_queries, ROSTER_QUERIES)
    for _ in range(27):
        learner = EnrollmentFactory(run=run).learner
        Attendance.objects.create(occurrence=meeting, learner=learner, status="late")
    big = _count(client, url, django_assert_num_queries, ROSTER_QUERIES)
    assert len(big.context["rows"]) == 30


def test_my_calendar_queries_do_not_grow_with_meetings(
    client, run, room, learner, django_assert_num_queries
):
    now = timezone.now()
    meeting_create(
        room=room, run=run, starts_at=now, ends_at=now + dt.timedelta(hours=1)
    )
    client.force_login(learner)
    url = reverse("timetable:my-calendar")
    _count(client, url, django_assert_num_queries, MY_CALENDAR_QUERIES)
    for n in range(1, 30):
        start = now + dt.timedelta(days=n)
        meeting_create(
            room=room, run=run, starts_at=start, ends_at=start + dt.timedelta(hours=1)
        )
    big = _count(client, url, django_assert_num_queries, MY_CALENDAR_QUERIES)
    assert len(big.context["meetings"]) == 30


def test_the_session_page_queries_do_not_grow_with_meetings(
    client, run, room, instructor, django_assert_num_queries
):
    small = session_create(
        run=run,
        room=room,
        starts_at=at(0, 9),
        ends_at=at(0, 10),
        title="짧은 특강",
        instructors=[instructor],
    ).session
    big = session_create(
        run=run,
        room=room,
        starts_at=at(0, 11),
        ends_at=at(0, 12),
        title="긴 과정",
        rrule="FREQ=DAILY;COUNT=60",
        instructors=[instructor],
    ).session
    client.force_login(instructor)
    for session in (small, big):
        url = reverse("timetable:session", args=[session.pk])
        _count(client, url, django_assert_num_queries, SESSION_PAGE_QUERIES)
    assert SessionOccurrence.objects.filter(session=big).count() == 60


def test_the_check_in_post_runs_a_fixed_number_of_queries(
    client, run, room, learner, django_assert_num_queries
):
    now = timezone.now()
    meeting = meeting_create(
        room=room, run=run, starts_at=now, ends_at=now + dt.timedelta(hours=1)
    )
    for _ in range(10):
        EnrollmentFactory(run=run)
    client.force_login(learner)
    url = reverse("timetable:check-in", args=[checkin_code_make(occurrence=meeting)])
    client.get(url)
    with django_assert_num_queries(CHECK_IN_POST_QUERIES):
        response = client.post(url)
    assert response.status_code == 200
    assert Attendance.objects.get(learner=learner).status == "present"
