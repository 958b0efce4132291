"""What a person's calendar feed is made of: entries from every app that has dates.

Lecture scheduling (`lms.timetable`) builds the personal iCalendar feed, but the
dates come from across the layers: assignment deadlines (learning), mentoring
slots (community), lodging stays (lodging), bookings and events (cms). Each app
registers a source in its `wagtail_hooks.py` under the Wagtail hook
`calendar_entries`; the feed asks every source for one person's entries. The
hook's name lives in `lms.core` so that apps below timetable can plug in
without importing it.

    @hooks.register(CALENDAR_ENTRIES_HOOK)
    def stay_calendar_entries(*, user) -> Iterable[CalendarEntry]: ...

A source must run a fixed number of queries whatever the number of entries (the
feed's query count is pinned in tests), and it returns only what `user` may see.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from wagtail import hooks

CALENDAR_ENTRIES_HOOK = "calendar_entries"


@dataclass(frozen=True)
class CalendarEntry:
    """One VEVENT of a feed, independent of the icalendar library.

    - `uid`: stable for the life of the thing (e.g. `session-12@campus`), so a
      calendar client updates the event in place instead of duplicating it.
    - `start`/`end`: aware datetimes; or dates when `all_day` (a stay's nights).
    - `sequence`: raised on every change that matters to an attendee.
    - `status`: `CONFIRMED`, `TENTATIVE` or `CANCELLED` (cancelled entries stay
      in the feed so clients remove them).
    - `rrule`/`exdates`: an RFC 5545 series (`FREQ=WEEKLY;COUNT=8`) and the
      occurrences taken out of it.
    """

    uid: str
    summary: str
    start: dt.datetime | dt.date
    end: dt.datetime | dt.date
    description: str = ""
    location: str = ""
    url: str = ""
    status: str = "CONFIRMED"
    sequence: int = 0
    last_modified: dt.datetime | None = None
    rrule: str = ""
    exdates: tuple[dt.datetime, ...] = ()
    all_day: bool = False
    categories: tuple[str, ...] = ()


CalendarSource = Callable[..., Iterable[CalendarEntry]]


def calendar_sources() -> list[CalendarSource]:
    """The registered sources, in hook order (apps in `INSTALLED_APPS` order)."""
    return hooks.get_hooks(CALENDAR_ENTRIES_HOOK)


def calendar_entries_for(*, user) -> list[CalendarEntry]:
    """Every registered source's entries for `user`, in a stable order."""
    entries: list[CalendarEntry] = []
    for source in calendar_sources():
        entries.extend(source(user=user))
    return entries
