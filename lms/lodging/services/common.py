"""What every lodging service shares: the refusal, the inventory lock, saving a
stay and telling its guest after commit.
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from ..models import (
    Building,
    Stay,
    StayStatus,
)


class LodgingError(Exception):
    """A refused lodging action, with a message for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def hold_minutes() -> int:
    return int(getattr(settings, "LODGING_HOLD_MINUTES", 30))


def _notify_on_commit(stay: Stay) -> None:
    from ..tasks import stay_status_notify

    transaction.on_commit(partial(stay_status_notify.delay, stay.pk))


def _lock_inventory() -> None:
    """Take the lodging write lock: every building row, in primary-key order.

    SQLite ignores FOR UPDATE; there a write as the transaction's first
    statement takes the database's write lock, which serialises the writers.
    """
    if connection.vendor == "sqlite":
        Building.objects.filter(pk=0).update(is_active=True)
        return
    list(Building.objects.select_for_update().order_by("pk").values_list("pk"))


def _save(stay: Stay) -> None:
    """Save; a bed-night the database refuses becomes a LodgingError.

    No savepoint: the error leaves the service, and its transaction rolls
    back whole.
    """
    try:
        stay.save()
    except IntegrityError as error:
        raise LodgingError(
            _("That bed was just taken for one of these nights. Please try again.")
        ) from error


def _hold(stay: Stay, bed_pk: int, *, now) -> None:
    stay.bed_id = bed_pk
    stay.status = StayStatus.HELD
    stay.hold_expires_at = now + dt.timedelta(minutes=hold_minutes())
    stay.sequence += 1


def _locked(stay: Stay) -> Stay:
    return Stay.objects.select_for_update().get(pk=stay.pk)
