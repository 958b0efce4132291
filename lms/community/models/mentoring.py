"""Mentoring: office-hour slots that mentors publish and learners book."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MentorProfile(models.Model):
    """Someone who may publish office hours: an instructor, or an experienced
    entrepreneur of the town. Center staff create and switch them on.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="mentor_profile",
    )
    headline = models.CharField(
        pgettext_lazy("community", "headline"),
        max_length=200,
        help_text=_("e.g. Founder of a care cooperative, 12 years"),
    )
    bio = models.TextField(_("about"), blank=True, max_length=3000)
    expertise = models.CharField(
        _("can help with"),
        max_length=300,
        blank=True,
        help_text=_("Separate topics with commas."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")
        ordering = ["user__name_ko", "pk"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def topics(self) -> list[str]:
        return [t.strip() for t in self.expertise.split(",") if t.strip()]


class SlotStatus(models.TextChoices):
    OPEN = "open", _("Open for booking")
    CANCELLED = "cancelled", _("Cancelled")


class MentoringSlot(models.Model):
    """Office hours: a time a mentor offers, with one or several places.

    `places_taken` counts active bookings. The booking service keeps it under
    a row lock on the slot, and a check constraint refuses one booking more
    than `places` whatever the code does. `sequence` goes up on every change a
    calendar client must see (RFC 5545).
    """

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentoring_slots",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    places = models.PositiveSmallIntegerField(_("places"), default=1)
    places_taken = models.PositiveSmallIntegerField(default=0, editable=False)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True, max_length=500)
    run = models.ForeignKey(
        "learning.CourseRun",
        verbose_name=_("only for the learners of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="mentoring_slots",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SlotStatus.choices, default="open"
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("office hours")
        verbose_name_plural = _("office hours")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(places_taken__lte=F("places")),
                name="slot_bookings_within_places",
            ),
            models.CheckConstraint(
                condition=Q(places__gte=1) & Q(places__lte=50),
                name="slot_places_between_1_and_50",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="slot_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.mentor} · {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def places_left(self) -> int:
        return max(self.places - self.places_taken, 0)


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    CANCELLED = "cancelled", _("Cancelled")


class MentoringBooking(models.Model):
    """A learner's place in a slot. A learner holds at most one active booking
    per slot (a partial unique constraint): they can never double-book it.
    """

    slot = models.ForeignKey(
        MentoringSlot, on_delete=models.CASCADE, related_name="bookings"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="mentoring_bookings",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=BookingStatus.choices, default="booked"
    )
    note = models.CharField(_("what you would like to talk about"), max_length=500)
    booked_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["booked_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "learner"],
                condition=Q(status="booked"),
                name="booking_once_per_slot_and_learner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.slot}"
