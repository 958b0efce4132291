"""Scheduling: create, change and cancel sessions and their meetings.

Every service checks, writes in one transaction and notifies after commit. The
rooms involved are locked first, so two bookings of one room are decided one
after the other with a clear message; overlaps the lock does not serialise
(an instructor or a run in two rooms at once) are refused by the same queries
and, on PostgreSQL, by the exclusion constraints, whose violation is turned
into the same message.
"""

from .actions import (
    occurrence_cancel,
    session_cancel,
    session_create,
    session_update,
)
from .conflicts import (
    CONFLICTS_SHOWN,
    CONSTRAINT_MESSAGES,
)
from .outcomes import (
    Meeting,
    SessionConflict,
    SessionOutcome,
    TimetableError,
    when_text,
)
from .planning import MAX_MEETING

__all__ = [
    "CONFLICTS_SHOWN",
    "CONSTRAINT_MESSAGES",
    "MAX_MEETING",
    "Meeting",
    "SessionConflict",
    "SessionOutcome",
    "TimetableError",
    "occurrence_cancel",
    "session_cancel",
    "session_create",
    "session_update",
    "when_text",
]
