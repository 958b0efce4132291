"""The partner's learners on Campus, and the API's idempotency records."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PartnerLearner(models.Model):
    """A learner that a partner enrolled, known to the partner by its own id.

    A partner reads only the enrolments of its own learners.
    """

    institution = models.ForeignKey(
        "partners.PartnerInstitution",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="learners",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="partner_links",
    )
    external_id = models.CharField(_("partner's learner id"), max_length=100)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("partner learner")
        verbose_name_plural = _("partner learners")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "external_id"],
                name="partner_learner_external_id_once",
            ),
            models.UniqueConstraint(
                fields=["institution", "user"], name="partner_learner_user_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution_id}:{self.external_id}"


class IdempotencyRecord(models.Model):
    """The answer given to a write with an `Idempotency-Key`, replayed on retry.

    The unique key makes a concurrent retry wait for the first request's
    transaction and then replay its answer.
    """

    institution = models.ForeignKey(
        "partners.PartnerInstitution", on_delete=models.CASCADE, related_name="+"
    )
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "key"], name="idempotency_key_once"
            ),
        ]

    def __str__(self) -> str:
        return self.key
