"""Scheduling through the services: series, conflicts, bad input, changes."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lms.timetable.models import (
    BlackoutDate,
    InstructorSlot,
    LectureSession,
    SessionOccurrence,
)
from lms.timetable.selectors import run_session_dates
from lms.timetable.services import (
    SessionConflict,
    TimetableError,
    attendance_roster_save,
    occurrence_cancel,
    session_cancel,
    session_create,
    session_update,
)
from lms.timetable.signals import session_rescheduled

from ..factories import CourseRunFactory, EnrollmentFactory
from ..factories.timetable import MONDAY, RoomFactory, at

pytestmark = pytest.mark.django_db


def _book(room, start, end, **kwargs):
    kwargs.setdefault("title", "사회적경제 입문")
    if "run" not in kwargs:
        kwargs["kind"] = "event"
    return session_create(room=room, starts_at=start, ends_at=end, **kwargs).session


def test_a_weekly_series_is_materialised_as_its_meetings(room, run, instructor):
    session = _book(
        room,
        at(0, 10),
        at(0, 12),
        run=run,
        rrule="RRULE:freq=weekly;count=4",
        instructors=[instructor],
    )
    assert session.rrule == "FREQ=WEEKLY;COUNT=4"
    starts = list(session.occurrences.values_list("starts_at", flat=True))
    assert starts == [at(7 * n, 10) for n in range(4)]
    assert InstructorSlot.objects.filter(occurrence__session=session).count() == 4


def test_an_overlapping_booking_of_the_room_is_refused_with_what_it_meets(room):
    _book(room, at(0, 10), at(0, 12), title="정기총회")
    with pytest.raises(SessionConflict) as refusal:
        _book(room, at(0, 11), at(0, 13))
    assert "정기총회" in refusal.value.message
    assert LectureSession.objects.count() == 1


def test_back_to_back_bookings_of_a_room_are_fine(room):
    _book(room, at(0, 10), at(0, 12))
    _book(room, at(0, 12), at(0, 14))
    assert SessionOccurrence.objects.filter(room=room, is_active=True).count() == 2


def test_an_instructor_cannot_be_in_two_rooms_at_once(room, other_room, instructor):
    _book(room, at(0, 10), at(0, 12), instructors=[instructor])
    with pytest.raises(SessionConflict) as refusal:
        _book(other_room, at(0, 11), at(0, 12), instructors=[instructor])
    assert instructor.display_name in refusal.value.message


def test_a_run_cannot_meet_twice_at_once(room, other_room, run):
    _book(room, at(0, 10), at(0, 12), run=run)
    with pytest.raises(SessionConflict):
        _book(other_room, at(0, 11), at(0, 12), run=run)


def test_a_meeting_of_a_series_that_overlaps_is_refused_whole(room):
    _book(room, at(14, 10), at(14, 12))
    with pytest.raises(SessionConflict):
        _book(room, at(0, 9), at(0, 11), rrule="FREQ=WEEKLY;COUNT=4")
    assert LectureSession.objects.count() == 1
    assert SessionOccurrence.objects.count() == 1


def test_a_session_outside_its_runs_dates_is_refused(room, course):
    run = CourseRunFactory(
        course=course, starts_on=MONDAY, ends_on=MONDAY + dt.timedelta(days=10)
    )
    with pytest.raises(TimetableError) as refusal:
        _book(room, at(0, 10), at(0, 12), run=run, rrule="FREQ=WEEKLY;COUNT=3")
    assert "2031" in refusal.value.message or "31" in refusal.value.message
    assert not LectureSession.objects.exists()


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MINUTELY;COUNT=10",
        "FREQ=SECONDLY;COUNT=5",
        "FREQ=HOURLY;COUNT=5",
        "FREQ=WEEKLY",
        "FREQ=DAILY;COUNT=201",
        "FREQ=DAILY;UNTIL=20991231",
        "FREQ=DAILY;BYHOUR=9,10,11;COUNT=3",
        "FREQ=WEEKLY;COUNT=3;UNTIL=20310401",
        "NOT A RULE",
    ],
)
def test_recurrence_bombs_and_nonsense_are_refused(room, rule):
    with pytest.raises(TimetableError):
        _book(room, at(0, 10), at(0, 11), rrule=rule)
    assert not SessionOccurrence.objects.exists()


def test_the_refusal_is_in_korean_by_default_and_english_under_en(room):
    with pytest.raises(TimetableError) as korean:
        _book(room, at(0, 10), at(0, 11), rrule="FREQ=MINUTELY;COUNT=3")
    assert "매일" in korean.value.message
    with translation.override("en"), pytest.raises(TimetableError) as english:
        _book(room, at(0, 10), at(0, 11), rrule="FREQ=MINUTELY;COUNT=3")
    assert "daily, weekly or monthly" in english.value.message


def test_a_public_holiday_is_refused_unless_taken_out_of_the_series(room):
    BlackoutDate.objects.create(date=MONDAY + dt.timedelta(days=7), name="대체공휴일")
    with pytest.raises(TimetableError) as refusal:
        _book(room, at(0, 10), at(0, 12), rrule="FREQ=WEEKLY;COUNT=3")
    assert "대체공휴일" in refusal.value.message
    session = _book(
        room,
        at(0, 10),
        at(0, 12),
        rrule="FREQ=WEEKLY;COUNT=3",
        excluded_dates=[MONDAY + dt.timedelta(days=7)],
    )
    assert list(session.occurrences.values_list("is_active", flat=True)) == [
        True,
        False,
        True,
    ]


def test_a_meeting_outside_opening_hours_is_refused(room):
    with pytest.raises(TimetableError):
        _book(room, at(0, 21), at(0, 23))


def test_an_unknown_exception_date_is_refused(room):
    with pytest.raises(TimetableError):
        _book(
            room,
            at(0, 10),
            at(0, 11),
            rrule="FREQ=WEEKLY;COUNT=2",
            excluded_dates=[MONDAY + dt.timedelta(days=1)],
        )


def test_more_learners_than_seats_is_a_warning_not_a_refusal(course):
    run = CourseRunFactory(course=course, seats_taken=30)
    small = RoomFactory(capacity=12)
    outcome = session_create(
        run=run, room=small, starts_at=at(0, 10), ends_at=at(0, 12), title="특강"
    )
    assert outcome.session.pk
    assert "30" in outcome.warnings[0] and "12" in outcome.warnings[0]


def test_a_change_raises_sequence_tells_learners_and_lodging_after_commit(
    room, other_room, run, learner, django_capture_on_commit_callbacks
):
    session = _book(room, at(0, 10), at(0, 12), run=run, rrule="FREQ=DAILY;COUNT=2")
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs)

    session_rescheduled.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            session_update(
                session=session, room=other_room, starts_at=at(1, 10), ends_at=at(1, 12)
            )
    finally:
        session_rescheduled.disconnect(listener)
    session.refresh_from_db()
    assert session.sequence == 1
    assert session.room == other_room
    assert heard[0]["old_starts_at"] == at(0, 10)
    assert heard[0]["new_starts_at"] == at(1, 10)
    assert heard[0]["old_dates"] == [MONDAY, MONDAY + dt.timedelta(days=1)]
    assert heard[0]["new_dates"] == [MONDAY + dt.timedelta(days=n) for n in (1, 2)]
    assert [m.to for m in mail.outbox] == [[learner.email]]
    assert session.title in mail.outbox[0].subject
    assert run_session_dates(run=run) == heard[0]["new_dates"]


def test_the_change_e_mail_is_sent_once_even_if_the_task_runs_twice(
    room, run, learner, django_capture_on_commit_callbacks
):
    from lms.timetable.tasks import session_change_notify

    session = _book(room, at(0, 10), at(0, 12), run=run)
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=session, reason="강사 사정")
    assert len(mail.outbox) == 1
    assert "강사 사정" in mail.outbox[0].body
    assert session_change_notify(session.pk, 1) == 0
    assert len(mail.outbox) == 1


def test_a_title_only_change_raises_sequence_without_an_e_mail(
    room, run, notified, django_capture_on_commit_callbacks
):
    session = _book(room, at(0, 10), at(0, 12), run=run)
    with django_capture_on_commit_callbacks(execute=True):
        session_update(session=session, title="새 제목")
    session.refresh_from_db()
    assert session.sequence == 1
    assert notified == []


def test_moving_a_series_past_itself_keeps_attendance_by_position(
    room, run, learner, instructor
):
    session = _book(room, at(0, 10), at(0, 12), run=run, rrule="FREQ=DAILY;COUNT=3")
    first = session.occurrences.get(index=0)
    attendance_roster_save(occurrence=first, marks={learner.pk: "present"}, actor=None)
    # one day later: meeting 0 lands where meeting 1 was
    session_update(session=session, starts_at=at(1, 10), ends_at=at(1, 12))
    first.refresh_from_db()
    assert first.starts_at == at(1, 10)
    assert first.attendance.get().status == "present"


def test_a_cancelled_session_frees_the_room_and_stays_cancelled(room, run, notified):
    session = _book(room, at(0, 10), at(0, 12), run=run)
    assert session_cancel(session=session) is True
    assert session_cancel(session=session) is False
    session.refresh_from_db()
    assert session.status == "cancelled" and session.sequence == 1
    _book(room, at(0, 10), at(0, 12), title="대관")
    with pytest.raises(TimetableError):
        session_update(session=session, title="다시")


def test_cancelling_one_meeting_takes_it_out_of_the_series(
    room, run, notified, django_capture_on_commit_callbacks
):
    session = _book(room, at(0, 10), at(0, 12), run=run, rrule="FREQ=WEEKLY;COUNT=2")
    second = session.occurrences.get(index=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert occurrence_cancel(occurrence=second) is True
    second.refresh_from_db()
    assert second.is_excluded and not second.is_active
    first = session.occurrences.get(index=0)
    with pytest.raises(TimetableError):
        occurrence_cancel(occurrence=first)
    assert notified == [(session.pk, 1)]


def test_a_lecture_needs_a_run_and_a_title(room):
    with pytest.raises(TimetableError):
        session_create(room=room, starts_at=at(0, 10), ends_at=at(0, 11), title="특강")
    with pytest.raises(TimetableError):
        session_create(
            kind="event", room=room, starts_at=at(0, 10), ends_at=at(0, 11), title=" "
        )


def test_run_session_dates_lists_each_meeting_day_once(room, other_room, run):
    _book(room, at(0, 9), at(0, 10), run=run, rrule="FREQ=DAILY;COUNT=2")
    _book(other_room, at(0, 14), at(0, 15), run=run)
    EnrollmentFactory(run=run)
    assert run_session_dates(run=run) == [MONDAY, MONDAY + dt.timedelta(days=1)]


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    bookings=st.lists(
        # within opening hours: 08:00 plus up to 20 half-hours, up to 4 hours long
        st.tuples(st.integers(0, 1), st.integers(0, 20), st.integers(1, 8)),
        min_size=1,
        max_size=12,
    )
)
def test_the_services_refuse_exactly_the_overlapping_bookings(bookings):
    """The check every database gets (SQLite has no exclusion constraints)."""
    rooms = [RoomFactory(), RoomFactory()]  # new rooms for every example
    held = []
    for number, (room, start, length) in enumerate(bookings):
        starts = at(0, 8) + dt.timedelta(minutes=30 * start)
        ends = starts + dt.timedelta(minutes=30 * length)
        clash = any(r == room and starts < e and s < ends for r, s, e in held)
        try:
            _book(rooms[room], starts, ends, title=f"대관 {number}")
        except SessionConflict:
            assert clash
        else:
            assert not clash
            held.append((room, starts, ends))
    # examples share the test's transaction: count this example's rooms only
    active = SessionOccurrence.objects.filter(is_active=True, room__in=rooms)
    assert active.count() == len(held)


def test_a_change_reaches_the_notification_centre_without_a_second_e_mail(
    room, run, learner, django_capture_on_commit_callbacks
):
    from lms.community.models import Notification
    from lms.community.services import notification_preference_set
    from lms.timetable.tasks import session_change_notify

    notification_preference_set(user=learner, email_mode="immediate")
    session = _book(room, at(0, 10), at(0, 12), run=run)
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=session, reason="강사 사정")
    [notification] = Notification.objects.filter(recipient=learner)
    assert notification.kind == "session.changed"
    assert session.title in notification.title
    assert notification.url == session.get_absolute_url()
    assert len(mail.outbox) == 1  # the timetable's own e-mail, not the centre's
    session_change_notify(session.pk, 1)
    assert Notification.objects.filter(recipient=learner).count() == 1
