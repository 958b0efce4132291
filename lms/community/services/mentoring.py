"""Writes about mentoring: publish office hours, book a place, cancel.

Places are guarded twice: the slot row is locked while a booking is counted,
and a check constraint on `MentoringSlot.places_taken` refuses one booking
more than `places`. A learner holds at most one active booking per slot (a
partial unique constraint) and none that overlap in time.
"""

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import User
from lms.core.ratelimit import rate_limit_hit
from lms.learning.models import CourseRun

from ..models import (
    BookingStatus,
    MentoringBooking,
    MentoringSlot,
    MentorProfile,
    SlotStatus,
)
from ..permissions import run_member
from .errors import CapacityReached, CommunityError, CommunityForbidden
from .groups import online_url_check
from .notifications import notification_send

MAX_SLOT_HOURS = 4
MAX_PLACES = 50
# How long before the start a learner may still cancel on their own.
CANCEL_BEFORE = dt.timedelta(hours=2)


def _when(slot: MentoringSlot) -> str:
    return timezone.localtime(slot.starts_at).strftime("%Y-%m-%d %H:%M")


def _mine_url() -> str:
    return reverse("community:mentoring-mine")


@transaction.atomic
def slot_create(
    *,
    mentor: User,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    places: int = 1,
    topic: str = "",
    place: str = "",
    online_url: str = "",
    run: CourseRun | None = None,
) -> MentoringSlot:
    """Publish office hours. Only active mentors; never overlapping their own."""
    profile = (
        MentorProfile.objects.select_for_update()
        .filter(user=mentor, is_active=True)
        .first()
    )
    if profile is None:
        raise CommunityForbidden(_("Only mentors can publish office hours."))
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        raise CommunityError(_("Office hours end after they start."))
    if ends_at - starts_at > dt.timedelta(hours=MAX_SLOT_HOURS):
        raise CommunityError(_("Office hours last at most 4 hours."))
    if starts_at < timezone.now():
        raise CommunityError(_("Office hours cannot start in the past."))
    if not isinstance(places, int) or not 1 <= places <= MAX_PLACES:
        raise CommunityError(_("Offer between 1 and 50 places."))
    place = " ".join((place or "").split())[:200]
    online_url = online_url_check(online_url)
    if not place and not online_url:
        raise CommunityError(_("Give a place in the town or an online link."))
    if MentoringSlot.objects.filter(
        mentor=mentor,
        status=SlotStatus.OPEN,
        starts_at__lt=ends_at,
        ends_at__gt=starts_at,
    ).exists():
        raise CommunityError(_("You already have office hours at that time."))
    return MentoringSlot.objects.create(
        mentor=mentor,
        starts_at=starts_at,
        ends_at=ends_at,
        places=places,
        topic=" ".join((topic or "").split())[:200],
        place=place,
        online_url=online_url,
        run=run,
    )


@transaction.atomic
def slot_cancel(*, mentor: User, slot: MentoringSlot) -> int:
    """The mentor cancels office hours; every booking of it is cancelled and
    its learner told. Returns how many bookings were cancelled.
    """
    slot = MentoringSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.mentor_id != mentor.pk:
        raise CommunityForbidden(_("Only the mentor can cancel these office hours."))
    if slot.status == SlotStatus.CANCELLED:
        return 0
    now = timezone.now()
    bookings = list(
        MentoringBooking.objects.select_for_update()
        .filter(slot=slot, status=BookingStatus.BOOKED)
        .select_related("learner")
    )
    MentoringBooking.objects.filter(pk__in=[b.pk for b in bookings]).update(
        status=BookingStatus.CANCELLED,
        cancelled_at=now,
        cancelled_by=mentor,
        sequence=F("sequence") + 1,
        updated_at=now,
    )
    slot.status, slot.places_taken = SlotStatus.CANCELLED, 0
    slot.sequence += 1
    slot.save(update_fields=["status", "places_taken", "sequence", "updated_at"])
    for booking in bookings:
        notification_send(
            recipient=booking.learner,
            kind="mentoring.cancelled",
            title=lambda: (
                _("%(mentor)s cancelled the office hours of %(when)s")
                % {"mentor": mentor.display_name, "when": _when(slot)}
            ),
            url=_mine_url(),
            actor=mentor,
            dedupe_key=f"booking:{booking.pk}:cancelled",
        )
    return len(bookings)


