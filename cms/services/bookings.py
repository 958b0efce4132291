"""Bookings of the town's rooms and equipment: book, approve, reject, cancel.

The slot is held by a timetable session of kind "event" (`session_create`),
so the timetable's room lock, its overlap check and, on PostgreSQL, its
exclusion constraint decide between two people who want the same time:
exactly one wins, the other is told the room was just taken. The bookable's
row is locked first, so the monthly quota of an organization is counted one
booking at a time.
"""

import datetime as dt
from functools import partial

from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.errors import CampusError
from lms.learning.models import Enrollment, EnrollmentStatus
from lms.timetable.models import SessionKind
from lms.timetable.services import TimetableError, session_cancel, session_create

from ..booking_models import HOLDING, Bookable, Booking, BookingStatus
from ..hours import local_zone

MAX_AHEAD = dt.timedelta(days=90)


class BookingError(CampusError):
    """A refused booking, with the reason for the member."""

    code = "booking-refused"


class BookingConflict(BookingError):
    code = "booking-conflict"
    status = 409


def training_completed(*, user, bookable: Bookable) -> bool:
    """Whether `user` completed the bookable's safety course (any language)."""
    course = bookable.training_course
    if course is None:
        return True
    return Enrollment.objects.filter(
        learner=user,
        status=EnrollmentStatus.COMPLETED,
        run__course__translation_key=course.translation_key,
    ).exists()


def _month_span(moment: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    local = moment.astimezone(local_zone())
    first = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following


def booking_hours_used(*, bookable: Bookable, user, organization, month_of) -> float:
    """Hours the organization (or the member alone) holds on `bookable` that month."""
    start, end = _month_span(month_of)
    bookings = Booking.objects.filter(
        bookable=bookable,
        status__in=HOLDING,
        starts_at__gte=start,
        starts_at__lt=end,
    )
    if organization is not None:
        bookings = bookings.filter(organization=organization)
    else:
        bookings = bookings.filter(booker=user, organization__isnull=True)
    total = bookings.aggregate(total=Sum(F("ends_at") - F("starts_at")))["total"]
    return total.total_seconds() / 3600 if total else 0.0


@transaction.atomic
def booking_create(
    *,
    user,
    bookable: Bookable,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
) -> Booking:
    """Book `bookable` from `starts_at` to `ends_at`, or refuse with a reason."""
    if not user.is_authenticated:
        raise BookingError(_("Sign in to book."), status=403)
    bookable = (
        Bookable.objects.select_for_update(of=("self",))
        .select_related("room__building", "training_course")
        .get(pk=bookable.pk)
    )
    if not bookable.is_active or not bookable.room.is_active:
        raise BookingError(_("This cannot be booked at the moment."))
    purpose = (purpose or "").strip()
    if not purpose:
        raise BookingError(_("Say what the booking is for."))
    now = timezone.now()
    if starts_at < now:
        raise BookingError(_("Choose a time in the future."))
    if starts_at > now + MAX_AHEAD:
        raise BookingError(_("Bookings open 90 days ahead."))
    if ends_at <= starts_at:
        raise BookingError(_("The booking must end after it starts."))
    hours = (ends_at - starts_at).total_seconds() / 3600
    if hours > bookable.max_hours:
        raise BookingError(
            _("%(name)s can be booked for at most %(n)d hours at a time.")
            % {"name": bookable.display_name, "n": bookable.max_hours}
        )
    if not training_completed(user=user, bookable=bookable):
        raise BookingError(
            _(
                "%(name)s can be booked only after the safety course "
                "“%(course)s”. Complete it on Campus, then book again."
            )
            % {"name": bookable.display_name, "course": bookable.training_course.title},
            code="training-required",
            status=403,
        )
    organization = user.organization
    used = booking_hours_used(
        bookable=bookable, user=user, organization=organization, month_of=starts_at
    )
    if used + hours > bookable.monthly_quota_hours:
        raise BookingError(
            _(
                "This month's quota for %(name)s is %(quota)d hours and "
                "%(used)g are already booked."
            )
            % {
                "name": bookable.display_name,
                "quota": bookable.monthly_quota_hours,
                "used": used,
            },
            code="quota-exceeded",
        )
    try:
        outcome = session_create(
            room=bookable.room,
            starts_at=starts_at,
            ends_at=ends_at,
            title=purpose[:200],
            kind=SessionKind.EVENT,
            organiser=str(organization) if organization else user.display_name,
            actor=user,
        )
    except TimetableError as error:
        raise BookingConflict(error.message) from error
    booking = Booking.objects.create(
        bookable=bookable,
        session=outcome.session,
        booker=user,
        organization=organization,
        purpose=purpose[:200],
        starts_at=starts_at,
        ends_at=ends_at,
        status=BookingStatus.PENDING
        if bookable.needs_approval
        else BookingStatus.CONFIRMED,
    )
    if bookable.needs_approval:
        from ..tasks import booking_staff_notify

        transaction.on_commit(partial(booking_staff_notify.delay, booking.pk))
    return booking


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update().select_related("session").get(pk=booking.pk)
    )


@transaction.atomic
def booking_decide(
    *, booking: Booking, actor, approve: bool, note: str = ""
) -> Booking:
    """Staff approve or reject a pending booking; a rejection frees the slot."""
    booking = _locked(booking)
    if booking.status != BookingStatus.PENDING:
        raise BookingError(_("This booking has already been decided."))
    booking.status = BookingStatus.CONFIRMED if approve else BookingStatus.REJECTED
    booking.decided_by, booking.decided_at = actor, timezone.now()
    booking.note = note[:300]
    booking.sequence += 1
    booking.save()
    if not approve:
        session_cancel(session=booking.session, actor=actor, reason=note)
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, actor) -> bool:
    """The booker (or staff) cancel; the slot is freed. Again: nothing (False)."""
    booking = _locked(booking)
    if actor.pk != booking.booker_id and not actor.is_staff:
        raise BookingError(_("Only the person who booked can cancel."), status=403)
    if booking.status not in HOLDING:
        return False
    booking.status = BookingStatus.CANCELLED
    booking.sequence += 1
    booking.save()
    session_cancel(session=booking.session, actor=actor, reason=_("Cancelled"))
    return True


def booking_staff_notify(*, booking_id: int) -> bool:
    """Tell staff a booking waits for approval (once: only while pending)."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.utils.translation import override

    from .staff import staff_emails

    booking = (
        Booking.objects.select_related("bookable__room__building", "booker")
        .filter(pk=booking_id, status=BookingStatus.PENDING)
        .first()
    )
    recipients = staff_emails()
    if booking is None or not recipients:
        return False
    with override(settings.LANGUAGE_CODE):
        local = timezone.localtime(booking.starts_at)
        subject = _("Booking to approve: %(name)s") % {"name": booking.bookable}
        body = _(
            "%(person)s booked %(name)s on %(when)s for “%(purpose)s”. "
            "Approve or reject it at %(url)s"
        ) % {
            "person": booking.booker.display_name,
            "name": booking.bookable,
            "when": f"{local:%Y-%m-%d %H:%M}",
            "purpose": booking.purpose,
            "url": settings.SITE_URL + "/bookings/staff/",
        }
    send_mail(subject, body, None, recipients)
    return True
