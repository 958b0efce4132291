"""Certificates as issued, their serial numbers and what happened to them."""

import base64
import re
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .batches import CertificateBatch
from .templates import CertificateTemplate


def verification_code_new() -> str:
    """130 random bits in lower-case base32: unguessable, easy to read aloud."""
    return base64.b32encode(secrets.token_bytes(17)).decode().rstrip("=").lower()[:26]


class SerialCounter(models.Model):
    """The last serial number given out in a year, kept under a row lock so
    that numbers are gapless and never given twice."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("serial counter")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Replaced by a corrected certificate")


class CertificateQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def valid(self):
        return self.filter(is_current=True, revoked_at__isnull=True)


class Certificate(models.Model):
    """An issued certificate of completion, as it was issued.

    `serial` is what people read and quote (JBSE-2026-000123); `code` is the
    opaque key of the public verification page. The PDF and the signed Open
    Badge (a VC-JWT) are made from the copied fields and kept.
    """

    enrollment = models.ForeignKey(
        "learning.Enrollment",
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    run = models.ForeignKey(
        "learning.CourseRun",
        verbose_name=_("course run"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    batch = models.ForeignKey(
        CertificateBatch,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    serial = models.CharField(_("serial number"), max_length=40, unique=True)
    code = models.CharField(
        _("verification code"),
        max_length=32,
        unique=True,
        default=verification_code_new,
        editable=False,
    )
    credential_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # what the certificate says, copied when it is issued
    learner_name_ko = models.CharField(_("learner (Korean)"), max_length=100)
    learner_name_en = models.CharField(
        _("learner (English)"), max_length=100, blank=True
    )
    course_title_ko = models.CharField(_("course (Korean)"), max_length=255)
    course_title_en = models.CharField(_("course (English)"), max_length=255)
    run_title = models.CharField(_("course run"), max_length=200, blank=True)
    credit_hours = models.DecimalField(
        _("credit hours"), max_digits=5, decimal_places=1
    )
    started_on = models.DateField(
        pgettext_lazy("certificate", "started"), null=True, blank=True
    )
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    completed_on = models.DateField(pgettext_lazy("certificate", "completed"))
    grade = models.DecimalField(
        _("final grade (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    issuer_name_ko = models.CharField(_("issuer (Korean)"), max_length=120)
    issuer_name_en = models.CharField(_("issuer (English)"), max_length=160)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when issued on completion."),
    )
    # its life afterwards
    is_current = models.BooleanField(_("current"), default=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.CharField(
        _("reason for revocation"), max_length=300, blank=True
    )
    superseded_at = models.DateTimeField(_("replaced"), null=True, blank=True)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    correction_note = models.CharField(
        _("what was corrected"), max_length=300, blank=True
    )
    # what was made from it
    pdf_name = models.CharField(max_length=200, blank=True, editable=False)
    badge_jwt = models.TextField(blank=True, editable=False)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # exactly once: one current certificate per enrolment
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(is_current=True),
                name="certificate_one_current_per_enrollment",
            ),
            models.CheckConstraint(
                condition=Q(is_current=True) | Q(superseded_at__isnull=False),
                name="certificate_superseded_has_a_date",
            ),
        ]
        indexes = [
            models.Index(fields=["learner", "is_current"]),
            models.Index(fields=["run", "is_current"]),
        ]

    def __str__(self) -> str:
        return f"{self.serial} · {self.learner_name_ko}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("certificates:verify", args=[self.code])

    @property
    def status(self) -> str:
        if self.revoked_at is not None:
            return CertificateStatus.REVOKED
        if not self.is_current:
            return CertificateStatus.SUPERSEDED
        return CertificateStatus.VALID

    def get_status_display(self) -> str:
        return CertificateStatus(self.status).label

    @property
    def is_valid(self) -> bool:
        return self.status == CertificateStatus.VALID

    @property
    def learner_name(self) -> str:
        if get_language() == "en" and self.learner_name_en:
            return self.learner_name_en
        return self.learner_name_ko

    @property
    def course_title(self) -> str:
        if get_language() == "en":
            return self.course_title_en
        return self.course_title_ko

    @property
    def issuer_name(self) -> str:
        if get_language() == "en":
            return self.issuer_name_en
        return self.issuer_name_ko

    @property
    def file_name(self) -> str:
        return re.sub(r"[^A-Za-z0-9-]", "", self.serial) + ".pdf"


class CertificateEventKind(models.TextChoices):
    ISSUED = "issued", _("Issued")
    REVOKED = "revoked", _("Revoked")
    REISSUED = "reissued", _("Reissued after a correction")


class CertificateEvent(models.Model):
    """The record of what happened to a certificate, who did it and why."""

    certificate = models.ForeignKey(
        Certificate, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(
        _("what"), max_length=16, choices=CertificateEventKind.choices
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(
        pgettext_lazy("certificate", "note"), max_length=300, blank=True
    )
    at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("certificate event")
        verbose_name_plural = _("certificate events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate_id} {self.kind} {self.at:%Y-%m-%d}"
