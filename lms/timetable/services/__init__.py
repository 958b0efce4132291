"""Writes of the timetable, one module per concern, all importable from here."""

from .attendance import (
    CHECKIN_CODE_MAX_AGE,
    CHECKIN_CODE_REFRESH,
    CHECKIN_OPENS_BEFORE,
    CHECKIN_SALT,
    LATE_AFTER,
    attendance_check_in,
    attendance_roster_save,
    checkin_code_make,
    checkin_code_read,
    checkin_window,
    roster_learners,
)
from .errors import PlaceInUseError, SessionConflict, TimetableError
from .feeds import feed_token_for, feed_token_rotate
from .places import (
    blackout_date_create,
    blackout_date_update,
    blackout_public_holidays_import,
    room_create,
    room_update,
)
from .sessions import (
    SessionOutcome,
    occurrence_cancel,
    session_cancel,
    session_create,
    session_update,
    when_text,
)

__all__ = [
    "CHECKIN_CODE_MAX_AGE",
    "CHECKIN_CODE_REFRESH",
    "CHECKIN_SALT",
    "CHECKIN_OPENS_BEFORE",
    "LATE_AFTER",
    "SessionConflict",
    "SessionOutcome",
    "TimetableError",
    "attendance_check_in",
    "attendance_roster_save",
    "blackout_date_create",
    "blackout_date_update",
    "blackout_public_holidays_import",
    "room_create",
    "room_update",
    "PlaceInUseError",
    "checkin_code_make",
    "checkin_code_read",
    "checkin_window",
    "feed_token_for",
    "feed_token_rotate",
    "occurrence_cancel",
    "roster_learners",
    "session_cancel",
    "session_create",
    "session_update",
    "when_text",
]
