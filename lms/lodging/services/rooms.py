"""Rooms taken out of service."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from lms.accounts.models import User

from ..models import (
    OutOfService,
    Room,
    Stay,
    StayStatus,
)
from .common import LodgingError, _lock_inventory


@transaction.atomic
def out_of_service_create(
    *, room: Room, starts_on: dt.date, ends_on: dt.date, reason: str, actor: User
) -> OutOfService:
    """Take a room out of service; refused while guests are booked in it then."""
    if ends_on <= starts_on:
        raise LodgingError(_("The room must be back in use after it is taken out."))
    _lock_inventory()
    booked = (
        Stay.objects.occupying()
        .exclude(status=StayStatus.CHECKED_OUT)
        .filter(bed__room=room)
        .overlapping(starts_on, ends_on)
        .count()
    )
    if booked:
        raise LodgingError(
            _(
                "%(count)d stays are booked in this room on those nights. "
                "Move them to other beds first."
            )
            % {"count": booked}
        )
    return OutOfService.objects.create(
        room=room, starts_on=starts_on, ends_on=ends_on, reason=reason, created_by=actor
    )
