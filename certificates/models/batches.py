"""Bulk (re)issues of a course run's certificates, with their progress."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CertificateBatchMode(models.TextChoices):
    ISSUE_MISSING = "issue_missing", _("Issue to completed learners who have none")
    REISSUE_ALL = "reissue_all", _("Reissue every certificate of the run")


class CertificateBatchStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")


class CertificateBatch(models.Model):
    """A bulk (re)issue of a course run's certificates, with its progress.

    Its items are fixed when it starts; the task marks each one done in the
    same transaction as it counts it, so a redelivered task neither repeats
    an item nor counts it twice.
    """

    run = models.ForeignKey(
        "learning.CourseRun",
        verbose_name=_("course run"),
        on_delete=models.CASCADE,
        related_name="certificate_batches",
    )
    mode = models.CharField(
        _("what to do"), max_length=16, choices=CertificateBatchMode.choices
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CertificateBatchStatus.choices,
        default=CertificateBatchStatus.QUEUED,
    )
    total = models.PositiveIntegerField(_("learners"), default=0)
    processed = models.PositiveIntegerField(
        pgettext_lazy("certificate", "processed"), default=0
    )
    issued = models.PositiveIntegerField(_("certificates issued"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(
        pgettext_lazy("certificate", "started"), auto_now_add=True
    )
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulk issue")
        verbose_name_plural = _("bulk issues")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(processed__lte=models.F("total")),
                name="certificate_batch_processed_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.run} · {self.get_mode_display()}"

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.status == CertificateBatchStatus.DONE else 0
        return int(self.processed * 100 / self.total)


class CertificateBatchItem(models.Model):
    """One enrolment of a bulk issue, done or not yet."""

    batch = models.ForeignKey(
        CertificateBatch, on_delete=models.CASCADE, related_name="items"
    )
    enrollment = models.ForeignKey(
        "learning.Enrollment", on_delete=models.CASCADE, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bulk issue item")
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "enrollment"], name="certificate_batch_item_once"
            ),
        ]
        indexes = [models.Index(fields=["batch", "done_at"])]

    def __str__(self) -> str:
        return f"{self.batch_id} · {self.enrollment_id}"
