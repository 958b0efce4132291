"""Registration for the town's events: a place if one is free, else the waitlist.

The event's `EventSeats` row is locked while a registration is decided, and a
check constraint keeps `taken` within `capacity` whatever the code does; a
cancelled place goes to the first person on the waitlist.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from lms.core.errors import CampusError

from ..event_models import EventPage, EventRegistration, EventSeats, RegistrationStatus


class EventError(CampusError):
    code = "event-refused"


def _seats(page: EventPage) -> EventSeats:
    seats, _created = EventSeats.objects.get_or_create(
        event_key=page.translation_key, defaults={"capacity": page.capacity}
    )
    seats = EventSeats.objects.select_for_update().get(pk=seats.pk)
    if seats.capacity != page.capacity and page.capacity >= seats.taken:
        seats.capacity = page.capacity
        seats.save(update_fields=["capacity"])
    return seats


@transaction.atomic
def event_register(*, page: EventPage, user) -> EventRegistration:
    """Register `user`: confirmed while places last, then waitlisted."""
    if not user.is_authenticated:
        raise EventError(_("Sign in to register."), status=403)
    if page.capacity <= 0:
        raise EventError(_("This event needs no registration."))
    if page.is_cancelled:
        raise EventError(_("This event is cancelled."))
    seats = _seats(page)
    existing = (
        EventRegistration.objects.filter(event_key=page.translation_key, user=user)
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
                event_key=page.translation_key, user=user, status=status
            )
    except IntegrityError as error:
        raise EventError(_("You are already registered.")) from error


@transaction.atomic
def event_unregister(*, page: EventPage, user) -> bool:
    """Give up a place (the first on the waitlist gets it) or leave the waitlist."""
    seats = _seats(page)
    registration = (
        EventRegistration.objects.select_for_update()
        .filter(event_key=page.translation_key, user=user)
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
                event_key=page.translation_key, status=RegistrationStatus.WAITLISTED
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
