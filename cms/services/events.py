"""Registration for the town's events: a place if one is free, else the waitlist.

The event's `EventSeats` row is locked while a registration is decided, and a
check constraint keeps `taken` within `capacity` whatever the code does; a
cancelled place goes to the first person on the waitlist. An event with
`register_per_date` has a row of places per date in the series
(`occurrence_date`, the date as first planned, so a moved date keeps its
places), and each date has its own waitlist.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import CampusError

from ..event_models import EventPage, EventRegistration, EventSeats, RegistrationStatus
from ..events import event_occurrences
from ..hours import local_zone


class EventError(CampusError):
    code = "event-refused"


def _date_checked(page: EventPage, occurrence_date: dt.date | None) -> dt.date | None:
    """The date registered for: None for a whole event, else a coming date of
    the series that is not cancelled; anything else is refused with a reason."""
    if not page.register_per_date:
        if occurrence_date is not None:
            raise EventError(_("This event is registered for as a whole, not by date."))
        return None
    if occurrence_date is None:
        raise EventError(_("Choose the date you want to come."))
    zone = local_zone()
    for occurrence in event_occurrences(page):
        if occurrence.original_start.astimezone(zone).date() != occurrence_date:
            continue
        if occurrence.cancelled:
            raise EventError(_("This date is cancelled."))
        if occurrence.ends_at <= timezone.now():
            raise EventError(_("This date is over."))
        return occurrence_date
    raise EventError(_("The event does not take place on that date."))


def _seats(page: EventPage, occurrence_date: dt.date | None = None) -> EventSeats:
    seats, _created = EventSeats.objects.get_or_create(
        event_key=page.translation_key,
        occurrence_date=occurrence_date,
        defaults={"capacity": page.capacity},
    )
    seats = EventSeats.objects.select_for_update().get(pk=seats.pk)
    if seats.capacity != page.capacity and page.capacity >= seats.taken:
        seats.capacity = page.capacity
        seats.save(update_fields=["capacity"])
    return seats


@transaction.atomic
def event_register(
    *, page: EventPage, user, occurrence_date: dt.date | None = None
) -> EventRegistration:
    """Register `user` (for `occurrence_date` if the event is registered for
    by date): confirmed while places last, then waitlisted."""
    if not user.is_authenticated:
        raise EventError(_("Sign in to register."), status=403)
    if page.capacity <= 0:
        raise EventError(_("This event needs no registration."))
    if page.is_cancelled:
        raise EventError(_("This event is cancelled."))
    occurrence_date = _date_checked(page, occurrence_date)
    seats = _seats(page, occurrence_date)
    existing = (
        EventRegistration.objects.filter(
            event_key=page.translation_key, occurrence_date=occurrence_date, user=user
        )
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if existing is not None:
        return existing
    if seats.taken < seats.capacity:
        status = RegistrationStatus.CONFIRMED
        seats.taken += 1
        seats.save(update_fields=["taken"])
    else:
        status = RegistrationStatus.WAITLISTED
    try:
        with transaction.atomic():
            return EventRegistration.objects.create(
                event_key=page.translation_key,
                occurrence_date=occurrence_date,
                user=user,
                status=status,
            )
    except IntegrityError as error:
        raise EventError(_("You are already registered.")) from error


@transaction.atomic
def event_unregister(
    *, page: EventPage, user, occurrence_date: dt.date | None = None
) -> bool:
    """Give up a place (the first on the waitlist gets it) or leave the waitlist."""
    if not page.register_per_date:
        occurrence_date = None
    seats = _seats(page, occurrence_date)
    registration = (
        EventRegistration.objects.select_for_update()
        .filter(
            event_key=page.translation_key, occurrence_date=occurrence_date, user=user
        )
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if registration is None:
        return False
    was_confirmed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if was_confirmed:
        following = (
            EventRegistration.objects.select_for_update()
            .filter(
                event_key=page.translation_key,
                occurrence_date=occurrence_date,
                status=RegistrationStatus.WAITLISTED,
            )
            .order_by("created_at", "pk")
            .first()
        )
        if following is not None:
            following.status = RegistrationStatus.CONFIRMED
            following.save(update_fields=["status", "updated_at"])
        else:
            seats.taken -= 1
            seats.save(update_fields=["taken"])
    return True
