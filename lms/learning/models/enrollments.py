"""Enrolments, and what a learner keeps in a run: lesson progress and bookmarks."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .runs import CourseRun


class EnrollmentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    WAITLISTED = "waitlisted", _("On the waitlist")
    ACTIVE = "active", _("Enrolled")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REJECTED = "rejected", _("Not approved")


REQUEST_REASON_MAX = 1000

# statuses that hold a seat
SEAT_HOLDING = (EnrollmentStatus.ACTIVE, EnrollmentStatus.COMPLETED)


class Enrollment(models.Model):
    """A learner's place in a course run, from request to completion."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    run = models.ForeignKey(
        CourseRun,
        verbose_name=_("course run"),
        on_delete=models.CASCADE,
        related_name="enrollments",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EnrollmentStatus.choices, db_index=True
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    final_grade = models.DecimalField(
        _("final grade (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(
        _("source"), max_length=16, default="web", help_text=_("web, csv or api")
    )
    request_reason = models.TextField(
        _("reason for applying"),
        max_length=REQUEST_REASON_MAX,
        blank=True,
        help_text=_("What the learner wrote when asking to join a course by approval."),
    )
    notified_status = models.CharField(
        max_length=16,
        blank=True,
        editable=False,
        help_text="The status the learner was last told about by e-mail.",
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "run"], name="enrollment_one_per_learner_and_run"
            ),
        ]
        indexes = [models.Index(fields=["run", "status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.run} ({self.get_status_display()})"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_HOLDING


class LessonProgress(models.Model):
    """What a learner has done with a lesson: viewed, and when completed."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="lesson_progress",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    first_viewed_at = models.DateTimeField(default=timezone.now)
    last_viewed_at = models.DateTimeField(default=timezone.now, db_index=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson"], name="progress_one_per_learner_and_lesson"
            ),
        ]
        indexes = [models.Index(fields=["learner", "course", "last_viewed_at"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.lesson_id}"


class Bookmark(models.Model):
    """'Save for later': a lesson or a library resource a learner keeps."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks"
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    resource = models.ForeignKey(
        "courses.LibraryResource",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bookmark")
        verbose_name_plural = _("bookmarks")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(page__isnull=False) & Q(resource__isnull=True))
                | (Q(page__isnull=True) & Q(resource__isnull=False)),
                name="bookmark_page_or_resource",
            ),
            models.UniqueConstraint(
                fields=["learner", "page"],
                name="bookmark_page_once",
                condition=Q(page__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["learner", "resource"],
                name="bookmark_resource_once",
                condition=Q(resource__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.page_id or self.resource_id}"
