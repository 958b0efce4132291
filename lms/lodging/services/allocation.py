"""Staff choosing beds: booking a guest, moving a stay to another bed or other
nights.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.learning.models import CourseRun

from ..assignment import Occupancy, Request, bed_refusal, request_for
from ..models import (
    LIVE,
    Bed,
    Stay,
    StayStatus,
)
from .common import LodgingError, _lock_inventory, _locked, _notify_on_commit, _save
from .releases import _release_due, _waitlist_promote


def _bed_for(
    *, bed: Bed | None, request: Request, now, occupancy: Occupancy | None = None
) -> int:
    """The pk of `bed` if it may take `request`, or of the best bed if `bed` is None."""
    occupancy = occupancy or Occupancy.load(
        request.check_in, request.check_out, now=now
    )
    if bed is None:
        chosen = occupancy.choose(request)
        if chosen is None:
            raise LodgingError(_("No suitable bed is free for these nights."))
        return chosen.pk
    info = occupancy.by_pk.get(bed.pk)
    if info is None:
        raise LodgingError(_("This bed is not in use."))
    refusal = bed_refusal(info, request)
    if refusal:
        raise LodgingError(refusal)
    if not occupancy.bed_free(info, request):
        raise LodgingError(
            _("Bed %(bed)s is taken or out of service on some of these nights.")
            % {"bed": f"{info.room.number}-{info.label}"}
        )
    return info.pk


@transaction.atomic
def stay_book_for_guest(
    *,
    actor: User,
    kind: str,
    room_policy: str,
    check_in: dt.date,
    check_out: dt.date,
    guest: User | None = None,
    guest_name: str = "",
    guest_phone: str = "",
    organization=None,
    run: CourseRun | None = None,
    bed: Bed | None = None,
    needs_accessible: bool = False,
    keep_with_organization: bool = False,
    staff_note: str = "",
    now=None,
) -> Stay:
    """Staff book a confirmed stay for an instructor or a guest, in `bed` or in
    the best free bed. Refused (not waitlisted) when no bed suits."""
    now = now or timezone.now()
    if guest is None and not guest_name.strip():
        raise LodgingError(_("Choose a person or give the guest's name."))
    if check_out <= check_in:
        raise LodgingError(_("Check-out must be after check-in."))
    _lock_inventory()
    _release_due(now=now)
    stay = Stay(
        kind=kind,
        run=run,
        guest=guest,
        guest_name=guest_name.strip(),
        guest_phone=guest_phone.strip(),
        organization=organization
        if organization is not None
        else (guest.organization if guest is not None else None),
        room_policy=room_policy,
        needs_accessible=needs_accessible,
        keep_with_organization=keep_with_organization,
        check_in=check_in,
        check_out=check_out,
        status=StayStatus.CONFIRMED,
        confirmed_at=now,
        staff_note=staff_note,
        created_by=actor,
        created_at=now,
        sequence=1,
    )
    stay.bed_id = _bed_for(bed=bed, request=request_for(stay), now=now)
    _save(stay)
    _notify_on_commit(stay)
    return stay


@transaction.atomic
def stay_bed_change(*, stay: Stay, bed: Bed, actor: User, now=None) -> Stay:
    """Staff move a stay to another bed that suits it and is free."""
    now = now or timezone.now()
    _lock_inventory()
    stay = _locked(stay)
    if stay.status not in (
        StayStatus.HELD,
        StayStatus.CONFIRMED,
        StayStatus.CHECKED_IN,
    ):
        raise LodgingError(_("Only a held, confirmed or current stay can change beds."))
    if stay.bed_id == bed.pk:
        return stay
    stay.bed_id = _bed_for(bed=bed, request=request_for(stay), now=now)
    stay.sequence += 1
    _save(stay)
    _notify_on_commit(stay)
    return stay


@transaction.atomic
def stay_nights_change(
    *, stay: Stay, check_in: dt.date, check_out: dt.date, actor: User, now=None
) -> Stay:
    """Staff change a stay's nights: same bed if it is free then, else the best
    free one. Clears the review flag."""
    now = now or timezone.now()
    if check_out <= check_in:
        raise LodgingError(_("Check-out must be after check-in."))
    _lock_inventory()
    stay = _locked(stay)
    if stay.status not in LIVE:
        raise LodgingError(_("This stay is over or cancelled."))
    old_in, old_out = stay.check_in, stay.check_out
    stay.check_in, stay.check_out = check_in, check_out
    if stay.status != StayStatus.WAITLISTED:
        request = request_for(stay)
        occupancy = Occupancy.load(check_in, check_out, now=now)
        current = occupancy.by_pk.get(stay.bed_id)
        if (
            current is not None
            and not bed_refusal(current, request)
            and occupancy.bed_free(current, request)
        ):
            pass
        else:
            stay.bed_id = _bed_for(
                bed=None, request=request, now=now, occupancy=occupancy
            )
    stay.needs_review = False
    stay.review_note = ""
    stay.sequence += 1
    _save(stay)
    _notify_on_commit(stay)
    # nights given up may serve the waitlist
    if stay.status != StayStatus.WAITLISTED:
        if old_in < check_in:
            _waitlist_promote(
                check_in=old_in, check_out=min(check_in, old_out), now=now
            )
        if old_out > check_out:
            _waitlist_promote(
                check_in=max(check_out, old_in), check_out=old_out, now=now
            )
    return stay
