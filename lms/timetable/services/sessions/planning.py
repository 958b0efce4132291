"""A series planned: its rule normalised, its meetings expanded and checked
against the run's dates and the blackout days.
"""

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ...models import (
    BlackoutDate,
    Room,
)
from ...recurrence import RecurrenceError, occurrences_expand, rrule_normalise
from .outcomes import Meeting, TimetableError, _date_text, when_text

MAX_MEETING = dt.timedelta(hours=12)


def _plan(
    *,
    run,
    room: Room,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    rrule: str,
    excluded_dates,
) -> tuple[str, list[Meeting]]:
    """The normalised rule and every meeting, or a TimetableError saying why not."""
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise TimetableError(_("Give the start and end with a time zone."))
    if ends_at <= starts_at:
        raise TimetableError(_("The session must end after it starts."))
    if ends_at - starts_at > MAX_MEETING:
        raise TimetableError(pgettext("timetable", "A meeting lasts at most 12 hours."))
    try:
        rrule = rrule_normalise(rrule)
        spans = occurrences_expand(starts_at=starts_at, ends_at=ends_at, rrule=rrule)
    except RecurrenceError as error:
        raise TimetableError(error.message) from error
    excluded_dates = set(excluded_dates or ())
    meetings = [
        Meeting(index, start, end, start.date() in excluded_dates)
        for index, (start, end) in enumerate(spans)
    ]
    unknown = excluded_dates - {meeting.starts_at.date() for meeting in meetings}
    if unknown:
        raise TimetableError(
            _("%(dates)s is not a meeting of this series.")
            % {"dates": ", ".join(_date_text(day) for day in sorted(unknown))}
        )
    active = [meeting for meeting in meetings if not meeting.excluded]
    if not active:
        raise TimetableError(_("Every meeting of the series is taken out."))
    _check_dates(run=run, room=room, meetings=active)
    for earlier, later in zip(active, active[1:], strict=False):
        if later.starts_at < earlier.ends_at:
            raise TimetableError(
                _("The meetings of this series overlap each other (%(when)s).")
                % {"when": when_text(later.starts_at)}
            )
    return rrule, meetings


def _check_dates(*, run, room: Room, meetings: list[Meeting]) -> None:
    if not room.is_active:
        raise TimetableError(
            _("%(room)s cannot be booked at the moment.") % {"room": room}
        )
    days = {meeting.starts_at.date() for meeting in meetings}
    if run is not None:
        outside = sorted(
            day
            for day in days
            if (run.starts_on and day < run.starts_on)
            or (run.ends_on and day > run.ends_on)
        )
        if outside:
            raise TimetableError(
                _(
                    "%(dates)s is outside the course run's dates "
                    "(%(starts)s to %(ends)s)."
                )
                % {
                    "dates": ", ".join(_date_text(day) for day in outside[:5]),
                    "starts": _date_text(run.starts_on) if run.starts_on else "…",
                    "ends": _date_text(run.ends_on) if run.ends_on else "…",
                }
            )
    blackouts = list(
        BlackoutDate.objects.filter(date__in=days).filter(
            Q(building__isnull=True) | Q(building_id=room.building_id)
        )
    )
    if blackouts:
        raise TimetableError(
            _(
                "No sessions on %(dates)s: take these dates out of the series "
                "or choose others."
            )
            % {
                "dates": ", ".join(
                    f"{_date_text(b.date)} ({b.display_name})" for b in blackouts[:5]
                )
            }
        )
    if room.is_online:
        return
    opens, closes = room.opening_hours()
    for meeting in meetings:
        end = meeting.ends_at
        if (
            meeting.starts_at.time() < opens
            or end.date() != meeting.starts_at.date()
            or end.time() > closes
        ):
            raise TimetableError(
                _("%(room)s is open from %(opens)s to %(closes)s (%(when)s).")
                % {
                    "room": room,
                    "opens": opens.strftime("%H:%M"),
                    "closes": closes.strftime("%H:%M"),
                    "when": when_text(meeting.starts_at, meeting.ends_at),
                }
            )
