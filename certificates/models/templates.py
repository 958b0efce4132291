"""How certificates look: templates, their signatories, and each course's
certificate settings.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, PreviewableMixin

from ..placeholders import PLACEHOLDERS, placeholders_unknown

colour_validator = RegexValidator(
    r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB, e.g. #0f6b4f.")
)


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

        from ..pdf import certificate_sample_render

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
