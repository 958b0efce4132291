"""The timetable's refusals: `CampusError`s with a message for the person."""

from lms.core.errors import CampusError


class TimetableError(CampusError):
    """A refused scheduling or attendance action, with a message for the person."""

    code = "timetable_refused"


class SessionConflict(TimetableError):
    """The time is taken: by another booking of the room, the instructor or run."""


class PlaceInUseError(TimetableError):
    """A change to a room or blackout date that booked meetings stand in the way of."""

    code = "place_in_use"

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.field = field
