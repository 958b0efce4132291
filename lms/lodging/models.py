"""The lodging building (숙박동): inventory, out-of-service periods and stays.

Capacity is counted per bed and per night. A stay covers the nights
`[check_in, check_out)` in one bed. The database refuses two live stays in one
bed on the same night: on PostgreSQL with an exclusion constraint over
(bed, daterange), on SQLite with triggers that do the same check (see
`constraints.py`); the services also lock the inventory while they choose a bed.
"""

import datetime as dt

from django.conf import settings
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel

from .constraints import DateRange, PostgresExclusionConstraint


def _bilingual(korean: str, english: str) -> str:
    if get_language() == "en" and english:
        return english
    return korean or english


class GenderPolicy(models.TextChoices):
    """Who a room is for; a stay asks for one of these and gets only such a room."""

    WOMEN = "women", _("Women only")
    MEN = "men", _("Men only")
    MIXED = "mixed", _("Family or mixed")


class RoomKind(models.TextChoices):
    SINGLE = "single", _("Single")
    DOUBLE = "double", _("Double")
    QUAD = "quad", _("Quad")
    ACCESSIBLE = "accessible", _("Accessible")


class Amenity(models.Model):
    """Something a room has: a private bathroom, a desk, a kettle."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("amenity")
        verbose_name_plural = _("amenities")
        ordering = ["name"]

    def __str__(self) -> str:
        return _bilingual(self.name, self.name_en)


class Building(models.Model):
    """A lodging building, with its check-in times and instructions for guests."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("front desk phone"), max_length=32, blank=True)
    check_in_time = models.TimeField(_("check-in from"), default=dt.time(15, 0))
    check_out_time = models.TimeField(_("check-out by"), default=dt.time(11, 0))
    check_in_instructions = models.TextField(
        _("check-in instructions"),
        blank=True,
        help_text=_("Shown to guests on their stay page. Plain text."),
    )
    check_in_instructions_en = models.TextField(
        _("check-in instructions in English"), blank=True
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("lodging building")
        verbose_name_plural = _("lodging buildings")
        ordering = ["code"]

    def __str__(self) -> str:
        return _bilingual(self.name, self.name_en)

    @property
    def instructions(self) -> str:
        return _bilingual(self.check_in_instructions, self.check_in_instructions_en)


class Floor(models.Model):
    """A floor of a building; rooms are listed floor by floor."""

    building = models.ForeignKey(
        Building,
        verbose_name=_("building"),
        on_delete=models.CASCADE,
        related_name="floors",
    )
    number = models.SmallIntegerField(_("floor"))
    name = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("e.g. Lounge floor")
    )

    class Meta:
        verbose_name = _("floor")
        verbose_name_plural = _("floors")
        ordering = ["building", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "number"], name="lodging_floor_once_per_building"
            )
        ]

    def __str__(self) -> str:
        label = _("%(number)sF") % {"number": self.number}
        return f"{self.building} {label}"


class Room(ClusterableModel):
    """A room: its kind, who it is for, its amenities and its beds."""

    floor = models.ForeignKey(
        Floor, verbose_name=_("floor"), on_delete=models.CASCADE, related_name="rooms"
    )
    number = models.CharField(_("room number"), max_length=10)
    kind = models.CharField(
        _("kind"), max_length=16, choices=RoomKind.choices, default=RoomKind.DOUBLE
    )
    gender_policy = models.CharField(
        _("for"),
        max_length=8,
        choices=GenderPolicy.choices,
        default=GenderPolicy.MIXED,
    )
    is_accessible = models.BooleanField(
        _("accessible"),
        default=False,
        help_text=_("Step-free access, wide door, accessible bathroom."),
    )
    amenities = ParentalManyToManyField(
        Amenity, verbose_name=_("amenities"), blank=True, related_name="rooms"
    )
    notes = models.CharField(_("notes for guests"), max_length=300, blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["floor__building__code", "floor__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["floor", "number"], name="lodging_room_number_once_per_floor"
            ),
            models.CheckConstraint(
                condition=~Q(kind=RoomKind.ACCESSIBLE) | Q(is_accessible=True),
                name="lodging_accessible_room_is_accessible",
            ),
        ]

    def __str__(self) -> str:
        return _("Room %(number)s") % {"number": self.number}


class Bed(models.Model):
    """One bed of a room: the unit of capacity."""

    room = ParentalKey(
        Room, verbose_name=_("room"), on_delete=models.CASCADE, related_name="beds"
    )
    label = models.CharField(_("bed"), max_length=8, help_text=_("e.g. A, B"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("bed")
        verbose_name_plural = _("beds")
        ordering = ["room", "label"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "label"], name="lodging_bed_label_once_per_room"
            )
        ]

    def __str__(self) -> str:
        return f"{self.room.number}-{self.label}"


class OutOfService(models.Model):
    """A room taken out of use for the nights `[starts_on, ends_on)` (repairs)."""

    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.CASCADE,
        related_name="out_of_service",
    )
    starts_on = models.DateField(_("from (first night)"))
    ends_on = models.DateField(_("until (back in use)"))
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("out-of-service period")
        verbose_name_plural = _("out-of-service periods")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="lodging_out_of_service_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_on}–{self.ends_on}"


class StayStatus(models.TextChoices):
    WAITLISTED = "waitlisted", _("On the waitlist")
    HELD = "held", _("Held: confirm it")
    CONFIRMED = "confirmed", _("Confirmed")
    CHECKED_IN = "checked_in", _("Checked in")
    CHECKED_OUT = "checked_out", _("Checked out")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Hold expired")
    NO_SHOW = "no_show", _("No-show")


