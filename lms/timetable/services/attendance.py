"""Attendance: the instructor's roster and the learner's QR self check-in.

A check-in code is signed with the project's secret (django.core.signing) and
carries the meeting and the moment it was made: it expires after
`CHECKIN_CODE_MAX_AGE`, and is accepted only from `CHECKIN_OPENS_BEFORE` the
meeting's start to its end. The projector page shows a fresh code every
minute, so a code photographed and sent away stops working soon after.
"""

import datetime as dt
from functools import partial

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.learning.models import SEAT_HOLDING, Enrollment

from ..models import Attendance, AttendanceMethod, AttendanceStatus, SessionOccurrence
from .errors import TimetableError

CHECKIN_SALT = "campus.timetable.check-in"
CHECKIN_CODE_MAX_AGE = dt.timedelta(minutes=5)
CHECKIN_CODE_REFRESH = dt.timedelta(minutes=1)
CHECKIN_OPENS_BEFORE = dt.timedelta(minutes=15)
LATE_AFTER = dt.timedelta(minutes=10)


def checkin_code_make(*, occurrence: SessionOccurrence) -> str:
    """A signed, time-stamped code for the meeting, for its QR code."""
    return signing.dumps({"o": occurrence.pk}, salt=CHECKIN_SALT)


def checkin_code_read(code: str) -> int:
    """The meeting id in a code that is genuine and fresh, else a TimetableError."""
    try:
        payload = signing.loads(
            code, salt=CHECKIN_SALT, max_age=CHECKIN_CODE_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired as error:
        raise TimetableError(
            _("This check-in code has expired. Scan the code on the screen again.")
        ) from error
    except signing.BadSignature as error:
        raise TimetableError(_("This check-in code is not valid.")) from error
    if not isinstance(payload, dict) or not isinstance(payload.get("o"), int):
        raise TimetableError(_("This check-in code is not valid."))
    return payload["o"]


def checkin_window(occurrence: SessionOccurrence) -> tuple[dt.datetime, dt.datetime]:
    return occurrence.starts_at - CHECKIN_OPENS_BEFORE, occurrence.ends_at


def _evaluate_on_commit(run_id, learner_ids) -> None:
    from ..tasks import attendance_completion_evaluate

    if run_id is not None and learner_ids:
        transaction.on_commit(
            partial(attendance_completion_evaluate.delay, run_id, sorted(learner_ids))
        )


@transaction.atomic
def attendance_check_in(*, learner, code: str, now: dt.datetime | None = None):
    """Record that `learner` is here, from a scanned code. Returns the record.

    Present until `LATE_AFTER` past the start, late after that. A mark the
    instructor already gave (present, late, excused) stays as it is.
    """
    now = now or timezone.now()
    occurrence = (
        SessionOccurrence.objects.select_related("session")
        .filter(pk=checkin_code_read(code))
        .first()
    )
    if occurrence is None or not occurrence.is_active:
        raise TimetableError(_("This meeting has been cancelled."))
    opens, closes = checkin_window(occurrence)
    if now < opens:
        raise TimetableError(
            _("Check-in opens %(minutes)d minutes before the session starts.")
            % {"minutes": CHECKIN_OPENS_BEFORE.seconds // 60}
        )
    if now > closes:
        raise TimetableError(_("Check-in for this session has closed."))
    enrolled = Enrollment.objects.filter(
        learner=learner, run_id=occurrence.run_id, status__in=SEAT_HOLDING
    ).exists()
    if not enrolled:
        raise TimetableError(_("Only learners enrolled in this course can check in."))
    status = (
        AttendanceStatus.PRESENT
        if now <= occurrence.starts_at + LATE_AFTER
        else AttendanceStatus.LATE
    )
    record, created = Attendance.objects.select_for_update().get_or_create(
        occurrence=occurrence,
        learner=learner,
        defaults={
            "status": status,
            "method": AttendanceMethod.QR,
            "recorded_by": learner,
            "recorded_at": now,
        },
    )
    if not created:
        if record.status != AttendanceStatus.ABSENT:
            return record
        record.status, record.method = status, AttendanceMethod.QR
        record.recorded_by, record.recorded_at = learner, now
        record.save(update_fields=["status", "method", "recorded_by", "recorded_at"])
    _evaluate_on_commit(occurrence.run_id, [learner.pk])
    return record


def roster_learners(*, occurrence: SessionOccurrence):
    """The learners a meeting's roster lists: its run's active and completed."""
    from lms.accounts.models import User

    return (
        User.objects.filter(
            enrollments__run_id=occurrence.run_id,
            enrollments__status__in=SEAT_HOLDING,
        )
        .select_related("organization")
        .order_by("name_ko", "email")
    )


@transaction.atomic
def attendance_roster_save(
    *, occurrence: SessionOccurrence, marks: dict[int, str], actor
) -> int:
    """Save the instructor's marks {learner id: status}; returns how many changed.

    Every learner must be on the roster and every status known, or nothing is
    saved.
    """
    occurrence = SessionOccurrence.objects.select_for_update().get(pk=occurrence.pk)
    if not occurrence.is_active:
        raise TimetableError(_("This meeting has been cancelled."))
    if occurrence.run_id is None:
        raise TimetableError(_("A room booking has no roster."))
    unknown_status = {s for s in marks.values() if s not in AttendanceStatus.values}
    if unknown_status:
        raise TimetableError(_("Choose present, late, absent or excused."))
    enrolled = set(
        roster_learners(occurrence=occurrence)
        .filter(pk__in=marks)
        .values_list("pk", flat=True)
    )
    if set(marks) - enrolled:
        raise TimetableError(_("Someone on this list is not enrolled in the course."))
    existing = {
        record.learner_id: record
        for record in Attendance.objects.select_for_update().filter(
            occurrence=occurrence, learner_id__in=marks
        )
    }
    now = timezone.now()
    changed, created = [], []
    for learner_id, status in marks.items():
        record = existing.get(learner_id)
        if record is None:
            created.append(
                Attendance(
                    occurrence=occurrence,
                    learner_id=learner_id,
                    status=status,
                    method=AttendanceMethod.ROSTER,
                    recorded_by=actor,
                    recorded_at=now,
                )
            )
        elif record.status != status:
            record.status, record.method = status, AttendanceMethod.ROSTER
            record.recorded_by, record.recorded_at = actor, now
            changed.append(record)
    Attendance.objects.bulk_create(created)
    Attendance.objects.bulk_update(
        changed, ["status", "method", "recorded_by", "recorded_at"]
    )
    touched = [r.learner_id for r in (*created, *changed)]
    _evaluate_on_commit(occurrence.run_id, touched)
    return len(touched)
