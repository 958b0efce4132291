"""iCalendar feeds, read back with `icalendar` and `recurring-ical-events`."""

import datetime as dt

import pytest
import recurring_ical_events
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from lms.learning.models import AssignmentExtension
from lms.timetable.models import SessionOccurrence
from lms.timetable.services import (
    feed_token_for,
    feed_token_rotate,
    occurrence_cancel,
    session_cancel,
    session_create,
    session_update,
)

from ..factories import CourseRunFactory, EnrollmentFactory, UserFactory
from ..factories.timetable import MONDAY, SEOUL, RoomFactory, at

pytestmark = pytest.mark.django_db


def _feed(client, user) -> Calendar:
    url = reverse("timetable-feeds:personal", args=[feed_token_for(user=user).token])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


@pytest.fixture
def schedule(room, other_room, run, learner, instructor, notified):
    """A learner's run with a weekly series (one meeting taken out), a single
    meeting, and a cancelled session; plus another run's session they must
    not see."""
    series = session_create(
        run=run,
        title="사회적경제 입문",
        room=room,
        starts_at=at(0, 10),
        ends_at=at(0, 12),
        rrule="FREQ=WEEKLY;COUNT=5",
        excluded_dates=[MONDAY + dt.timedelta(days=14)],
        instructors=[instructor],
    ).session
    single = session_create(
        run=run,
        title="현장 견학",
        room=other_room,
        starts_at=at(2, 14),
        ends_at=at(2, 17),
    ).session
    cancelled = session_create(
        run=run, title="취소된 특강", room=room, starts_at=at(3, 10), ends_at=at(3, 11)
    ).session
    session_cancel(session=cancelled, reason="강사 사정")
    other_run = CourseRunFactory(course=run.course)
    hidden = session_create(
        run=other_run,
        title="다른 기수",
        room=room,
        starts_at=at(4, 10),
        ends_at=at(4, 11),
    ).session
    return {
        "series": series,
        "single": single,
        "cancelled": cancelled,
        "hidden": hidden,
    }


def test_the_personal_feed_expands_to_exactly_the_meetings_in_the_database(
    client, learner, schedule
):
    calendar = _feed(client, learner)
    events = recurring_ical_events.of(calendar).between(at(-7, 0), at(60, 0))
    held = {
        (str(e["UID"]), e.decoded("DTSTART"))
        for e in events
        if str(e.get("STATUS")) != "CANCELLED"
    }
    expected = {
        (f"session-{o.session_id}@campus", o.starts_at)
        for o in SessionOccurrence.objects.filter(
            session__run__enrollments__learner=learner, is_active=True
        )
    }
    assert held == expected
    assert len(held) == 5  # four of the series, one single
    cancelled = [e for e in events if str(e.get("STATUS")) == "CANCELLED"]
    assert {str(e["UID"]) for e in cancelled} == {schedule["cancelled"].uid}
    assert schedule["hidden"].uid not in {str(e["UID"]) for e in events}


