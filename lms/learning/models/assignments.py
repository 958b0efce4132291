"""Assignment submissions, extensions and grade overrides, with the private
storage their files go to.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .enrollments import Enrollment


def private_storage():
    """Learners' uploads: kept out of the public media folder, served by views."""
    from django.core.files.storage import storages

    return storages["private"]


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    GRADED = "graded", _("Graded")
    SUPERSEDED = "superseded", _("Replaced by a resubmission")


class AssignmentExtension(models.Model):
    """A later due date for one learner, granted by an instructor."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    assignment = models.ForeignKey(
        "courses.AssignmentPage", on_delete=models.CASCADE, related_name="extensions"
    )
    due_at = models.DateTimeField(_("new due date"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("extension")
        verbose_name_plural = _("extensions")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "assignment"], name="extension_once_per_learner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} · {self.assignment_id} → {self.due_at:%Y-%m-%d}"


class Submission(models.Model):
    """A learner's work for an assignment; a resubmission is a new version."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    assignment = models.ForeignKey(
        "courses.AssignmentPage", on_delete=models.CASCADE, related_name="submissions"
    )
    enrollment = models.ForeignKey(
        Enrollment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=SubmissionStatus.choices,
        default=SubmissionStatus.SUBMITTED,
        db_index=True,
    )
    text = models.TextField(
        pgettext_lazy("submission", "answer"), blank=True, max_length=50_000
    )
    file = models.FileField(
        _("file"),
        upload_to="submissions/%Y/%m/",
        storage=private_storage,
        blank=True,
        max_length=300,
    )
    original_filename = models.CharField(max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    days_late = models.PositiveSmallIntegerField(_("days late"), default=0)
    # the grade, written by the instructor
    rubric_choices = models.JSONField(
        default=list, blank=True, help_text="Chosen level index per rubric criterion."
    )
    raw_score = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True
    )
    score = models.DecimalField(
        _("score"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="After the late penalty.",
    )
    feedback = models.TextField(_("feedback"), blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    graded_at = models.DateTimeField(_("graded"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "assignment", "version"],
                name="submission_version_once",
            ),
        ]
        indexes = [models.Index(fields=["assignment", "status", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.learner} · {self.assignment_id} v{self.version}"


class GradeOverride(models.Model):
    """A grade set by hand, with who, when and why. The newest one counts.

    Rows are never changed or deleted: together they are the audit trail.
    """

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="grade_overrides"
    )
    item = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The quiz or assignment.",
    )
    percent = models.DecimalField(
        _("grade (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Empty clears the override.",
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("grade override")
        verbose_name_plural = _("grade overrides")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True)
                | (Q(percent__gte=0) & Q(percent__lte=100)),
                name="override_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id} · {self.item_id}: {self.percent}"
