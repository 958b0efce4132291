"""Stays in the personal calendar feed: one all-day entry over a stay's nights.

Registered for the Wagtail hook `calendar_entries` (`lms.core.calendar`) in
`wagtail_hooks.py`; the feed
itself is built by the timetable. One query, whatever the number of stays.
"""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.calendar import CalendarEntry
from lms.core.site_url import absolute_url

from .models import Stay, StayStatus

# stays that ended longer ago than this drop out of the feed
HISTORY_DAYS = 90

_ICAL_STATUS = {
    StayStatus.WAITLISTED: "TENTATIVE",
    StayStatus.HELD: "TENTATIVE",
    StayStatus.CONFIRMED: "CONFIRMED",
    StayStatus.CHECKED_IN: "CONFIRMED",
    StayStatus.CHECKED_OUT: "CONFIRMED",
    StayStatus.CANCELLED: "CANCELLED",
    StayStatus.EXPIRED: "CANCELLED",
    StayStatus.NO_SHOW: "CANCELLED",
}


def _entry(stay: Stay) -> CalendarEntry:
    status = stay.effective_status
    building = room = ""
    if stay.bed_id and status != StayStatus.WAITLISTED:
        building = str(stay.bed.room.floor.building)
        room = _("room %(room)s, bed %(bed)s") % {
            "room": stay.bed.room.number,
            "bed": stay.bed.label,
        }
    summary = _("Lodging: %(place)s") % {"place": building or _("lodging building")}
    if status in (StayStatus.WAITLISTED, StayStatus.HELD):
        summary = f"{summary} ({StayStatus(status).label})"
    lines = [str(StayStatus(status).label)]
    if stay.run_id:
        lines.append(str(stay.run))
    if room:
        lines.append(room)
    if stay.bed_id:
        times = stay.bed.room.floor.building
        lines.append(
            _("Check-in from %(in)s, check-out by %(out)s")
            % {
                "in": times.check_in_time.strftime("%H:%M"),
                "out": times.check_out_time.strftime("%H:%M"),
            }
        )
    return CalendarEntry(
        uid=f"stay-{stay.pk}@campus",
        summary=summary,
        start=stay.check_in,
        end=stay.check_out,  # DTEND of an all-day event is exclusive: check-out day
        all_day=True,
        description="\n".join(lines),
        location=", ".join(part for part in (building, room) if part),
        url=absolute_url(reverse("lodging:stay-detail", args=[stay.pk])),
        status=_ICAL_STATUS[StayStatus(status)],
        sequence=stay.sequence,
        last_modified=stay.updated_at,
        categories=(_("Lodging"),),
    )


def stay_calendar_entries(*, user) -> list[CalendarEntry]:
    """`user`'s own stays, recent and to come, cancelled ones included so that
    calendar clients remove them."""
    if not user.is_authenticated:
        return []
    since = timezone.localdate() - dt.timedelta(days=HISTORY_DAYS)
    stays = (
        Stay.objects.filter(guest=user, check_out__gte=since)
        .select_related("bed__room__floor__building", "run__course")
        .order_by("check_in", "pk")
    )
    return [_entry(stay) for stay in stays]
