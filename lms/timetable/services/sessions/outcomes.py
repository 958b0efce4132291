"""What the session services answer: refusals, the session as saved, the
meetings of a series, and times as text.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import formats, timezone

from ...models import LectureSession
from ..errors import SessionConflict, TimetableError  # noqa: F401 (re-exported)


@dataclass
class SessionOutcome:
    """The session as saved, and what staff should know (over capacity …)."""

    session: LectureSession
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Meeting:
    index: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    excluded: bool = False


def when_text(starts_at: dt.datetime, ends_at: dt.datetime | None = None) -> str:
    """'2031-3-3 18:30–20:00': the date as the language writes it, 24-hour times."""
    start = timezone.localtime(starts_at)
    text = f"{formats.date_format(start, 'SHORT_DATE_FORMAT')} {start:%H:%M}"
    if ends_at is not None:
        text += f"–{timezone.localtime(ends_at):%H:%M}"
    return text


def _date_text(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")
