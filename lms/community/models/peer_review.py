"""Peer review of assignments: settings per assignment and the reviews."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PeerReviewSettings(models.Model):
    """Whether and how an assignment's submissions are reviewed by peers.

    Kept here, keyed by the assignment page, rather than as fields of
    `courses.AssignmentPage`: peer review is social learning's business.
    """

    assignment = models.OneToOneField(
        "courses.AssignmentPage",
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="peer_review_settings",
    )
    is_enabled = models.BooleanField(_("peer review on"), default=True)
    reviewers_per_submission = models.PositiveSmallIntegerField(
        _("reviewers per submission"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Authors and reviewers do not see each other's names."),
    )
    review_days = models.PositiveSmallIntegerField(
        _("days to review"),
        default=7,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    opens_at = models.DateTimeField(
        _("reviews start"),
        null=True,
        blank=True,
        help_text=_("Empty: when the assignment is due."),
    )
    instructions = models.TextField(_("instructions for reviewers"), blank=True)
    round_started_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("peer review settings")
        verbose_name_plural = _("peer review settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(reviewers_per_submission__gte=1)
                & Q(reviewers_per_submission__lte=5),
                name="peer_review_reviewers_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return str(self.assignment)


class ReviewStatus(models.TextChoices):
    ASSIGNED = "assigned", _("To do")
    SUBMITTED = "submitted", _("Done")
    EXPIRED = "expired", _("Not done in time")


class PeerReview(models.Model):
    """One reviewer's review of one submission, by the assignment's rubric.

    `is_fallback` marks a review handed to an instructor because the pool of
    peers was too small or a peer's review came too late.
    """

    submission = models.ForeignKey(
        "learning.Submission", on_delete=models.CASCADE, related_name="peer_reviews"
    )
    assignment = models.ForeignKey(
        "courses.AssignmentPage", on_delete=models.CASCADE, related_name="+"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.CASCADE,
        related_name="peer_reviews_given",
    )
    is_fallback = models.BooleanField(_("instructor fallback"), default=False)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.ASSIGNED,
        db_index=True,
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    due_at = models.DateTimeField(_("due"))
    rubric_choices = models.JSONField(default=list, blank=True)
    score = models.DecimalField(
        _("score"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    comments = models.TextField(_("comments"), blank=True, max_length=10_000)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("peer review")
        verbose_name_plural = _("peer reviews")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "reviewer"], name="review_once_per_reviewer"
            )
        ]
        indexes = [models.Index(fields=["assignment", "status", "due_at"])]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.submission}"
