"""Render calendar entries as an RFC 5545 iCalendar feed with `icalendar`.

Times are written in Asia/Seoul with a VTIMEZONE (clients that only read UTC
still get it right), UIDs are stable, SEQUENCE comes from the entry, cancelled
entries stay with STATUS:CANCELLED, series go out as RRULE with EXDATEs.
"""

import datetime as dt
import hashlib
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone
from icalendar.prop import vRecur

from lms.core.calendar import CalendarEntry

PRODID = "-//Campus//Social Economy Innovation Town Education Center//KO"

_vtimezones: dict[str, Timezone] = {}


def _vtimezone(name: str) -> Timezone:
    """The VTIMEZONE of `name`, built once per process from the tz database."""
    if name not in _vtimezones:
        _vtimezones[name] = Timezone.from_tzinfo(ZoneInfo(name))
    return _vtimezones[name]


def _utc_stamp(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)


def entry_event(entry: CalendarEntry, *, zone: ZoneInfo, stamp: dt.datetime) -> Event:
    """One VEVENT for `entry`."""
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    if entry.all_day:
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end)
    else:
        event.add("dtstart", entry.start.astimezone(zone))
        event.add("dtend", entry.end.astimezone(zone))
    event.add("summary", entry.summary)
    event.add("sequence", entry.sequence)
    event.add("status", entry.status)
    if entry.last_modified is not None:
        event.add("last-modified", _utc_stamp(entry.last_modified))
    if entry.description:
        event.add("description", entry.description)
    if entry.location:
        event.add("location", entry.location)
    if entry.url:
        event.add("url", entry.url)
    if entry.categories:
        event.add("categories", list(entry.categories))
    if entry.rrule:
        event.add("rrule", vRecur.from_ical(entry.rrule))
        if entry.exdates:
            event.add("exdate", [moment.astimezone(zone) for moment in entry.exdates])
    return event


def calendar_render(
    *, entries: Iterable[CalendarEntry], name: str, description: str = ""
) -> bytes:
    """The whole VCALENDAR as bytes, entries in the order given."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    if description:
        calendar.add("x-wr-caldesc", description)
    calendar.add(
        "refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"}
    )
    calendar.add_component(_vtimezone(settings.TIME_ZONE))
    stamp = _utc_stamp(timezone.now()).replace(microsecond=0)
    for entry in entries:
        calendar.add_component(entry_event(entry, zone=zone, stamp=stamp))
    return calendar.to_ical()


def entries_etag(entries: list[CalendarEntry], name: str) -> str:
    """A strong ETag from what the feed says, not from when it was rendered
    (DTSTAMP changes every time)."""
    digest = hashlib.sha256(name.encode())
    for entry in entries:
        digest.update(repr(entry).encode())
    return f'"{digest.hexdigest()[:32]}"'


def entries_last_modified(entries: list[CalendarEntry]) -> dt.datetime | None:
    stamps = [entry.last_modified for entry in entries if entry.last_modified]
    return max(stamps) if stamps else None
