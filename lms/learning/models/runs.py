"""Course runs: a course's dated, enrollable offering, and its title in SQL."""

import secrets

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


class EnrollmentPolicy(models.TextChoices):
    OPEN = "open", _("Open: anyone may enrol")
    APPROVAL = "approval", _("Approval by staff or the instructor")
    INVITATION = "invitation", _("Invitation code")


class Pacing(models.TextChoices):
    SELF_PACED = "self_paced", _("Self-paced")
    SCHEDULED = "scheduled", _("Scheduled")


def invitation_code_new() -> str:
    return secrets.token_urlsafe(9)


class CourseRunQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, course__live=True)

    def upcoming(self, *, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))

    def for_course(self, course):
        """The runs of `course`, whichever language version of its page it is."""
        return self.filter(course__translation_key=course.translation_key)


class CourseRun(models.Model):
    """One offering of a course: its dates, seats and who may enrol.

    A run belongs to the course, not to one language of its page: `course`
    is the course's canonical page (`courses.translations.page_canonical`),
    and every translation of the page lists the same runs, seats, waitlist
    and sessions (`CourseRun.objects.for_course(page)`). What the run says
    about itself is in both languages side by side (`title_ko`, `title_en`;
    `title` is the one of the active language).

    `seats_taken` counts active enrolments. It is kept by the enrolment
    services under a row lock, and a check constraint makes the database
    refuse one seat too many whatever the code does.
    """

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="runs",
    )
    title_ko = models.CharField(
        _("title (Korean)"), max_length=200, help_text=_("e.g. 2026 spring, cohort 3")
    )
    title_en = models.CharField(
        _("title (English)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to show the Korean title."),
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    enrollment_opens_at = models.DateTimeField(
        _("enrolment opens"), null=True, blank=True
    )
    enrollment_closes_at = models.DateTimeField(
        _("enrolment closes"), null=True, blank=True
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    seats_taken = models.PositiveIntegerField(
        _("seats taken"), default=0, editable=False
    )
    enrollment_policy = models.CharField(
        _("enrolment policy"),
        max_length=16,
        choices=EnrollmentPolicy.choices,
        default=EnrollmentPolicy.OPEN,
    )
    invitation_code = models.CharField(
        _("invitation code"), max_length=32, blank=True, default=invitation_code_new
    )
    pacing = models.CharField(
        _("pacing"), max_length=16, choices=Pacing.choices, default=Pacing.SCHEDULED
    )
    is_residential = models.BooleanField(
        _("residential"),
        default=False,
        help_text=_("Learners stay in the lodging building."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    waitlist_enabled = models.BooleanField(_("waitlist"), default=True)
    # completion rules
    completion_requires_lessons = models.BooleanField(
        _("all required lessons done"), default=True
    )
    completion_requires_assessments = models.BooleanField(
        _("all required assessments passed"), default=True
    )
    completion_min_grade = models.PositiveSmallIntegerField(
        _("minimum final grade (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    completion_min_attendance = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Counted from the lecture sessions' attendance."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("course run")
        verbose_name_plural = _("course runs")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(seats_taken__lte=F("capacity")),
                name="run_seats_within_capacity",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="run_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course.title} · {self.title}"

    def save(self, *args, **kwargs):
        # whichever language's page the run was made from, it belongs to the course
        update_fields = kwargs.get("update_fields")
        if self.course_id is not None and (
            update_fields is None or "course" in update_fields
        ):
            from courses.translations import page_canonical

            canonical = page_canonical(self.course)
            if canonical.pk != self.course_id:
                self.course = canonical
        super().save(*args, **kwargs)

    @property
    def home_course(self):
        """The course's canonical page, which records point at, even where
        `course` shows a translation for display (`selectors.runs_in_language`)."""
        course = self.course
        if course.pk == self.course_id:
            return course
        return type(course)._default_manager.get(pk=self.course_id)

    @property
    def title(self) -> str:
        """The run's title in the active language (Korean when English is empty)."""
        language = translation.get_language() or ""
        if language.startswith("en") and self.title_en:
            return self.title_en
        return self.title_ko or self.title_en

    @title.setter
    def title(self, value: str) -> None:
        # one title given (as before runs had two): it is the Korean one
        self.title_ko = value

    @property
    def seats_left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.seats_taken, 0)

    def enrollment_window_state(self, *, now=None) -> str:
        """'not_yet', 'open' or 'closed'."""
        now = now or timezone.now()
        if self.enrollment_opens_at and now < self.enrollment_opens_at:
            return "not_yet"
        if self.enrollment_closes_at and now >= self.enrollment_closes_at:
            return "closed"
        return "open"


def run_title_expression(prefix: str = ""):
    """A run's title in the active language, in SQL (`prefix`: the path to the
    run, e.g. "run__"), for queries that read values rather than runs."""
    language = translation.get_language() or ""
    if language.startswith("en"):
        return Coalesce(
            NullIf(F(f"{prefix}title_en"), Value("")), F(f"{prefix}title_ko")
        )
    return F(f"{prefix}title_ko")
