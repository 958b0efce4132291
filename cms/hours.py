"""Opening hours: weekly hours, Korean public holidays and special days.

A space is open on a date during the intervals of that date's *rule*, chosen in
this order: a special day (closed, or its own hours) overrides everything; else
a Korean public holiday closes the space if it observes them; else the weekly
hours of that weekday. Every interval lies within one day (`opens < closes`);
a space open past midnight gives two intervals, one on each day.

Everything is computed in Asia/Seoul (the project's TIME_ZONE) wall-clock
time, so "open now" and "opens at …" are right whatever the server's zone.
This module is pure: the page model builds an `OpeningHours` from its rows.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils.translation import get_language

WEEKDAYS = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
# how far "opens at …" looks ahead: a space closed for longer says "closed"
LOOKAHEAD_DAYS = 400

Interval = tuple[dt.time, dt.time]


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


@lru_cache(maxsize=64)
def _korean_holidays(year: int, language: str = "ko") -> dict[dt.date, str]:
    return dict(holidays.KR(years=[year], language=language))


def korean_holiday(day: dt.date) -> str:
    """The name of the Korean public holiday on `day`, in the page's language
    (Korean unless English), or ""."""
    language = "en_US" if get_language() == "en" else "ko"
    return _korean_holidays(day.year, language).get(day, "")


@dataclass(frozen=True)
class SpecialDay:
    """A date whose hours differ: closed (no intervals) or open as given."""

    date: dt.date
    intervals: tuple[Interval, ...] = ()
    note: str = ""

    @property
    def closed(self) -> bool:
        return not self.intervals


@dataclass(frozen=True)
class OpenStatus:
    """What the page says now: open until …, or closed and opening at …."""

    is_open: bool
    closes_at: dt.datetime | None = None
    opens_at: dt.datetime | None = None
    reason: str = ""


@dataclass
class OpeningHours:
    """A space's hours: `weekly[weekday]` (0 = Monday) and special days."""

    weekly: dict[int, list[Interval]] = field(default_factory=dict)
    special: dict[dt.date, SpecialDay] = field(default_factory=dict)
    closed_on_public_holidays: bool = True

    def __post_init__(self):
        for intervals in self.weekly.values():
            intervals.sort()
            for opens, closes in intervals:
                if not opens < closes:
                    raise ValueError("an interval must close after it opens")

    @property
    def is_empty(self) -> bool:
        return not any(self.weekly.values()) and not self.special

    def rule_for(self, day: dt.date) -> tuple[tuple[Interval, ...], str]:
        """(intervals, why) for `day`: why is a special day's note or a holiday."""
        special = self.special.get(day)
        if special is not None:
            return tuple(sorted(special.intervals)), special.note
        if self.closed_on_public_holidays:
            holiday = korean_holiday(day)
            if holiday:
                return (), holiday
        return tuple(self.weekly.get(day.weekday(), ())), ""

    def intervals_on(self, day: dt.date) -> tuple[Interval, ...]:
        return self.rule_for(day)[0]

    def _spans_on(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        zone = local_zone()
        return [
            (
                dt.datetime.combine(day, opens, tzinfo=zone),
                dt.datetime.combine(day, closes, tzinfo=zone),
            )
            for opens, closes in self.intervals_on(day)
        ]

    def is_open(self, moment: dt.datetime) -> bool:
        """Whether the space is open at `moment` (aware; any zone)."""
        local = moment.astimezone(local_zone())
        clock = local.time().replace(tzinfo=None)
        return any(
            opens <= clock < closes for opens, closes in self.intervals_on(local.date())
        )

    def status(self, moment: dt.datetime) -> OpenStatus:
        """Open until when, or closed and when it opens next (within a year)."""
        local = moment.astimezone(local_zone())
        today = local.date()
        for start, end in self._spans_on(today):
            if start <= local < end:
                return OpenStatus(True, closes_at=end)
        reason = self.rule_for(today)[1]
        for offset in range(LOOKAHEAD_DAYS):
            day = today + dt.timedelta(days=offset)
            for start, _end in self._spans_on(day):
                if start > local:
                    return OpenStatus(False, opens_at=start, reason=reason)
        return OpenStatus(False, reason=reason)

    def week_from(
        self, day: dt.date
    ) -> list[tuple[dt.date, tuple[Interval, ...], str]]:
        """The seven days from `day`, each with its intervals and why."""
        return [
            (d, *self.rule_for(d))
            for d in (day + dt.timedelta(days=n) for n in range(7))
        ]


def _hhmm(moment: dt.time) -> str:
    return moment.strftime("%H:%M")


def opening_hours_jsonld(
    hours: OpeningHours, *, today: dt.date, horizon_days: int = 365
) -> dict:
    """schema.org `openingHoursSpecification` and `specialOpeningHoursSpecification`.

    Weekly hours give one specification per interval. Special days, and the
    public holidays of the coming year when the space closes on them, give
    specifications valid for that one date; a closed day is 00:00–00:00, as
    schema.org prescribes.
    """
    weekly = [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{WEEKDAYS[weekday]}",
            "opens": _hhmm(opens),
            "closes": _hhmm(closes),
        }
        for weekday in sorted(hours.weekly)
        for opens, closes in hours.weekly[weekday]
    ]
    special: list[dict] = []
    horizon = today + dt.timedelta(days=horizon_days)
    dates = {d for d in hours.special if today <= d <= horizon}
    if hours.closed_on_public_holidays:
        for year in range(today.year, horizon.year + 1):
            dates |= {d for d in _korean_holidays(year) if today <= d <= horizon}
    for day in sorted(dates):
        intervals, _why = hours.rule_for(day)
        for opens, closes in intervals or ((dt.time(0), dt.time(0)),):
            special.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "validFrom": day.isoformat(),
                    "validThrough": day.isoformat(),
                    "opens": _hhmm(opens),
                    "closes": _hhmm(closes),
                }
            )
    return {
        "openingHoursSpecification": weekly,
        "specialOpeningHoursSpecification": special,
    }
