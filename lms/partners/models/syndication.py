"""Partner courses in our catalog (inbound syndication)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from courses.models import CourseLanguage, Delivery, LearningMode, Level


class PartnerCourseQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(withdrawn_at__isnull=True, institution__is_active=True)


class PartnerCourse(models.Model):
    """A partner's course shown in our catalog with an "enrol at the partner"
    link. Published through the API or pulled from the partner's feed; a
    withdrawn course leaves the catalog."""

    class Source(models.TextChoices):
        API = "api", _("API")
        FEED = "feed", _("Course feed")

    institution = models.ForeignKey(
        "partners.PartnerInstitution",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="courses",
    )
    external_id = models.CharField(_("partner's course id"), max_length=100)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    url = models.URLField(_("enrol at the partner"), max_length=500)
    learning_mode = models.CharField(
        _("learning mode"), max_length=16, choices=LearningMode.choices
    )
    delivery = models.CharField(_("delivery"), max_length=16, choices=Delivery.choices)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    course_language = models.CharField(
        _("language"), max_length=8, choices=CourseLanguage.choices
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.API)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = PartnerCourseQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("partner course")
        verbose_name_plural = _("partner courses")
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "external_id"], name="partner_course_once"
            ),
        ]

    def __str__(self) -> str:
        return self.title
