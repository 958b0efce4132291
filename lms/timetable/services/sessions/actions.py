"""The session services: create, update and cancel a session, cancel one meeting."""

import datetime as dt

from django.db import transaction
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
from .conflicts import _conflicts
from .outcomes import SessionConflict, SessionOutcome, TimetableError
from .planning import _plan
from .writing import (
    _active_dates,
    _announce_change,
    _capacity_warnings,
    _lock_rooms,
    _validate_kind,
    _write_meetings,
)


@transaction.atomic
def session_create(
    *,
    room: Room,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    title: str,
    run=None,
    kind: str = SessionKind.LECTURE,
    rrule: str = "",
    excluded_dates=(),
    instructors=(),
    description: str = "",
    organiser: str = "",
    materials=(),
    actor=None,
) -> SessionOutcome:
    """Schedule a session (once, or a series) in `room`, or refuse it whole."""
    _validate_kind(kind=kind, run=run, title=title)
    if kind == SessionKind.EVENT:
        run = None
    room = _lock_rooms(room.pk)[room.pk]
    instructors = list(instructors)
    rrule, meetings = _plan(
        run=run,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        rrule=rrule,
        excluded_dates=excluded_dates,
    )
    conflicts = _conflicts(
        session_id=None, room=room, run=run, instructors=instructors, meetings=meetings
    )
    if conflicts:
        raise SessionConflict(" ".join(conflicts))
    session = LectureSession.objects.create(
        kind=kind,
        run=run,
        title=title.strip(),
        description=description,
        organiser=organiser,
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        rrule=rrule,
        created_by=actor,
    )
    session.instructors.set(instructors)
    session.materials.set(materials)
    _write_meetings(session=session, meetings=meetings, instructors=instructors)
    return SessionOutcome(session, _capacity_warnings(run=run, room=room))


_UNSET = object()


@transaction.atomic
def session_update(
    *,
    session: LectureSession,
    actor=None,
    room=_UNSET,
    starts_at=_UNSET,
    ends_at=_UNSET,
    title=_UNSET,
    rrule=_UNSET,
    excluded_dates=_UNSET,
    instructors=_UNSET,
    description=_UNSET,
    organiser=_UNSET,
    materials=_UNSET,
) -> SessionOutcome:
    """Change a session; what is not given stays. SEQUENCE goes up by one, and a
    change of time, room or meetings is e-mailed to the enrolled learners."""
    target_room = session.room if room is _UNSET else room
    rooms = _lock_rooms(session.room_id, target_room.pk)
    session = (
        LectureSession.objects.select_for_update(of=("self",))
        .select_related("run")
        .get(pk=session.pk)
    )
    if session.is_cancelled:
        raise TimetableError(_("This session is cancelled; schedule a new one."))
    before_meetings = list(
        SessionOccurrence.objects.filter(session=session)
        .order_by("index")
        .values_list("starts_at", "ends_at", "is_excluded")
    )
    old = (session.starts_at, session.ends_at)
    old_room_id, old_rrule = session.room_id, session.rrule
    old_dates = _active_dates(session.pk)
    if excluded_dates is _UNSET:
        excluded_dates = {
            timezone.localtime(start).date()
            for start, _end, excluded in before_meetings
            if excluded
        }
    if instructors is _UNSET:
        instructors = list(session.instructors.all())
    instructors = list(instructors)
    new_room = rooms[target_room.pk]
    new_title = session.title if title is _UNSET else title
    _validate_kind(kind=session.kind, run=session.run, title=new_title)
    rrule_value, meetings = _plan(
        run=session.run,
        room=new_room,
        starts_at=session.starts_at if starts_at is _UNSET else starts_at,
        ends_at=session.ends_at if ends_at is _UNSET else ends_at,
        rrule=session.rrule if rrule is _UNSET else rrule,
        excluded_dates=excluded_dates,
    )
    conflicts = _conflicts(
        session_id=session.pk,
        room=new_room,
        run=session.run,
        instructors=instructors,
        meetings=meetings,
    )
    if conflicts:
        raise SessionConflict(" ".join(conflicts))
    session.room = new_room
    session.title = new_title.strip()
    if starts_at is not _UNSET:
        session.starts_at = starts_at
    if ends_at is not _UNSET:
        session.ends_at = ends_at
    session.rrule = rrule_value
    if description is not _UNSET:
        session.description = description
    if organiser is not _UNSET:
        session.organiser = organiser
    session.sequence += 1
    session.save()
    session.instructors.set(instructors)
    if materials is not _UNSET:
        session.materials.set(materials)
    _write_meetings(session=session, meetings=meetings, instructors=instructors)
    after_meetings = [(m.starts_at, m.ends_at, m.excluded) for m in meetings]
    moved = (
        old_room_id != session.room_id
        or old_rrule != session.rrule
        or before_meetings != after_meetings
    )
    if moved:
        _announce_change(session=session, old=old, old_dates=old_dates, cancelled=False)
    return SessionOutcome(session, _capacity_warnings(run=session.run, room=new_room))


@transaction.atomic
def session_cancel(*, session: LectureSession, actor=None, reason: str = "") -> bool:
    """Cancel every meeting. The session stays (STATUS:CANCELLED in the feeds)
    and its learners are told. Cancelling again changes nothing (False)."""
    _lock_rooms(session.room_id)
    session = LectureSession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        return False
    old_dates = _active_dates(session.pk)
    session.status = SessionStatus.CANCELLED
    session.cancel_reason = reason[:300]
    session.sequence += 1
    session.save()
    SessionOccurrence.objects.filter(session=session).update(is_active=False)
    InstructorSlot.objects.filter(occurrence__session=session).update(is_active=False)
    _announce_change(
        session=session,
        old=(session.starts_at, session.ends_at),
        old_dates=old_dates,
        cancelled=True,
    )
    return True


@transaction.atomic
def occurrence_cancel(*, occurrence: SessionOccurrence, actor=None) -> bool:
    """Take one meeting out of its series (an EXDATE in the feeds)."""
    session = LectureSession.objects.select_for_update().get(pk=occurrence.session_id)
    occurrence = SessionOccurrence.objects.select_for_update().get(pk=occurrence.pk)
    if occurrence.is_excluded or session.is_cancelled:
        return False
    if session.occurrences.filter(is_excluded=False).count() <= 1:
        raise TimetableError(
            _("This is the only meeting left: cancel the whole session instead.")
        )
    old_dates = _active_dates(session.pk)
    occurrence.is_excluded = True
    occurrence.is_active = False
    occurrence.save(update_fields=["is_excluded", "is_active"])
    InstructorSlot.objects.filter(occurrence=occurrence).update(is_active=False)
    session.sequence += 1
    session.save(update_fields=["sequence", "updated_at"])
    _announce_change(
        session=session,
        old=(session.starts_at, session.ends_at),
        old_dates=old_dates,
        cancelled=False,
    )
    return True