# statuses whose nights take the bed (a checked-out stay keeps the nights it used)
OCCUPYING = (
    StayStatus.HELD,
    StayStatus.CONFIRMED,
    StayStatus.CHECKED_IN,
    StayStatus.CHECKED_OUT,
)
# statuses still to come or under way: at most one per enrolment
LIVE = (
    StayStatus.WAITLISTED,
    StayStatus.HELD,
    StayStatus.CONFIRMED,
    StayStatus.CHECKED_IN,
)
_OCCUPYING_VALUES = [status.value for status in OCCUPYING]


class GuestKind(models.TextChoices):
    LEARNER = "learner", _("Learner")
    INSTRUCTOR = "instructor", _("Instructor")
    GUEST = "guest", _("Guest")


class StayQuerySet(models.QuerySet):
    def occupying(self, *, now=None):
        """Stays whose nights take their bed, leaving out holds past their expiry."""
        now = now or timezone.now()
        return self.filter(status__in=OCCUPYING).exclude(
            status=StayStatus.HELD, hold_expires_at__lte=now
        )

    def overlapping(self, check_in: dt.date, check_out: dt.date):
        return self.filter(check_in__lt=check_out, check_out__gt=check_in)


class Stay(models.Model):
    """A guest's nights `[check_in, check_out)` in one bed, or on a waitlist.

    A learner's stay belongs to their enrolment in a residential run; staff
    also book stays for instructors and guests. A learner's bed is first
    *held* until `hold_expires_at` and then confirmed by the learner.
    """

    kind = models.CharField(
        _("guest type"),
        max_length=16,
        choices=GuestKind.choices,
        default=GuestKind.LEARNER,
    )
    run = models.ForeignKey(
        "learning.CourseRun",
        verbose_name=_("course run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stays",
    )
    enrollment = models.ForeignKey(
        "learning.Enrollment",
        verbose_name=_("enrolment"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stays",
    )
    guest = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("guest"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stays",
    )
    guest_name = models.CharField(
        _("guest name"),
        max_length=100,
        blank=True,
        help_text=_("For a guest without an account."),
    )
    guest_phone = models.CharField(_("guest phone"), max_length=32, blank=True)
    organization = models.ForeignKey(
        "accounts.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    room_policy = models.CharField(
        _("room"),
        max_length=8,
        choices=GenderPolicy.choices,
        help_text=_("The kind of room the guest stays in."),
    )
    needs_accessible = models.BooleanField(_("needs an accessible room"), default=False)
    keep_with_organization = models.BooleanField(
        _("room with members of the same organization"), default=False
    )
    check_in = models.DateField(_("check-in"))
    check_out = models.DateField(_("check-out"))
    bed = models.ForeignKey(
        Bed,
        verbose_name=_("bed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="stays",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=StayStatus.choices, db_index=True
    )
    hold_expires_at = models.DateTimeField(_("hold expires"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    cancelled_at = models.DateTimeField(
        pgettext_lazy("lodging", "cancelled"), null=True, blank=True
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=False,
        help_text=_("Set when the run's dates moved after the stay was booked."),
    )
    review_note = models.CharField(_("review note"), max_length=300, blank=True)
    staff_note = models.CharField(_("staff note"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField(
        default=0, editable=False, help_text="iCalendar SEQUENCE: raised on changes."
    )
    notified_status = models.CharField(max_length=16, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StayQuerySet.as_manager()

    class Meta:
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        ordering = ["check_in", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(check_out__gt=models.F("check_in")),
                name="lodging_stay_at_least_one_night",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=_OCCUPYING_VALUES) | Q(bed__isnull=False),
                name="lodging_stay_occupying_has_bed",
            ),
            models.CheckConstraint(
                condition=~Q(status=StayStatus.WAITLISTED) | Q(bed__isnull=True),
                name="lodging_stay_waitlisted_has_no_bed",
            ),
            models.CheckConstraint(
                condition=~Q(status=StayStatus.HELD) | Q(hold_expires_at__isnull=False),
                name="lodging_stay_hold_has_expiry",
            ),
            models.CheckConstraint(
                condition=Q(guest__isnull=False) | ~Q(guest_name=""),
                name="lodging_stay_has_a_guest",
            ),
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(status__in=[status.value for status in LIVE]),
                name="lodging_stay_one_live_per_enrollment",
            ),
            # the guarantee: never two stays in one bed on one night
            PostgresExclusionConstraint(
                name="lodging_stay_no_double_booked_bed",
                expressions=[
                    ("bed", RangeOperators.EQUAL),
                    (DateRange("check_in", "check_out"), RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=_OCCUPYING_VALUES),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "hold_expires_at"]),
            models.Index(fields=["check_in", "check_out"]),
            models.Index(fields=["run", "status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.guest_display} · {self.check_in}–{self.check_out}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("lodging:stay-detail", args=[self.pk])

    @property
    def guest_display(self) -> str:
        if self.guest_id:
            return self.guest.display_name
        return self.guest_name

    @property
    def nights(self) -> int:
        return (self.check_out - self.check_in).days

    def is_hold_expired(self, *, now=None) -> bool:
        return (
            self.status == StayStatus.HELD
            and self.hold_expires_at is not None
            and self.hold_expires_at <= (now or timezone.now())
        )

    @property
    def effective_status(self) -> str:
        """The status as it stands now: a hold past its expiry has expired,
        whether or not the periodic release has run yet."""
        return StayStatus.EXPIRED if self.is_hold_expired() else self.status

    def get_effective_status_display(self) -> str:
        return StayStatus(self.effective_status).label
