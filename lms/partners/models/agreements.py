"""What a partner may use: the courses of an agreement, its licence and period."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgreementLicence(models.TextChoices):
    CATALOG_ONLY = "catalog_only", _("Catalog and enrolment only")
    VIEW = "view", _("Show the lessons to the partner's enrolled learners")
    EMBED = "embed", _("Show and embed the lessons in the partner's LMS")
    ADAPT = "adapt", _("Embed, copy and adapt (Common Cartridge)")


class AgreementQuerySet(models.QuerySet):
    def current(self, *, today=None):
        today = today or timezone.localdate()
        return self.filter(
            Q(starts_on__lte=today),
            Q(ends_on__isnull=True) | Q(ends_on__gte=today),
            is_active=True,
        )


class PartnerAgreement(models.Model):
    """The courses a partner may use, under which licence, for which period.

    Courses are matched by their translation key, so an agreement on a course
    covers its Korean and English pages alike.
    """

    institution = models.ForeignKey(
        "partners.PartnerInstitution",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    title = models.CharField(_("title"), max_length=200)
    licence = models.CharField(
        _("licence"),
        max_length=16,
        choices=AgreementLicence.choices,
        default=AgreementLicence.VIEW,
    )
    courses = models.ManyToManyField(
        "courses.CoursePage",
        verbose_name=_("courses"),
        blank=True,
        related_name="+",
    )
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("partner agreement")
        verbose_name_plural = _("partner agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="agreement_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def allows_content(self) -> bool:
        return self.licence != AgreementLicence.CATALOG_ONLY

    @property
    def allows_export(self) -> bool:
        return self.licence == AgreementLicence.ADAPT
