"""Scheduling: create, change and cancel sessions and their meetings.

Every service checks, writes in one transaction and notifies after commit. The
rooms involved are locked first, so two bookings of one room are decided one
after the other with a clear message; overlaps the lock does not serialise
(an instructor or a run in two rooms at once) are refused by the same queries
and, on PostgreSQL, by the exclusion constraints, whose violation is turned
into the same message.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import partial, reduce
from operator import or_

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..models import (
    BlackoutDate,
    InstructorSlot,
    LectureSession,
    Room,
    SessionKind,
    SessionOccurrence,
    SessionStatus,
)
from ..recurrence import RecurrenceError, occurrences_expand, rrule_normalise
from ..signals import session_rescheduled
from .errors import SessionConflict, TimetableError

MAX_MEETING = dt.timedelta(hours=12)
# how many conflicts a refusal lists
CONFLICTS_SHOWN = 3


@dataclass
class SessionOutcome:
    """The session as saved, and what staff should know (over capacity …)."""

    session: LectureSession
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Meeting:
    index: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    excluded: bool = False


def when_text(starts_at: dt.datetime, ends_at: dt.datetime | None = None) -> str:
    """'2031-3-3 18:30–20:00': the date as the language writes it, 24-hour times."""
    start = timezone.localtime(starts_at)
    text = f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {start:%H:%M}"
    if ends_at is not None:
        text += f"–{timezone.localtime(ends_at):%H:%M}"
    return text


def _date_text(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _plan(
    *,
    run,
    room: Room,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    rrule: str,
    excluded_dates,
) -> tuple[str, list[Meeting]]:
    """The normalised rule and every meeting, or a TimetableError saying why not."""
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise TimetableError(_("Give the start and end with a time zone."))
    if ends_at <= starts_at:
        raise TimetableError(_("The session must end after it starts."))
    if ends_at - starts_at > MAX_MEETING:
        raise TimetableError(pgettext("timetable", "A meeting lasts at most 12 hours."))
    try:
        rrule = rrule_normalise(rrule)
        spans = occurrences_expand(starts_at=starts_at, ends_at=ends_at, rrule=rrule)
    except RecurrenceError as error:
        raise TimetableError(error.message) from error
    excluded_dates = set(excluded_dates or ())
    meetings = [
        Meeting(index, start, end, start.date() in excluded_dates)
        for index, (start, end) in enumerate(spans)
    ]
    unknown = excluded_dates - {meeting.starts_at.date() for meeting in meetings}
    if unknown:
        raise TimetableError(
            _("%(dates)s is not a meeting of this series.")
            % {"dates": ", ".join(_date_text(day) for day in sorted(unknown))}
        )
    active = [meeting for meeting in meetings if not meeting.excluded]
    if not active:
        raise TimetableError(_("Every meeting of the series is taken out."))
    _check_dates(run=run, room=room, meetings=active)
    for earlier, later in zip(active, active[1:], strict=False):
        if later.starts_at < earlier.ends_at:
            raise TimetableError(
                _("The meetings of this series overlap each other (%(when)s).")
                % {"when": when_text(later.starts_at)}
            )
    return rrule, meetings


def _check_dates(*, run, room: Room, meetings: list[Meeting]) -> None:
    if not room.is_active:
        raise TimetableError(
            _("%(room)s cannot be booked at the moment.") % {"room": room}
        )
    days = {meeting.starts_at.date() for meeting in meetings}
    if run is not None:
        outside = sorted(
            day
            for day in days
            if (run.starts_on and day < run.starts_on)
            or (run.ends_on and day > run.ends_on)
        )
        if outside:
            raise TimetableError(
                _(
                    "%(dates)s is outside the course run's dates "
                    "(%(starts)s to %(ends)s)."
                )
                % {
                    "dates": ", ".join(_date_text(day) for day in outside[:5]),
                    "starts": _date_text(run.starts_on) if run.starts_on else "…",
                    "ends": _date_text(run.ends_on) if run.ends_on else "…",
                }
            )
    blackouts = list(
        BlackoutDate.objects.filter(date__in=days).filter(
            Q(building__isnull=True) | Q(building_id=room.building_id)
        )
    )
    if blackouts:
        raise TimetableError(
            _(
                "No sessions on %(dates)s: take these dates out of the series "
                "or choose others."
            )
            % {
                "dates": ", ".join(
                    f"{_date_text(b.date)} ({b.display_name})" for b in blackouts[:5]
                )
            }
        )
    if room.is_online:
        return
    opens, closes = room.opening_hours()
    for meeting in meetings:
        end = meeting.ends_at
        if (
            meeting.starts_at.time() < opens
            or end.date() != meeting.starts_at.date()
            or end.time() > closes
        ):
            raise TimetableError(
                _("%(room)s is open from %(opens)s to %(closes)s (%(when)s).")
                % {
                    "room": room,
                    "opens": opens.strftime("%H:%M"),
                    "closes": closes.strftime("%H:%M"),
                    "when": when_text(meeting.starts_at, meeting.ends_at),
                }
            )


def _overlapping(meetings: list[Meeting]) -> Q:
    return reduce(
        or_,
        (Q(starts_at__lt=m.ends_at, ends_at__gt=m.starts_at) for m in meetings),
    )


def _conflicts(
    *, session_id, room: Room, run, instructors, meetings: list[Meeting]
) -> list[str]:
    """What the meetings would collide with: the same check the database makes."""
    active = [meeting for meeting in meetings if not meeting.excluded]
    during = _overlapping(active)
    others = (
        SessionOccurrence.objects.filter(is_active=True)
        .filter(during)
        .exclude(session_id=session_id)
        .select_related("session")
        .order_by("starts_at")
    )
    found = [
        _("%(room)s is already booked on %(when)s (%(title)s).")
        % {
            "room": room,
            "when": when_text(other.starts_at, other.ends_at),
            "title": other.session.title,
        }
        for other in others.filter(room=room)[:CONFLICTS_SHOWN]
    ]
    if run is not None:
        found += [
            _("This course run already meets on %(when)s (%(title)s).")
            % {
                "when": when_text(other.starts_at, other.ends_at),
                "title": other.session.title,
            }
            for other in others.filter(run=run)[:CONFLICTS_SHOWN]
        ]
    if instructors:
        slots = (
            InstructorSlot.objects.filter(is_active=True, instructor__in=instructors)
            .filter(during)
            .exclude(occurrence__session_id=session_id)
            .select_related("instructor", "occurrence__session")
            .order_by("starts_at")[:CONFLICTS_SHOWN]
        )
        found += [
            _("%(name)s already teaches %(title)s on %(when)s.")
            % {
                "name": slot.instructor.display_name,
                "title": slot.occurrence.session.title,
                "when": when_text(slot.starts_at, slot.ends_at),
            }
            for slot in slots
        ]
    return found


CONSTRAINT_MESSAGES = {
    "occurrence_no_room_overlap": "room",
    "occurrence_no_run_overlap": "run",
    "slot_no_instructor_overlap": "instructor",
}


def _constraint_refusal(error: IntegrityError) -> SessionConflict | None:
    """A parallel booking got there first: the database's exclusion constraint."""
    diag = getattr(getattr(error, "__cause__", None), "diag", None)
    which = CONSTRAINT_MESSAGES.get(getattr(diag, "constraint_name", None) or "")
    if which is None:
        return None
    return SessionConflict(
        {
            "room": _("The room was booked for this time a moment ago."),
            "run": _(
                "This course run was given another session at this time a moment ago."
            ),
            "instructor": _(
                "An instructor was booked elsewhere at this time a moment ago."
            ),
        }[which]
    )


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
    from ..tasks import session_change_notify

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
