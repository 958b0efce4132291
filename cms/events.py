"""An event's occurrences: its rule expanded, with cancelled and moved dates.

Expansion reuses the timetable's recurrence code (`occurrences_expand`), so an
event repeats exactly as a lecture series does, in Asia/Seoul wall-clock time.
"""

import datetime as dt
from dataclasses import dataclass

from lms.timetable.recurrence import RecurrenceError, occurrences_expand

from .hours import local_zone


@dataclass(frozen=True)
class Occurrence:
    """One date of an event as shown: where it was meant to be and where it is."""

    page: object
    original_start: dt.datetime
    starts_at: dt.datetime
    ends_at: dt.datetime
    cancelled: bool = False
    moved: bool = False
    note: str = ""

    @property
    def recurrence_id(self) -> dt.datetime:
        return self.original_start


def event_occurrences(page, exceptions=None) -> list[Occurrence]:
    """Every occurrence of `page` (all cancelled when the event is)."""
    zone = local_zone()
    if exceptions is None:
        exceptions = list(page.exceptions.all())
    by_date = {exception.original_date: exception for exception in exceptions}
    try:
        spans = occurrences_expand(
            starts_at=page.starts_at, ends_at=page.ends_at, rrule=page.rrule
        )
    except RecurrenceError:
        spans = [(page.starts_at.astimezone(zone), page.ends_at.astimezone(zone))]
    result = []
    for start, end in spans:
        exception = by_date.get(start.astimezone(zone).date())
        if exception is None:
            result.append(
                Occurrence(page, start, start, end, cancelled=page.is_cancelled)
            )
        elif exception.cancelled:
            result.append(
                Occurrence(page, start, start, end, cancelled=True, note=exception.note)
            )
        else:
            result.append(
                Occurrence(
                    page,
                    start,
                    exception.new_starts_at.astimezone(zone),
                    exception.new_ends_at.astimezone(zone),
                    cancelled=page.is_cancelled,
                    moved=True,
                    note=exception.note,
                )
            )
    return result
