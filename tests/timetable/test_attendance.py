"""Attendance: the roster, QR self check-in and the completion requirement."""

import datetime as dt
import time

import pytest
from django.core import signing
from django.utils import timezone

from lms.learning.models import Enrollment
from lms.learning.services import completion_status
from lms.timetable.models import Attendance
from lms.timetable.selectors import attendance_rate
from lms.timetable.services import (
    CHECKIN_SALT,
    TimetableError,
    attendance_check_in,
    attendance_roster_save,
    checkin_code_make,
)

from ..factories import CourseRunFactory, EnrollmentFactory
from ..factories.timetable import meeting_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def now_meeting(room, run, instructor):
    """A meeting of `run` that started five minutes ago and lasts an hour."""
    now = timezone.now()
    return meeting_create(
        room=room,
        run=run,
        starts_at=now - dt.timedelta(minutes=5),
        ends_at=now + dt.timedelta(hours=1),
        instructors=[instructor],
    )


def test_a_learner_checks_in_with_a_fresh_code_and_is_present(learner, now_meeting):
    record = attendance_check_in(
        learner=learner, code=checkin_code_make(occurrence=now_meeting)
    )
    assert record.status == "present" and record.method == "qr"


def test_checking_in_twenty_minutes_after_the_start_is_late(learner, now_meeting):
    code = checkin_code_make(occurrence=now_meeting)
    later = now_meeting.starts_at + dt.timedelta(minutes=20)
    assert attendance_check_in(learner=learner, code=code, now=later).status == "late"


def test_check_in_opens_fifteen_minutes_before_and_closes_at_the_end(
    learner, now_meeting
):
    code = checkin_code_make(occurrence=now_meeting)
    with pytest.raises(TimetableError):
        attendance_check_in(
            learner=learner,
            code=code,
            now=now_meeting.starts_at - dt.timedelta(minutes=16),
        )
    with pytest.raises(TimetableError):
        attendance_check_in(
            learner=learner,
            code=code,
            now=now_meeting.ends_at + dt.timedelta(seconds=1),
        )
    assert not Attendance.objects.exists()
    early = now_meeting.starts_at - dt.timedelta(minutes=14)
    assert (
        attendance_check_in(learner=learner, code=code, now=early).status == "present"
    )


def test_a_forged_code_is_refused(learner, now_meeting):
    forged = signing.dumps({"o": now_meeting.pk}, salt=CHECKIN_SALT, key="not-ours")
    with pytest.raises(TimetableError) as refusal:
        attendance_check_in(learner=learner, code=forged)
    assert "유효" in refusal.value.message or "valid" in refusal.value.message
    tampered = checkin_code_make(occurrence=now_meeting).replace(":", ":x", 1)
    with pytest.raises(TimetableError):
        attendance_check_in(learner=learner, code=tampered)
    assert not Attendance.objects.exists()


def test_a_code_older_than_five_minutes_has_expired(learner, now_meeting, monkeypatch):
    monkeypatch.setattr(
        signing.TimestampSigner,
        "timestamp",
        lambda self: signing.b62_encode(int(time.time()) - 301),
    )
    old = checkin_code_make(occurrence=now_meeting)
    monkeypatch.undo()
    with pytest.raises(TimetableError):
        attendance_check_in(learner=learner, code=old)


def test_only_enrolled_learners_can_check_in(other_learner, now_meeting):
    with pytest.raises(TimetableError):
        attendance_check_in(
            learner=other_learner, code=checkin_code_make(occurrence=now_meeting)
        )


def test_check_in_keeps_the_instructors_excused_mark(learner, now_meeting, instructor):
    attendance_roster_save(
        occurrence=now_meeting, marks={learner.pk: "excused"}, actor=instructor
    )
    record = attendance_check_in(
        learner=learner, code=checkin_code_make(occurrence=now_meeting)
    )
    assert record.status == "excused" and record.method == "roster"


def test_the_roster_refuses_someone_not_enrolled_and_saves_nothing(
    learner, other_learner, now_meeting, instructor
):
    with pytest.raises(TimetableError):
        attendance_roster_save(
            occurrence=now_meeting,
            marks={learner.pk: "present", other_learner.pk: "present"},
            actor=instructor,
        )
    assert not Attendance.objects.exists()


def test_the_roster_refuses_an_unknown_status(learner, now_meeting, instructor):
    with pytest.raises(TimetableError):
        attendance_roster_save(
            occurrence=now_meeting, marks={learner.pk: "asleep"}, actor=instructor
        )


def test_excused_meetings_leave_the_count(room, run, learner, instructor):
    meetings = [
        meeting_create(
            room=room,
            run=run,
            starts_at=timezone.now() + dt.timedelta(days=n),
            ends_at=timezone.now() + dt.timedelta(days=n, hours=1),
        )
        for n in range(4)
    ]
    for meeting, status in zip(
        meetings, ["present", "late", "excused", "absent"], strict=True
    ):
        attendance_roster_save(
            occurrence=meeting, marks={learner.pk: status}, actor=instructor
        )
    rate = attendance_rate(run_id=run.pk, learner_id=learner.pk)
    assert (rate.attended, rate.counted, rate.percent) == (2, 3, 67)


def test_attendance_reaches_completion(
    course, room, instructor, django_capture_on_commit_callbacks
):
    run = CourseRunFactory(
        course=course,
        completion_requires_lessons=False,
        completion_requires_assessments=False,
        completion_min_attendance=50,
    )
    enrollment = EnrollmentFactory(run=run)
    learner = enrollment.learner
    first, second = (
        meeting_create(
            room=room,
            run=run,
            starts_at=timezone.now() + dt.timedelta(days=n, minutes=-5),
            ends_at=timezone.now() + dt.timedelta(days=n, hours=1),
        )
        for n in range(2)
    )
    (result,) = completion_status(enrollment=enrollment)
    assert result.key == "attendance" and not result.met
    with django_capture_on_commit_callbacks(execute=True):
        attendance_roster_save(
            occurrence=second, marks={learner.pk: "absent"}, actor=instructor
        )
    assert Enrollment.objects.get(pk=enrollment.pk).status == "active"
    with django_capture_on_commit_callbacks(execute=True):
        attendance_check_in(learner=learner, code=checkin_code_make(occurrence=first))
    enrollment.refresh_from_db()
    assert enrollment.status == "completed"


def test_a_run_without_a_minimum_does_not_ask_for_attendance(learner, run):
    enrollment = Enrollment.objects.get(learner=learner, run=run)
    assert "attendance" not in [r.key for r in completion_status(enrollment=enrollment)]
