"""The town in calendars: the public events feed and the personal feed's entries.

The public feed (`/calendar/town/events.ics`) carries each event as one
VEVENT with its RRULE, and each cancelled or moved date as an override with
its RECURRENCE-ID (STATUS:CANCELLED, or the new time), as RFC 5545 has it.
The personal feed is built by the timetable from the `calendar_entries` hook
(`lms.core.calendar`); the two registered in `wagtail_hooks.py` add a person's
bookings and registered events. Each runs a fixed number of queries.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from lms.core.calendar import CalendarEntry
from lms.timetable.ical import PRODID, _vtimezone, entry_event

from .booking_models import Booking, BookingStatus
from .event_models import EventRegistration, RegistrationStatus
from .events import event_occurrences
from .hours import local_zone


def _event_url(page) -> str:
    return settings.SITE_URL + (page.url or "")


def event_master_entry(page, occurrences, *, tentative: bool = False) -> CalendarEntry:
    """The series (or the single event) with cancelled and moved dates out."""
    taken_out = tuple(o.original_start for o in occurrences if o.cancelled or o.moved)
    status = (
        "CANCELLED" if page.is_cancelled else "TENTATIVE" if tentative else "CONFIRMED"
    )
    return CalendarEntry(
        uid=page.uid,
        summary=page.title,
        start=page.starts_at,
        end=page.ends_at,
        description=page.summary,
        location=page.venue_name(),
        url=_event_url(page),
        status=status,
        sequence=_sequence(page),
        last_modified=page.last_published_at,
        rrule=page.rrule,
        exdates=taken_out if page.rrule else (),
    )


def _sequence(page) -> int:
    stamp = page.last_published_at or page.first_published_at
    if stamp is None:
        return 0
    return int((stamp - dt.datetime(2024, 1, 1, tzinfo=dt.UTC)).total_seconds())


def events_calendar_render(*, pages, name: str) -> bytes:
    """The public events feed: series, with overrides for changed dates."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(_vtimezone(settings.TIME_ZONE))
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    for page in pages:
        occurrences = event_occurrences(page, page.exceptions.all())
        master = event_master_entry(page, occurrences)
        # overrides carry the changes: the master keeps every date of the rule
        master = CalendarEntry(**{**master.__dict__, "exdates": ()})
        calendar.add_component(entry_event(master, zone=zone, stamp=stamp))
        if not page.rrule:
            continue
        for occurrence in occurrences:
            if not (occurrence.cancelled or occurrence.moved) or page.is_cancelled:
                continue
            override = Event()
            override.add("uid", page.uid)
            override.add("dtstamp", stamp)
            override.add("recurrence-id", occurrence.original_start.astimezone(zone))
            override.add("dtstart", occurrence.starts_at.astimezone(zone))
            override.add("dtend", occurrence.ends_at.astimezone(zone))
            summary = page.title
            if occurrence.cancelled:
                summary = _("Cancelled: %(title)s") % {"title": page.title}
            override.add("summary", summary)
            override.add("sequence", master.sequence)
            override.add("status", "CANCELLED" if occurrence.cancelled else "CONFIRMED")
            if occurrence.note:
                override.add("description", occurrence.note)
            if master.location:
                override.add("location", master.location)
            calendar.add_component(override)
    return calendar.to_ical()


def _date_entries(page, occurrences, statuses: dict) -> list[CalendarEntry]:
    """One entry per date registered for (of an event registered for by date)."""
    zone = local_zone()
    entries = []
    for occurrence in occurrences:
        day = occurrence.original_start.astimezone(zone).date()
        if day not in statuses:
            continue
        status = (
            "CANCELLED"
            if occurrence.cancelled
            else "TENTATIVE"
            if statuses[day] == RegistrationStatus.WAITLISTED
            else "CONFIRMED"
        )
        entries.append(
            CalendarEntry(
                uid=f"town-event-{page.translation_key}-{day:%Y%m%d}@campus",
                summary=page.title,
                start=occurrence.starts_at,
                end=occurrence.ends_at,
                description=occurrence.note or page.summary,
                location=page.venue_name(),
                url=_event_url(page),
                status=status,
                sequence=_sequence(page),
                last_modified=page.last_published_at,
            )
        )
    return entries


def event_entries(*, user) -> list[CalendarEntry]:
    """The events `user` registered for (waitlisted ones as tentative)."""
    from .selectors import event_pages

    registrations = {}
    by_date: dict = {}
    for r in EventRegistration.objects.filter(user=user).exclude(
        status=RegistrationStatus.CANCELLED
    ):
        if r.occurrence_date is None:
            registrations[r.event_key] = r.status
        else:
            by_date.setdefault(r.event_key, {})[r.occurrence_date] = r.status
    if not registrations and not by_date:
        return []
    language = getattr(user, "preferred_language", "") or settings.LANGUAGE_CODE
    pages = event_pages(language=language).filter(
        translation_key__in=[*registrations, *by_date]
    )
    entries = []
    for page in pages:
        occurrences = event_occurrences(page, page.exceptions.all())
        if page.translation_key not in registrations:
            entries.extend(
                _date_entries(page, occurrences, by_date[page.translation_key])
            )
            continue
        tentative = registrations[page.translation_key] == RegistrationStatus.WAITLISTED
        entries.append(event_master_entry(page, occurrences, tentative=tentative))
        for occurrence in occurrences:
            if occurrence.moved and page.rrule:
                entries.append(
                    CalendarEntry(
                        uid=f"town-event-{page.translation_key}-"
                        f"{occurrence.original_start:%Y%m%d}@campus",
                        summary=_("Moved: %(title)s") % {"title": page.title},
                        start=occurrence.starts_at,
                        end=occurrence.ends_at,
                        description=occurrence.note,
                        location=page.venue_name(),
                        url=_event_url(page),
                        status="CANCELLED" if page.is_cancelled else "CONFIRMED",
                    )
                )
    return entries


BOOKING_STATUS = {
    BookingStatus.PENDING: "TENTATIVE",
    BookingStatus.CONFIRMED: "CONFIRMED",
    BookingStatus.REJECTED: "CANCELLED",
    BookingStatus.CANCELLED: "CANCELLED",
}


def booking_entries(*, user) -> list[CalendarEntry]:
    """The person's bookings of rooms and equipment (one query)."""
    bookings = Booking.objects.filter(booker=user).select_related(
        "bookable__room__building"
    )
    return [
        CalendarEntry(
            uid=booking.uid,
            summary=f"{booking.bookable.room}: {booking.purpose}",
            start=booking.starts_at,
            end=booking.ends_at,
            location=str(booking.bookable.room),
            status=BOOKING_STATUS[booking.status],
            sequence=booking.sequence,
            last_modified=booking.updated_at,
            categories=(_("Booking"),),
        )
        for booking in bookings
    ]