@transaction.atomic
def booking_create(
    *, learner: User, slot: MentoringSlot, note: str
) -> MentoringBooking:
    """Book a place in office hours. Booking the same slot again is refused:
    one learner, one place.
    """
    slot = MentoringSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.status != SlotStatus.OPEN or slot.starts_at <= timezone.now():
        raise CommunityError(_("These office hours can no longer be booked."))
    if slot.mentor_id == learner.pk:
        raise CommunityError(_("You cannot book your own office hours."))
    if slot.run_id and not run_member(user=learner, run_id=slot.run_id):
        raise CommunityForbidden(
            _("These office hours are for the learners of one course run.")
        )
    note = " ".join((note or "").split())
    if not note:
        raise CommunityError(_("Say in a line what you would like to talk about."))
    if MentoringBooking.objects.filter(
        slot=slot, learner=learner, status=BookingStatus.BOOKED
    ).exists():
        raise CommunityError(_("You have booked these office hours already."))
    if MentoringBooking.objects.filter(
        learner=learner,
        status=BookingStatus.BOOKED,
        slot__starts_at__lt=slot.ends_at,
        slot__ends_at__gt=slot.starts_at,
    ).exists():
        raise CommunityError(_("You have another booking at that time."))
    if slot.places_taken >= slot.places:
        raise CapacityReached(_("These office hours are fully booked."))
    rate_limit_hit(user=learner, action="community.booking")
    MentoringSlot.objects.filter(pk=slot.pk).update(
        places_taken=F("places_taken") + 1,
        sequence=F("sequence") + 1,
        updated_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            booking = MentoringBooking.objects.create(
                slot=slot, learner=learner, note=note[:500]
            )
    except IntegrityError:  # the partial unique constraint: never twice
        raise CommunityError(_("You have booked these office hours already.")) from None
    notification_send(
        recipient=slot.mentor,
        kind="mentoring.booked",
        title=lambda: (
            _("%(learner)s booked your office hours of %(when)s")
            % {"learner": learner.display_name, "when": _when(slot)}
        ),
        body=booking.note,
        url=_mine_url(),
        actor=learner,
        dedupe_key=f"booking:{booking.pk}:booked",
    )
    return booking


@transaction.atomic
def booking_cancel(*, user: User, booking: MentoringBooking) -> MentoringBooking:
    """The learner (until shortly before) or the mentor cancels a booking; the
    place is free again and the other side is told.
    """
    booking = (
        MentoringBooking.objects.select_for_update()
        .select_related("slot__mentor", "learner")
        .get(pk=booking.pk)
    )
    slot = MentoringSlot.objects.select_for_update().get(pk=booking.slot_id)
    is_mentor = slot.mentor_id == user.pk
    if booking.learner_id != user.pk and not is_mentor:
        raise CommunityForbidden(_("This is not your booking."))
    if booking.status != BookingStatus.BOOKED:
        return booking
    if not is_mentor and slot.starts_at - timezone.now() < CANCEL_BEFORE:
        raise CommunityError(
            _("It is too late to cancel online; please tell the mentor directly.")
        )
    now = timezone.now()
    booking.status, booking.cancelled_at, booking.cancelled_by = (
        BookingStatus.CANCELLED,
        now,
        user,
    )
    booking.sequence += 1
    booking.save(
        update_fields=[
            "status",
            "cancelled_at",
            "cancelled_by",
            "sequence",
            "updated_at",
        ]
    )
    MentoringSlot.objects.filter(pk=slot.pk).update(
        places_taken=F("places_taken") - 1, sequence=F("sequence") + 1, updated_at=now
    )
    other = booking.learner if is_mentor else slot.mentor
    notification_send(
        recipient=other,
        kind="mentoring.cancelled",
        title=lambda: (
            _("%(name)s cancelled the booking of %(when)s")
            % {"name": user.display_name, "when": _when(slot)}
        ),
        url=_mine_url(),
        actor=user,
        dedupe_key=f"booking:{booking.pk}:cancelled",
    )
    return booking
