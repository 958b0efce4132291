"""Places, lecture sessions, their occurrences, attendance and calendar tokens.

A `LectureSession` is what staff schedule: one meeting, or a series given by an
RFC 5545 RRULE. Its meetings are materialised as `SessionOccurrence` rows, so
that the database itself can refuse overlaps: on PostgreSQL, exclusion
constraints (btree_gist, added by migration 0002) forbid two active
occurrences in one room, or of one course run, at overlapping times, and two
active `InstructorSlot`s of one instructor. The services run the same check
with queries first, which is all SQLite gets, and which gives the clear
message; the constraints are the backstop for races.

The course run stands for the cohort ("never a cohort in two sessions"). A
cohort below the run can be added later as a nullable column of
`SessionOccurrence` with its own exclusion constraint.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .constraints import occurrence_exclusion_constraints, slot_exclusion_constraints


def _bilingual(ko: str, en: str) -> str:
    if get_language() == "en" and en:
        return en
    return ko or en


class Building(models.Model):
    """A building of the education center (강의동, 숙박동 …) and its hours."""

    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    code = models.SlugField(_("code"), max_length=20, unique=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Entrances, lifts, accessible toilets, parking."),
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_at = models.TimeField(_("opens"), default="08:00")
    closes_at = models.TimeField(_("closes"), default="22:00")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="building_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _bilingual(self.name, self.name_en)


class Equipment(models.Model):
    """Something a room has: projector, microphones, video conferencing …"""

    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")
        ordering = ["name"]

    def __str__(self) -> str:
        return _bilingual(self.name, self.name_en)


class RoomKind(models.TextChoices):
    LECTURE_HALL = "lecture_hall", _("Lecture hall")
    SEMINAR_ROOM = "seminar_room", _("Seminar room")
    LAB = "lab", _("Lab")
    ONLINE = "online", _("Online room")


class RoomQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Room(models.Model):
    """A room sessions meet in; an online room is a standing video link."""

    building = models.ForeignKey(
        Building,
        verbose_name=_("building"),
        on_delete=models.PROTECT,
        related_name="rooms",
    )
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    code = models.SlugField(_("code"), max_length=20)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=RoomKind.choices,
        default=RoomKind.SEMINAR_ROOM,
    )
    capacity = models.PositiveIntegerField(pgettext_lazy("timetable", "seats"))
    equipment = models.ManyToManyField(
        Equipment, verbose_name=_("equipment"), blank=True, related_name="rooms"
    )
    step_free = models.BooleanField(
        _("step-free access"), default=True, help_text=_("Reachable without stairs.")
    )
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    online_url = models.URLField(
        _("video link"), blank=True, help_text=_("For online rooms.")
    )
    opens_at = models.TimeField(
        _("opens"), null=True, blank=True, help_text=_("Empty: the building's hours.")
    )
    closes_at = models.TimeField(_("closes"), null=True, blank=True)
    is_active = models.BooleanField(_("bookable"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = RoomQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("lecture room", "room")
        verbose_name_plural = pgettext_lazy("lecture room", "rooms")
        ordering = ["building__sort_order", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["building", "code"], name="room_code_once_per_building"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.building.display_name} {self.display_name}"

    @property
    def display_name(self) -> str:
        return _bilingual(self.name, self.name_en)

    @property
    def is_online(self) -> bool:
        return self.kind == RoomKind.ONLINE

    def opening_hours(self):
        """(opens, closes) for this room: its own, else its building's."""
        if self.opens_at and self.closes_at:
            return self.opens_at, self.closes_at
        return self.building.opens_at, self.building.closes_at


class BlackoutKind(models.TextChoices):
    PUBLIC_HOLIDAY = "public_holiday", _("Public holiday")
    CLOSURE = "closure", _("Closure")


class BlackoutDate(models.Model):
    """A day no session may meet: a public holiday, or a building's closure."""

    date = models.DateField(_("date"), db_index=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100, blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=BlackoutKind.choices,
        default=BlackoutKind.PUBLIC_HOLIDAY,
    )
    building = models.ForeignKey(
        Building,
        verbose_name=_("building"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="blackout_dates",
        help_text=_("Empty: the whole center."),
    )

    class Meta:
        verbose_name = _("blackout date")
        verbose_name_plural = _("blackout dates")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "building"], name="blackout_once_per_building"
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(building__isnull=True),
                name="blackout_once_for_the_center",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.display_name}"

    @property
    def display_name(self) -> str:
        return _bilingual(self.name, self.name_en)


class SessionKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture session")
    EVENT = "event", _("Room booking (not a course)")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("timetable", "Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class LectureSession(models.Model):
    """A session of a course run, or a room booking for an event that is not one.

    `starts_at`/`ends_at` are the first meeting (aware, shown in Asia/Seoul);
    `rrule` repeats it (RFC 5545, bounded by COUNT or UNTIL). Meetings taken
    out of a series are occurrences with `is_excluded`, the feed's EXDATEs.
    `sequence` is raised on every change, as RFC 5545's SEQUENCE.
    """

    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=SessionKind.choices,
        default=SessionKind.LECTURE,
    )
    run = models.ForeignKey(
        "learning.CourseRun",
        verbose_name=_("course run"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    organiser = models.CharField(
        _("organiser"), max_length=200, blank=True, help_text=_("For room bookings.")
    )
    room = models.ForeignKey(
        Room,
        verbose_name=pgettext_lazy("lecture room", "room"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    starts_at = models.DateTimeField(pgettext_lazy("timetable", "starts"))
    ends_at = models.DateTimeField(pgettext_lazy("timetable", "ends"))
    rrule = models.CharField(
        _("repeats"),
        max_length=300,
        blank=True,
        help_text=_("An RFC 5545 rule, e.g. FREQ=WEEKLY;COUNT=8. Empty: once."),
    )
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructors"),
        blank=True,
        related_name="taught_sessions",
    )
    materials = models.ManyToManyField(
        "wagtaildocs.Document",
        verbose_name=_("materials"),
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SessionStatus.choices,
        default=SessionStatus.SCHEDULED,
        db_index=True,
    )
    cancel_reason = models.CharField(_("reason"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(kind="event") | Q(run__isnull=False),
                name="session_lecture_has_a_run",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("timetable:session", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == SessionStatus.CANCELLED

    @property
    def uid(self) -> str:
        """The iCalendar UID: stable for the life of the session."""
        return f"session-{self.pk}@campus"


class SessionOccurrence(models.Model):
    """One meeting of a session: what occupies a room, and what attendance is for.

    `room` and `run` copy the session's, so that one table carries the ranges
    the exclusion constraints compare. `is_active` is False for an excluded
    meeting and for every meeting of a cancelled session.
    """

    session = models.ForeignKey(
        LectureSession, on_delete=models.CASCADE, related_name="occurrences"
    )
    index = models.PositiveSmallIntegerField(help_text="Position in the series.")
    starts_at = models.DateTimeField(pgettext_lazy("timetable", "starts"))
    ends_at = models.DateTimeField(pgettext_lazy("timetable", "ends"))
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="+")
    run = models.ForeignKey(
        "learning.CourseRun",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_excluded = models.BooleanField(_("taken out of the series"), default=False)
    is_active = models.BooleanField(default=True)

    class Meta:
        verbose_name = pgettext_lazy("timetable", "meeting")
        verbose_name_plural = pgettext_lazy("timetable", "meetings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "index"], name="occurrence_index_once"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="occurrence_ends_after_it_starts",
            ),
            # no room or run booked twice at once (PostgreSQL; constraints.py)
            *occurrence_exclusion_constraints(),
        ]
        indexes = [
            models.Index(fields=["room", "starts_at"]),
            models.Index(fields=["run", "starts_at"]),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.session.title} · {local:%Y-%m-%d %H:%M}"


class InstructorSlot(models.Model):
    """An instructor's hold on a meeting's time: never two at once (PostgreSQL)."""

    occurrence = models.ForeignKey(
        SessionOccurrence, on_delete=models.CASCADE, related_name="instructor_slots"
    )
    instructor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "instructor"], name="slot_once_per_instructor"
            ),
            # no instructor in two meetings at once (PostgreSQL; constraints.py)
            *slot_exclusion_constraints(),
        ]
        indexes = [models.Index(fields=["instructor", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.instructor_id} · {self.occurrence_id}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    ABSENT = "absent", _("Absent")
    EXCUSED = "excused", _("Excused")


# statuses that count as attended; excused meetings leave the denominator
ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceMethod(models.TextChoices):
    ROSTER = "roster", _("Marked by the instructor")
    QR = "qr", _("QR check-in")


class Attendance(models.Model):
    """Whether a learner attended one meeting, and how it was recorded."""

    occurrence = models.ForeignKey(
        SessionOccurrence, on_delete=models.CASCADE, related_name="attendance"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(
        _("attendance"), max_length=16, choices=AttendanceStatus.choices
    )
    method = models.CharField(
        pgettext_lazy("attendance", "recorded by"),
        max_length=16,
        choices=AttendanceMethod.choices,
        default=AttendanceMethod.ROSTER,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["occurrence", "learner"], name="attendance_once_per_meeting"
            ),
        ]
        indexes = [models.Index(fields=["learner", "occurrence"])]

    def __str__(self) -> str:
        return f"{self.learner_id} · {self.occurrence_id}: {self.status}"


def feed_token_new() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedToken(models.Model):
    """The secret in a person's feed URL; rotating it retires the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=feed_token_new)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed token")
        verbose_name_plural = _("calendar feed tokens")

    def __str__(self) -> str:
        return f"{self.user_id}"


class SessionNotice(models.Model):
    """That a learner was e-mailed about a session's change `sequence`: once."""

    session = models.ForeignKey(
        LectureSession, on_delete=models.CASCADE, related_name="notices"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sequence = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "learner", "sequence"], name="notice_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.learner_id} · {self.sequence}"
