"""Writes about lodging: holds, confirmation, the waitlist, the front desk.

Every service that can change who sleeps in which bed first locks the
inventory (the building rows, always in the same order), so that one writer
at a time chooses beds; the database constraint on bed-nights is the second
guard (see `constraints.py`). Each service is one transaction and tells the
guest after commit.
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.learning.models import (
    SEAT_HOLDING,
    CourseRun,
    Enrollment,
    EnrollmentStatus,
)

from .assignment import Occupancy, Request, bed_refusal, request_for
from .models import (
    LIVE,
    OCCUPYING,
    Bed,
    Building,
    GuestKind,
    OutOfService,
    Room,
    Stay,
    StayStatus,
)
from .selectors import stay_nights_propose


class LodgingError(Exception):
    """A refused lodging action, with a message for the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def hold_minutes() -> int:
    return int(getattr(settings, "LODGING_HOLD_MINUTES", 30))


def _notify_on_commit(stay: Stay) -> None:
    from .tasks import stay_status_notify

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


def _locked(stay: Stay) -> Stay:
    return Stay.objects.select_for_update().get(pk=stay.pk)


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


@transaction.atomic
def stay_flag_for_rescheduled_run(*, run: CourseRun, reason: str = "") -> list[Stay]:
    """The run's dates moved: flag its stays whose nights no longer fit, for staff.

    Waitlisted stays have no bed yet and simply move to the new nights. Stays
    already flagged stay flagged; nothing else changes, so calling this twice
    is harmless. Connected to run date changes here, and meant for the
    timetable's `session_rescheduled` signal.
    """
    proposal = stay_nights_propose(run=run)
    stays = list(
        Stay.objects.select_for_update().filter(run=run, status__in=LIVE).order_by("pk")
    )
    flagged = []
    for stay in stays:
        fits = proposal is not None and (
            proposal[0] <= stay.check_in and stay.check_out <= proposal[1]
        )
        if fits:
            continue
        if stay.status == StayStatus.WAITLISTED and proposal is not None:
            stay.check_in, stay.check_out = proposal
            stay.sequence += 1
            stay.save()
            continue
        if stay.needs_review:
            continue
        stay.needs_review = True
        stay.review_note = (
            reason
            or _("The run's dates changed to %(dates)s.")
            % {
                "dates": f"{proposal[0].isoformat()}–{proposal[1].isoformat()}"
                if proposal
                else _("no dates")
            }
        )[:300]
        stay.sequence += 1
        stay.save()
        flagged.append(stay)
    return flagged


@transaction.atomic
def stay_review_clear(*, stay: Stay, actor: User) -> Stay:
    """Staff have looked at a flagged stay and keep it as it is."""
    stay = _locked(stay)
    if stay.needs_review:
        stay.needs_review = False
        stay.review_note = ""
        stay.save(update_fields=["needs_review", "review_note", "updated_at"])
    return stay


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
