"""Bookings of the town's rooms, equipment and stage, on the timetable's rooms.

A `Bookable` makes a timetable `Room` bookable by members (a meeting room, a
seminar room, a fab-lab machine or the plaza's stage, each a room of the
timetable so that one calendar holds lectures and bookings). A `Booking` holds
its slot with a timetable session of kind "event": the slot is refused by the
same overlap check and, on PostgreSQL, the same exclusion constraint
(`occurrence_no_room_overlap`) as lecture sessions, so a booking can never
overlap a lecture or another booking. A pending booking holds its slot; a
rejected or cancelled one frees it (its session is cancelled).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .models import SpaceKind, bilingual


class BookableKind(models.TextChoices):
    MEETING_ROOM = "meeting_room", _("Meeting room")
    SEMINAR_ROOM = "seminar_room", _("Seminar room")
    EQUIPMENT = "equipment", _("Equipment")
    STAGE = "stage", _("Stage")


class BookableQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, room__is_active=True)


class Bookable(models.Model):
    """A room of the timetable that members may book, and its rules."""

    room = models.OneToOneField(
        "timetable.Room",
        verbose_name=_("room or equipment"),
        on_delete=models.CASCADE,
        related_name="bookable",
    )
    space = models.CharField(_("space"), max_length=16, choices=SpaceKind.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=BookableKind.choices)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    needs_approval = models.BooleanField(_("staff approve each booking"), default=False)
    training_course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("safety course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Only people who completed this course may book."),
    )
    max_hours = models.PositiveSmallIntegerField(
        _("longest booking (hours)"), default=4
    )
    monthly_quota_hours = models.PositiveSmallIntegerField(
        _("hours a month per organization"),
        default=20,
        help_text=_("Members without an organization count alone."),
    )
    is_active = models.BooleanField(_("bookable"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = BookableQuerySet.as_manager()

    class Meta:
        verbose_name = _("bookable room or equipment")
        verbose_name_plural = _("bookable rooms and equipment")
        ordering = ["space", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_hours__gte=1), name="bookable_max_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.room.display_name

    @property
    def display_name(self) -> str:
        return self.room.display_name

    @property
    def display_description(self) -> str:
        return bilingual(self.description, self.description_en)


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Not approved")
    CANCELLED = "cancelled", _("Cancelled")


# bookings that hold their slot and count toward the quota
HOLDING = (BookingStatus.PENDING, BookingStatus.CONFIRMED)


class Booking(models.Model):
    """A member's booking of a bookable, holding its slot through a session."""

    bookable = models.ForeignKey(
        Bookable,
        verbose_name=_("room or equipment"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    session = models.OneToOneField(
        "timetable.LectureSession",
        on_delete=models.PROTECT,
        related_name="town_booking",
    )
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.CASCADE,
        related_name="town_bookings",
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="town_bookings",
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(
        _("status"), max_length=16, choices=BookingStatus.choices, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note from staff"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="booking_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["organization", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.bookable} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def holds_slot(self) -> bool:
        return self.status in HOLDING

    @property
    def uid(self) -> str:
        return f"town-booking-{self.pk}@campus"
