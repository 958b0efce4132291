"""Community's dates in a person's calendar feed (`lms.core.calendar` source).

- a learner's mentoring bookings (booked or cancelled);
- a mentor's office hours, with who has booked them;
- the meetings of the study groups the person belongs to.

Three queries whatever the number of entries. Entries from the last 60 days
on are included, so a cancellation still reaches the calendar client.
"""

import datetime as dt

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.calendar import CalendarEntry

from .models import (
    BookingStatus,
    MentoringBooking,
    MentoringSlot,
    SlotStatus,
    StudyGroupMeeting,
)

PAST_DAYS = 60
DOMAIN = "campus"


def _since() -> dt.datetime:
    return timezone.now() - dt.timedelta(days=PAST_DAYS)


def _where(place: str, online_url: str) -> str:
    return " · ".join(part for part in (place, online_url) if part)


def community_calendar_entries(*, user) -> list[CalendarEntry]:
    if not user.is_authenticated:
        return []
    since = _since()
    mine = reverse("community:mentoring-mine")
    entries: list[CalendarEntry] = []

    bookings = (
        MentoringBooking.objects.filter(learner=user, slot__ends_at__gte=since)
        .select_related("slot__mentor")
        .order_by("slot__starts_at", "pk")
    )
    for booking in bookings:
        slot = booking.slot
        cancelled = (
            booking.status == BookingStatus.CANCELLED
            or slot.status == SlotStatus.CANCELLED
        )
        entries.append(
            CalendarEntry(
                uid=f"mentoring-booking-{booking.pk}@{DOMAIN}",
                summary=_("Mentoring with %(mentor)s")
                % {"mentor": slot.mentor.display_name},
                start=slot.starts_at,
                end=slot.ends_at,
                description="\n".join(filter(None, [slot.topic, booking.note])),
                location=_where(slot.place, slot.online_url),
                url=mine,
                status="CANCELLED" if cancelled else "CONFIRMED",
                sequence=booking.sequence + slot.sequence,
                last_modified=max(booking.updated_at, slot.updated_at),
                categories=(_("Mentoring"),),
            )
        )

    booked = Prefetch(
        "bookings",
        queryset=MentoringBooking.objects.filter(status=BookingStatus.BOOKED)
        .select_related("learner")
        .order_by("booked_at", "pk"),
        to_attr="active_bookings",
    )
    slots = (
        MentoringSlot.objects.filter(mentor=user, ends_at__gte=since)
        .prefetch_related(booked)
        .order_by("starts_at", "pk")
    )
    for slot in slots:
        people = [b.learner.display_name for b in slot.active_bookings]
        status = "CANCELLED" if slot.status == SlotStatus.CANCELLED else "CONFIRMED"
        entries.append(
            CalendarEntry(
                uid=f"mentoring-slot-{slot.pk}@{DOMAIN}",
                summary=_("Office hours: %(count)d booked") % {"count": len(people)},
                start=slot.starts_at,
                end=slot.ends_at,
                description="\n".join(filter(None, [slot.topic, ", ".join(people)])),
                location=_where(slot.place, slot.online_url),
                url=mine,
                status=status,
                sequence=slot.sequence,
                last_modified=slot.updated_at,
                categories=(_("Mentoring"),),
            )
        )

    meetings = (
        StudyGroupMeeting.objects.filter(
            group__memberships__user=user, ends_at__gte=since
        )
        .select_related("group")
        .order_by("starts_at", "pk")
    )
    for meeting in meetings:
        entries.append(
            CalendarEntry(
                uid=f"group-meeting-{meeting.pk}@{DOMAIN}",
                summary=f"{meeting.group.name}: {meeting.title}",
                start=meeting.starts_at,
                end=meeting.ends_at,
                description=meeting.notes,
                location=_where(meeting.place, meeting.online_url),
                url=reverse("community:group-detail", args=[meeting.group_id]),
                status="CANCELLED" if meeting.is_cancelled else "CONFIRMED",
                sequence=meeting.sequence,
                last_modified=meeting.updated_at,
                categories=(_("Study group"),),
            )
        )
    return entries