def test_the_feed_has_a_seoul_vtimezone_rrule_and_exdate(client, learner, schedule):
    calendar = _feed(client, learner)
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "Asia/Seoul"
    series = next(
        e for e in calendar.walk("VEVENT") if str(e["UID"]) == schedule["series"].uid
    )
    assert series["RRULE"].to_ical() == b"FREQ=WEEKLY;COUNT=5"
    assert series["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert series.decoded("DTSTART").tzinfo is not None
    exdates = [d.dt for d in series["EXDATE"].dts]
    assert exdates == [at(14, 10)]
    assert "강의동" in str(series["LOCATION"])


def test_the_feed_survives_a_round_trip_unchanged(client, learner, schedule):
    url = reverse("timetable-feeds:personal", args=[feed_token_for(user=learner).token])
    body = client.get(url).content
    assert Calendar.from_ical(body).to_ical() == body


def test_sequence_rises_on_every_change_and_the_uid_stays(client, learner, schedule):
    series = schedule["series"]
    session_update(session=series, title="사회적경제 입문 (개정)")
    occurrence_cancel(occurrence=series.occurrences.get(index=1))
    event = next(
        e for e in _feed(client, learner).walk("VEVENT") if str(e["UID"]) == series.uid
    )
    assert int(event["SEQUENCE"]) == 2
    assert str(event["SUMMARY"]) == "사회적경제 입문 (개정)"
    exdates = (
        event["EXDATE"] if isinstance(event["EXDATE"], list) else [event["EXDATE"]]
    )
    assert {d.dt for e in exdates for d in e.dts} == {at(7, 10), at(14, 10)}


def test_an_instructor_sees_the_sessions_they_teach(client, instructor, schedule):
    uids = {str(e["UID"]) for e in _feed(client, instructor).walk("VEVENT")}
    assert uids == {schedule["series"].uid}


def test_a_rotated_token_is_a_404_like_an_unknown_one(client, learner, schedule):
    old = feed_token_for(user=learner).token
    new = feed_token_rotate(user=learner).token
    assert new != old
    gone = client.get(reverse("timetable-feeds:personal", args=[old]))
    unknown = client.get(reverse("timetable-feeds:personal", args=["x" * 43]))
    assert gone.status_code == unknown.status_code == 404
    # the same page, but for the path it names
    assert gone.content.replace(old.encode(), b"~") == unknown.content.replace(
        b"x" * 43, b"~"
    )
    assert (
        client.get(reverse("timetable-feeds:personal", args=[new])).status_code == 200
    )


def test_a_deactivated_users_feed_is_a_404(client, learner, schedule):
    token = feed_token_for(user=learner).token
    learner.is_active = False
    learner.save()
    assert (
        client.get(reverse("timetable-feeds:personal", args=[token])).status_code == 404
    )


def test_etag_and_last_modified_answer_a_conditional_get(client, learner, schedule):
    url = reverse("timetable-feeds:personal", args=[feed_token_for(user=learner).token])
    first = client.get(url)
    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert "private" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    session_update(session=schedule["single"], title="현장 견학 (장소 변경)")
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]


def test_assignment_deadlines_are_in_the_feed_with_the_learners_extension(
    client, run, learner, course, notified
):
    from courses.models import AssignmentPage, CourseModulePage

    module = CourseModulePage.objects.child_of(course).first()
    # iCalendar times have whole seconds
    due = timezone.now().replace(microsecond=0) + dt.timedelta(days=5)
    page = AssignmentPage(
        title="사업계획서",
        slug="plan",
        grade_category="assignment",
        due_at=due,
        instructions=[("paragraph", "<p>제출</p>")],
    )
    module.add_child(instance=page)
    classmate = EnrollmentFactory(run=run).learner
    extended = due + dt.timedelta(days=3)
    AssignmentExtension.objects.create(
        learner=learner, assignment=page, due_at=extended
    )

    def deadline(user):
        return next(
            e
            for e in _feed(client, user).walk("VEVENT")
            if str(e["UID"]).startswith(f"assignment-{page.pk}-")
        )

    assert deadline(learner).decoded("DTSTART") == extended
    assert deadline(classmate).decoded("DTSTART") == due
    outsider = UserFactory()
    assert not [
        e
        for e in _feed(client, outsider).walk("VEVENT")
        if "assignment" in str(e["UID"])
    ]


def test_the_public_run_feed_and_the_room_feed(client, run, room, schedule):
    run_feed = Calendar.from_ical(
        client.get(reverse("timetable-feeds:run", args=[run.pk])).content
    )
    uids = {str(e["UID"]) for e in run_feed.walk("VEVENT")}
    assert uids == {s.uid for k, s in schedule.items() if k != "hidden"}
    room_feed = Calendar.from_ical(
        client.get(reverse("timetable-feeds:room", args=[room.pk])).content
    )
    assert schedule["hidden"].uid in {str(e["UID"]) for e in room_feed.walk("VEVENT")}


def test_an_unpublished_runs_feed_and_an_inactive_rooms_feed_are_404(client, run):
    run.is_published = False
    run.save()
    assert client.get(reverse("timetable-feeds:run", args=[run.pk])).status_code == 404
    closed = RoomFactory(is_active=False)
    assert (
        client.get(reverse("timetable-feeds:room", args=[closed.pk])).status_code == 404
    )


def test_one_session_downloads_as_an_ics_attachment(client, schedule):
    session = schedule["single"]
    response = client.get(reverse("timetable-feeds:session", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("DTSTART") == at(2, 14)
    assert event.decoded("DTSTART").astimezone(SEOUL).hour == 14
