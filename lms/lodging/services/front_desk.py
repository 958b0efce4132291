"""The front desk: check-in, check-out and no-shows."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User

from ..models import (
    Stay,
    StayStatus,
)
from .common import LodgingError, _lock_inventory, _locked
from .releases import _release, _waitlist_promote


def _front_desk(stay: Stay, allowed: tuple, message: str) -> Stay:
    stay = _locked(stay)
    if stay.status not in allowed:
        raise LodgingError(message)
    return stay


@transaction.atomic
def stay_check_in(*, stay: Stay, actor: User, now=None) -> Stay:
    """The guest arrives: from their check-in date until their last night."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    stay = _front_desk(
        stay,
        (StayStatus.HELD, StayStatus.CONFIRMED, StayStatus.CHECKED_IN),
        _("Only a held or confirmed stay can check in."),
    )
    if stay.status == StayStatus.CHECKED_IN:
        return stay
    if today < stay.check_in:
        raise LodgingError(
            _("Check-in opens on %(date)s.") % {"date": stay.check_in.isoformat()}
        )
    if today >= stay.check_out:
        raise LodgingError(_("This stay's nights are over."))
    stay.status = StayStatus.CHECKED_IN
    stay.checked_in_at = now
    stay.confirmed_at = stay.confirmed_at or now
    stay.sequence += 1
    stay.save()
    return stay


@transaction.atomic
def stay_check_out(*, stay: Stay, actor: User, now=None) -> Stay:
    """The guest leaves. Leaving early gives the nights not used to the waitlist."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    _lock_inventory()
    stay = _front_desk(
        stay,
        (StayStatus.CHECKED_IN, StayStatus.CHECKED_OUT),
        _("Only a checked-in guest can check out."),
    )
    if stay.status == StayStatus.CHECKED_OUT:
        return stay
    old_out = stay.check_out
    stay.status = StayStatus.CHECKED_OUT
    stay.checked_out_at = now
    if today < old_out:
        stay.check_out = max(today, stay.check_in + dt.timedelta(days=1))
    stay.sequence += 1
    stay.save()
    if stay.check_out < old_out:
        _waitlist_promote(check_in=stay.check_out, check_out=old_out, now=now)
    return stay


@transaction.atomic
def stay_no_show(*, stay: Stay, actor: User, now=None) -> Stay:
    """Record that the guest did not arrive; their bed goes to the waitlist."""
    now = now or timezone.now()
    _lock_inventory()
    stay = _front_desk(
        stay,
        (StayStatus.HELD, StayStatus.CONFIRMED),
        _("Only a guest who has not checked in can be a no-show."),
    )
    if timezone.localdate(now) < stay.check_in:
        raise LodgingError(_("The guest is not due yet."))
    _release([stay], StayStatus.NO_SHOW, now=now)
    return stay
