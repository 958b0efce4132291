"""Certificates of completion (이수증): templates, issued certificates, bulk runs.

A certificate is issued once per enrolment: a partial unique constraint allows
one *current* certificate per enrolment, and the issuing service locks the
enrolment row before it looks. A correction does not edit a certificate; it
supersedes it with a new one (new serial number and verification code), so
what was once issued stays on record and verifiers of the old code are told.

What a certificate says (names, course title, hours, dates) is copied onto it
when it is issued: a later change to the course or the account does not alter
a document that is already in someone's hands.
"""

import base64
import re
import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from .placeholders import PLACEHOLDERS, placeholders_unknown

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, e.g. #0f6b4f.")
)


def verification_code_new() -> str:
    """130 random bits in lower-case base32: unguessable, easy to read aloud."""
    return base64.b32encode(secrets.token_bytes(17)).decode().rstrip("=").lower()[:26]


class CertificateTemplate(PreviewableMixin, ClusterableModel):
    """How a certificate looks and what it says, in Korean and English.

    The body texts take placeholders such as `{learner_name}` and `{course}`
    (see `certificates.placeholders`). The page is A4 landscape; the colours,
    the logo, the seal and the signatories are the template's.
    """

    name = models.CharField(
        _("name"), max_length=100, help_text=_("For staff only, e.g. “Formal courses”.")
    )
    title_ko = models.CharField(_("title (Korean)"), max_length=60, default="이수증")
    title_en = models.CharField(
        _("title (English)"), max_length=80, default="Certificate of Completion"
    )
    body_ko = models.TextField(
        _("body (Korean)"),
        max_length=600,
        default=(
            "위 사람은 {start_date}부터 {end_date}까지 {issuer}에서 운영한 "
            "「{course}」 과정({hours}시간)을 성실히 이수하였으므로 이 증서를 드립니다."
        ),
    )
    body_en = models.TextField(
        _("body (English)"),
        max_length=800,
        default=(
            "has successfully completed {course} ({hours} hours), held by "
            "{issuer} from {start_date} to {end_date}."
        ),
    )
    issuer_name_ko = models.CharField(
        _("issuer (Korean)"),
        max_length=120,
        default="사회적경제 네트워크 혁신타운 교육센터",
    )
    issuer_name_en = models.CharField(
        _("issuer (English)"),
        max_length=160,
        default="Social Economy Network Innovation Town Education Center",
    )
    primary_colour = models.CharField(
        _("main colour"), max_length=7, default="#0f6b4f", validators=[colour_validator]
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default="#b3471b",
        validators=[colour_validator],
    )
    show_pattern = models.BooleanField(
        _("security pattern"),
        default=True,
        help_text=_("A fine guilloche pattern behind the text, hard to copy."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    seal = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("seal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The official seal, printed over the issuer's name."),
    )
    is_default = models.BooleanField(
        _("default template"),
        default=False,
        help_text=_("Used for courses that have no template of their own."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("title_ko"), FieldPanel("title_en")]),
                FieldPanel(
                    "body_ko",
                    help_text=_("Placeholders: %(names)s")
                    % {"names": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)},
                ),
                FieldPanel("body_en"),
                FieldRowPanel(
                    [FieldPanel("issuer_name_ko"), FieldPanel("issuer_name_en")]
                ),
            ],
            pgettext_lazy("certificate", "Text"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("primary_colour"), FieldPanel("accent_colour")]
                ),
                FieldPanel("show_pattern"),
                FieldPanel("logo"),
                FieldPanel("seal"),
            ],
            _("Design (A4 landscape)"),
        ),
        InlinePanel("signatories", label=_("Signatories"), max_num=3, min_num=0),
        FieldPanel("is_default"),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"],
                condition=Q(is_default=True),
                name="certificate_template_one_default",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        errors = {}
        for field in ("body_ko", "body_en"):
            unknown = placeholders_unknown(getattr(self, field))
            if unknown:
                errors[field] = _(
                    "Unknown placeholder %(names)s. Use only: %(known)s."
                ) % {
                    "names": ", ".join(f"{{{name}}}" for name in unknown),
                    "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                }
        if errors:
            raise ValidationError(errors)

    # Wagtail preview: a sample certificate drawn with the form's current values
    def serve_preview(self, request, mode_name):
        from django.http import HttpResponse

        from .pdf import certificate_sample_render

        response = HttpResponse(
            certificate_sample_render(template=self), content_type="application/pdf"
        )
        response["Content-Disposition"] = 'inline; filename="preview.pdf"'
        return response


class CertificateSignatory(Orderable):
    """A person who signs the certificates of a template, e.g. the center head."""

    template = ParentalKey(CertificateTemplate, related_name="signatories")
    name_ko = models.CharField(_("name (Korean)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=80, blank=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=60)
    title_en = models.CharField(_("title (English)"), max_length=80, blank=True)
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("name_ko"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("title_ko"), FieldPanel("title_en")]),
        FieldPanel("signature"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("signatory")
        verbose_name_plural = _("signatories")

    def __str__(self) -> str:
        return f"{self.title_ko} {self.name_ko}"


class CourseCertificate(models.Model):
    """A course's certificate settings: its template, and whether completion
    issues a certificate by itself or staff issue them by hand."""

    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="certificate_settings",
    )
    template = models.ForeignKey(
        CertificateTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
        help_text=_("Leave empty for the default template."),
    )
    issue_on_completion = models.BooleanField(
        _("issue on completion"),
        default=True,
        help_text=_(
            "Issue the certificate as soon as a learner completes the course. "
            "Turn off to review completions and issue by hand."
        ),
    )

    class Meta:
        verbose_name = _("course certificate")
        verbose_name_plural = _("course certificates")

    def __str__(self) -> str:
        return str(self.course)


class SerialCounter(models.Model):
    """The last serial number given out in a year, kept under a row lock so
    that numbers are gapless and never given twice."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("serial counter")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


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
