"""Beds that come free: lapsed holds, ended enrolments, and the waitlist promoted
into the beds they leave.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lms.learning.models import SEAT_HOLDING

from ..assignment import Occupancy, request_for
from ..models import (
    LIVE,
    OCCUPYING,
    Stay,
    StayStatus,
)
from .common import _hold, _lock_inventory, _notify_on_commit, _save


def _waitlist_promote(
    *, check_in: dt.date, check_out: dt.date, run_id=None, now
) -> list[Stay]:
    """Hold beds freed in `[check_in, check_out)` for the waitlist, first come first
    served, the freed stay's own run first. Call with the inventory locked."""
    waiting = list(
        Stay.objects.select_for_update()
        .filter(status=StayStatus.WAITLISTED)
        .overlapping(check_in, check_out)
        .order_by("created_at", "pk")
    )
    if not waiting:
        return []
    waiting.sort(key=lambda stay: stay.run_id != run_id)  # stable: FIFO within
    start = min(stay.check_in for stay in waiting)
    end = max(stay.check_out for stay in waiting)
    occupancy = Occupancy.load(start, end, now=now)
    promoted = []
    for stay in waiting:
        request = request_for(stay)
        bed = occupancy.choose(request)
        if bed is None:
            continue
        _hold(stay, bed.pk, now=now)
        _save(stay)
        occupancy.add(stay=stay.pk, bed=bed.pk, request=request)
        _notify_on_commit(stay)
        promoted.append(stay)
    return promoted


def _release(stays: list[Stay], status: str, *, now) -> list[Stay]:
    """Set `status` on locked stays and hand the beds they free to the waitlist."""
    promoted = []
    for stay in stays:
        freed = stay.status in OCCUPYING
        stay.status = status
        if status == StayStatus.CANCELLED:
            stay.cancelled_at = now
        stay.sequence += 1
        stay.save()
        _notify_on_commit(stay)
        if freed:
            promoted += _waitlist_promote(
                check_in=max(stay.check_in, timezone.localdate(now)),
                check_out=stay.check_out,
                run_id=stay.run_id,
                now=now,
            )
    return promoted


def _due(now):
    """Holds past their time, live stays whose enrolment has ended, and
    waitlist places whose nights are over."""
    return Stay.objects.filter(
        Q(status=StayStatus.HELD, hold_expires_at__lte=now)
        | (
            Q(status__in=LIVE, enrollment__isnull=False)
            & ~Q(enrollment__status__in=SEAT_HOLDING)
        )
        | Q(status=StayStatus.WAITLISTED, check_out__lte=timezone.localdate(now))
    )


def _release_due(*, now) -> int:
    """Expire holds past their time and cancel stays whose enrolment ended.

    Call with the inventory locked. Returns how many stays were released.
    """
    due = list(_due(now).select_for_update(of=("self",)).select_related("enrollment"))
    # ended enrolments and lapsed waitlist places first, so that they are not
    # promoted into the beds the expired holds free
    orphaned = [
        stay
        for stay in due
        if stay.status == StayStatus.WAITLISTED
        or (stay.enrollment_id and stay.enrollment.status not in SEAT_HOLDING)
    ]
    expired = [stay for stay in due if stay not in orphaned]
    _release(orphaned, StayStatus.CANCELLED, now=now)
    _release(expired, StayStatus.EXPIRED, now=now)
    return len(due)


def stay_holds_release(*, now: dt.datetime | None = None) -> int:
    """Release every hold past its expiry (and stays of ended enrolments), and
    promote the waitlist into the beds they free. Safe to run at any time; the
    periodic task runs it every minute. Returns how many stays were released."""
    now = now or timezone.now()
    due = _due(now).exists()
    if not due:
        return 0  # the common case: no lock taken
    with transaction.atomic():
        _lock_inventory()
        return _release_due(now=now)
