"""One set of date, time and number formats for every template and e-mail.

The named formats (`DATE_FORMAT`, `TIME_FORMAT`, …) of both languages live in
`lms/core/locale_formats` (FORMAT_MODULE_PATH), so `{{ day|date:"DATE_FORMAT" }}`
reads 2027년 1월 13일 / 13 Jan 2027 and `{{ moment|time }}` 오후 6:00 / 18:00.
A range of dates names the year once in Korean:

    2027년 1월 13일 – 2월 24일        13 Jan 2027 – 24 Feb 2027
    2026년 12월 25일 – 2027년 1월 2일  25 Dec 2026 – 2 Jan 2027

Templates use the `formats` library: `{% date_range run.starts_on run.ends_on %}`,
`{{ value|number }}`.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language

DASH = " – "


def _korean() -> bool:
    return (get_language() or "ko").split("-")[0] == "ko"


def date_display(day: dt.date) -> str:
    return formats.date_format(day, "DATE_FORMAT")


def time_display(moment: dt.time | dt.datetime) -> str:
    return formats.time_format(moment, "TIME_FORMAT")


def datetime_display(moment: dt.datetime) -> str:
    return formats.date_format(moment, "DATETIME_FORMAT")


def date_range_display(start: dt.date | None, end: dt.date | None) -> str:
    """Two dates as one range in the reader's language; either may be missing."""
    if isinstance(start, dt.datetime):
        start = start.date()
    if isinstance(end, dt.datetime):
        end = end.date()
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return date_display(start or end)
    if not _korean():
        return date_display(start) + DASH + date_display(end)
    if start.year != end.year:
        return date_display(start) + DASH + date_display(end)
    if start.month != end.month:
        return date_display(start) + DASH + date_format(end, "n월 j일")
    return date_display(start) + DASH + date_format(end, "j일")


def number_display(value) -> str:
    """A number without trailing zeros: 0.5000 → 0.5, 25.0 → 25."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        return str(number.quantize(Decimal(1)))
    return format(number.normalize(), "f")
