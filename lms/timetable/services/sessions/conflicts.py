"""Clashes with other bookings of the room, the run or the instructors, and the
database constraints' refusals turned into the same message.
"""

from functools import reduce
from operator import or_

from django.db import IntegrityError
from django.db.models import Q
from django.utils.translation import gettext as _

from ...models import (
    InstructorSlot,
    Room,
    SessionOccurrence,
)
from .outcomes import Meeting, SessionConflict, when_text

# how many conflicts a refusal lists
CONFLICTS_SHOWN = 3


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
