"""RFC 5545 recurrence rules: checked, normalised and expanded, never unbounded.

A rule must end (COUNT or UNTIL), repeat at most daily, and yield at most
`MAX_OCCURRENCES` meetings: anything else is a recurrence bomb and is refused
with a message. Rules are expanded in Asia/Seoul wall-clock time (the
project's TIME_ZONE), as calendar clients expand a DTSTART with a TZID.
"""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr
from django.conf import settings
from django.utils.translation import gettext as _
from icalendar.prop import vRecur

MAX_OCCURRENCES = 200
ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY")
# a session starts at its DTSTART's time; these would multiply it within a day
FORBIDDEN_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYSETPOS", "BYYEARDAY")
KNOWN_PARTS = {
    "FREQ",
    "INTERVAL",
    "COUNT",
    "UNTIL",
    "BYDAY",
    "BYMONTHDAY",
    "BYMONTH",
    "BYWEEKNO",
    "WKST",
    *FORBIDDEN_PARTS,
}


class RecurrenceError(ValueError):
    """A refused rule, with a message for the person who wrote it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def rrule_normalise(text: str) -> str:
    """The rule as stored and published (`FREQ=WEEKLY;COUNT=8`), or "" for none.

    UNTIL becomes a UTC date-time, as RFC 5545 requires beside a DTSTART with a
    time zone; a bare date means the end of that day in Seoul.
    """
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text:
        return ""
    try:
        recur = vRecur.from_ical(text.upper())
    except (ValueError, TypeError) as error:
        raise RecurrenceError(
            _("The repeat rule is not a valid RFC 5545 rule: %(error)s")
            % {"error": error}
        ) from error
    unknown = set(recur) - KNOWN_PARTS
    if unknown:
        raise RecurrenceError(
            _("The repeat rule has parts Campus does not accept: %(parts)s")
            % {"parts": ", ".join(sorted(unknown))}
        )
    freq = (recur.get("FREQ") or [""])[0]
    if freq not in ALLOWED_FREQUENCIES:
        raise RecurrenceError(
            _("Sessions can repeat daily, weekly or monthly, not %(freq)s.")
            % {"freq": freq or "?"}
        )
    forbidden = [part for part in FORBIDDEN_PARTS if part in recur]
    if forbidden:
        raise RecurrenceError(
            _("A session starts at its own time; remove %(parts)s from the rule.")
            % {"parts": ", ".join(forbidden)}
        )
    if "COUNT" not in recur and "UNTIL" not in recur:
        raise RecurrenceError(
            _("The repeat rule must end: give COUNT (how many times) or UNTIL.")
        )
    if "COUNT" in recur and "UNTIL" in recur:
        raise RecurrenceError(_("Give COUNT or UNTIL, not both."))
    if "COUNT" in recur:
        count = recur["COUNT"][0]
        if count < 1 or count > MAX_OCCURRENCES:
            raise RecurrenceError(
                _("A series has at most %(max)d meetings.") % {"max": MAX_OCCURRENCES}
            )
    if "INTERVAL" in recur and not 1 <= recur["INTERVAL"][0] <= 52:
        raise RecurrenceError(_("INTERVAL must be between 1 and 52."))
    if "UNTIL" in recur:
        until = recur["UNTIL"][0]
        if not isinstance(until, dt.datetime):
            until = dt.datetime.combine(until, dt.time(23, 59, 59))
        if until.tzinfo is None:
            until = until.replace(tzinfo=local_zone())
        recur["UNTIL"] = [until.astimezone(dt.UTC)]
    return recur.to_ical().decode()


def occurrences_expand(
    *, starts_at: dt.datetime, ends_at: dt.datetime, rrule: str
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Every meeting (start, end) of a session, aware, in Seoul wall-clock time."""
    zone = local_zone()
    first = starts_at.astimezone(zone)
    duration = ends_at - starts_at
    if not rrule:
        return [(first, first + duration)]
    try:
        rule = rrulestr(rrule, dtstart=first)
    except (ValueError, TypeError) as error:
        raise RecurrenceError(
            _("The repeat rule is not a valid RFC 5545 rule: %(error)s")
            % {"error": error}
        ) from error
    starts = list(itertools.islice(iter(rule), MAX_OCCURRENCES + 1))
    if len(starts) > MAX_OCCURRENCES:
        raise RecurrenceError(
            _("A series has at most %(max)d meetings.") % {"max": MAX_OCCURRENCES}
        )
    if not starts:
        raise RecurrenceError(_("The repeat rule gives no meetings at all."))
    # dateutil keeps the zone object; normalise in case of a fold or gap
    return [
        (start.astimezone(zone), (start + duration).astimezone(zone))
        for start in starts
    ]
