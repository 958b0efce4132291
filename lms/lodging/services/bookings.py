"""A learner's own stay: proposed nights, the hold, confirmation, cancellation."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.learning.models import (
    CourseRun,
    Enrollment,
    EnrollmentStatus,
)

from ..assignment import Occupancy, request_for
from ..models import (
    LIVE,
    GuestKind,
    Stay,
    StayStatus,
)
from ..selectors import stay_nights_propose
from .common import (
    LodgingError,
    _hold,
    _lock_inventory,
    _locked,
    _notify_on_commit,
    _save,
)
from .releases import _release, _release_due, stay_holds_release


def _nights(run: CourseRun, check_in, check_out) -> tuple[dt.date, dt.date]:
    proposal = stay_nights_propose(run=run)
    if proposal is None:
        raise LodgingError(_("This run has no dates yet, so no nights to book."))
    first, last = proposal
    check_in = check_in or first
    check_out = check_out or last
    if check_out <= check_in:
        raise LodgingError(_("Check-out must be after check-in."))
    if check_in < first or check_out > last:
        raise LodgingError(
            _("Choose nights between %(first)s and %(last)s.")
            % {"first": first.isoformat(), "last": last.isoformat()}
        )
    return check_in, check_out


@transaction.atomic
def stay_hold(
    *,
    enrollment: Enrollment,
    room_policy: str,
    needs_accessible: bool = False,
    keep_with_organization: bool = False,
    check_in: dt.date | None = None,
    check_out: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Stay:
    """Hold a bed for a learner enrolled in a residential run, or waitlist them.

    The nights default to those of the run (`stay_nights_propose`); the
    learner may take fewer. The bed is chosen by the rules of
    `assignment.py` and held for `LODGING_HOLD_MINUTES`. Asking again while
    a stay is held, confirmed or waitlisted returns that stay.
    """
    now = now or timezone.now()
    _lock_inventory()
    enrollment = Enrollment.objects.select_related("run", "learner").get(
        pk=enrollment.pk
    )
    run = enrollment.run
    if not run.is_residential:
        raise LodgingError(_("This course run does not include lodging."))
    if enrollment.status != EnrollmentStatus.ACTIVE:
        raise LodgingError(_("Lodging is for learners enrolled in the run."))
    check_in, check_out = _nights(run, check_in, check_out)
    if check_out <= timezone.localdate(now):
        raise LodgingError(_("These nights are over."))
    # holds past their time go first, and the waitlist before newcomers
    _release_due(now=now)
    existing = (
        Stay.objects.filter(enrollment=enrollment, status__in=LIVE)
        .select_related("bed__room")
        .first()
    )
    if existing is not None:
        return existing
    stay = Stay(
        kind=GuestKind.LEARNER,
        run=run,
        enrollment=enrollment,
        guest=enrollment.learner,
        organization_id=enrollment.learner.organization_id,
        room_policy=room_policy,
        needs_accessible=needs_accessible,
        keep_with_organization=keep_with_organization,
        check_in=check_in,
        check_out=check_out,
        status=StayStatus.WAITLISTED,
        created_by=enrollment.learner,
        created_at=now,
    )
    occupancy = Occupancy.load(check_in, check_out, now=now, room_policy=room_policy)
    bed = occupancy.choose(request_for(stay))
    if bed is not None:
        _hold(stay, bed.pk, now=now)
    _save(stay)
    _notify_on_commit(stay)
    return stay


def stay_confirm(*, stay: Stay, now: dt.datetime | None = None) -> Stay:
    """The learner confirms their held bed before the hold expires.

    A hold past its expiry is released first (and its bed may go to the
    waitlist); confirming it is then refused. Confirming takes no inventory
    lock: the bed and nights stay as they are, and the stay's own row lock
    orders it against a release.
    """
    now = now or timezone.now()
    if Stay.objects.filter(
        pk=stay.pk, status=StayStatus.HELD, hold_expires_at__lte=now
    ).exists():
        stay_holds_release(now=now)
    with transaction.atomic():
        stay = _locked(stay)
        if stay.status == StayStatus.CONFIRMED:
            return stay
        if stay.status == StayStatus.EXPIRED or stay.is_hold_expired(now=now):
            raise LodgingError(
                _("Your hold expired before you confirmed it. Book the bed again.")
            )
        if stay.status != StayStatus.HELD:
            raise LodgingError(_("Only a held bed can be confirmed."))
        stay.status = StayStatus.CONFIRMED
        stay.confirmed_at = now
        stay.sequence += 1
        stay.save()
        _notify_on_commit(stay)
        return stay


@transaction.atomic
def stay_cancel(*, stay: Stay, actor: User | None = None, now=None) -> Stay:
    """Cancel a stay that is waitlisted, held or confirmed; its bed goes to the
    waitlist in the same transaction. Cancelling again changes nothing."""
    now = now or timezone.now()
    _lock_inventory()
    stay = _locked(stay)
    if stay.status in (StayStatus.CANCELLED, StayStatus.EXPIRED):
        return stay
    if stay.status not in (
        StayStatus.WAITLISTED,
        StayStatus.HELD,
        StayStatus.CONFIRMED,
    ):
        raise LodgingError(_("A stay under way or over cannot be cancelled."))
    _release([stay], StayStatus.CANCELLED, now=now)
    return stay


def stays_cancel_for_enrollment(*, enrollment: Enrollment) -> list[Stay]:
    """Cancel the live stays of an enrolment that ended (withdrawal)."""
    with transaction.atomic():
        _lock_inventory()
        stays = list(
            Stay.objects.select_for_update().filter(
                enrollment_id=enrollment.pk,
                status__in=(
                    StayStatus.WAITLISTED,
                    StayStatus.HELD,
                    StayStatus.CONFIRMED,
                ),
            )
        )
        _release(stays, StayStatus.CANCELLED, now=timezone.now())
        return stays
