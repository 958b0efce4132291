"""What the session services share when they write: meetings saved, rooms
locked, capacity warnings, the change announced.
"""

import datetime as dt
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...models import (
    InstructorSlot,
    LectureSession,
    Room,
    SessionKind,
    SessionOccurrence,
    SessionStatus,
)
from ...signals import session_rescheduled
from .conflicts import _constraint_refusal
from .outcomes import Meeting, TimetableError


def _write_meetings(*, session: LectureSession, meetings: list[Meeting], instructors):
    """Replace the session's meetings and instructor slots with `meetings`.

    Existing meetings are kept by position (their attendance with them) and
    updated in place; all of them are first deactivated, so that rows moving
    past each other never meet in the exclusion constraints halfway.
    """
    scheduled = session.status == SessionStatus.SCHEDULED
    existing = {o.index: o for o in SessionOccurrence.objects.filter(session=session)}
    try:
        with transaction.atomic():
            InstructorSlot.objects.filter(occurrence__session=session).delete()
            SessionOccurrence.objects.filter(session=session).update(is_active=False)
            changed, created = [], []
            for meeting in meetings:
                occurrence = existing.pop(meeting.index, None) or SessionOccurrence(
                    session=session, index=meeting.index
                )
                occurrence.starts_at = meeting.starts_at
                occurrence.ends_at = meeting.ends_at
                occurrence.room_id = session.room_id
                occurrence.run_id = session.run_id
                occurrence.is_excluded = meeting.excluded
                occurrence.is_active = scheduled and not meeting.excluded
                (changed if occurrence.pk else created).append(occurrence)
            if existing:
                SessionOccurrence.objects.filter(
                    pk__in=[o.pk for o in existing.values()]
                ).delete()
            SessionOccurrence.objects.bulk_update(
                changed,
                ["starts_at", "ends_at", "room", "run", "is_excluded", "is_active"],
            )
            SessionOccurrence.objects.bulk_create(created)
            InstructorSlot.objects.bulk_create(
                InstructorSlot(
                    occurrence=occurrence,
                    instructor=instructor,
                    starts_at=occurrence.starts_at,
                    ends_at=occurrence.ends_at,
                    is_active=occurrence.is_active,
                )
                for occurrence in [*changed, *created]
                for instructor in instructors
            )
    except IntegrityError as error:
        refusal = _constraint_refusal(error)
        if refusal is None:
            raise
        raise refusal from error


def _capacity_warnings(*, run, room: Room) -> list[str]:
    if run is None or room.is_online or run.seats_taken <= room.capacity:
        return []
    return [
        _("%(n)d learners are enrolled but %(room)s seats %(capacity)d.")
        % {"n": run.seats_taken, "room": room, "capacity": room.capacity}
    ]


def _lock_rooms(*room_ids) -> dict[int, Room]:
    ids = sorted({pk for pk in room_ids if pk is not None})
    return {
        room.pk: room
        for room in Room.objects.select_for_update(of=("self",))
        .select_related("building")
        .filter(pk__in=ids)
        .order_by("pk")
    }


def _active_dates(session_id) -> list[dt.date]:
    return sorted(
        {
            timezone.localtime(start).date()
            for start in SessionOccurrence.objects.filter(
                session_id=session_id, is_active=True
            ).values_list("starts_at", flat=True)
        }
    )


def _announce_change(
    *, session: LectureSession, old: tuple, old_dates: list, cancelled: bool
) -> None:
    """After commit: e-mail the learners (task) and tell lodging (signal)."""
    from ...tasks import session_change_notify

    new_dates = [] if cancelled else _active_dates(session.pk)
    transaction.on_commit(
        partial(session_change_notify.delay, session.pk, session.sequence)
    )
    transaction.on_commit(
        partial(
            session_rescheduled.send,
            sender=LectureSession,
            session=session,
            old_starts_at=old[0],
            old_ends_at=old[1],
            new_starts_at=session.starts_at,
            new_ends_at=session.ends_at,
            old_dates=old_dates,
            new_dates=new_dates,
            cancelled=cancelled,
        )
    )


def _validate_kind(*, kind: str, run, title: str) -> None:
    if kind not in SessionKind.values:
        raise TimetableError(_("Choose a lecture session or a room booking."))
    if kind == SessionKind.LECTURE and run is None:
        raise TimetableError(_("A lecture session belongs to a course run."))
    if not (title or "").strip():
        raise TimetableError(_("Give the session a title."))
