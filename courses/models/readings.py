"""Research in teaching: a course's reading list, and where courses cite
publications of the research portal.

Editors write the reading list on the course page (`CoursePageReading`) and
cite publications in lessons (`courses.blocks.PublicationBlock`). Publishing
either rewrites the course's `CourseReading` rows (`course_readings_sync`), so
that "used in courses" on a publication page is one query.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class CoursePageReading(Orderable):
    """One publication of a course's reading list, required or optional."""

    page = ParentalKey(
        "courses.CoursePage", related_name="readings", on_delete=models.CASCADE
    )
    publication = models.ForeignKey(
        "research_portal.PublicationPage",
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    is_required = models.BooleanField(_("required reading"), default=True)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("What to read, e.g. pages 12–30."),
    )

    panels = [FieldPanel("publication"), FieldPanel("is_required"), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("reading")
        verbose_name_plural = _("reading list")


class CourseReading(models.Model):
    """A publication a course cites, in its reading list (`lesson` empty) or
    in a lesson. Derived from the live pages by `course_readings_sync`; the
    publication is always the source page, never an alias or translation."""

    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="course_readings",
    )
    publication = models.ForeignKey(
        "research_portal.PublicationPage",
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    lesson = models.ForeignKey(
        "courses.LessonPage",
        verbose_name=_("lesson"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("course reading")
        verbose_name_plural = _("course readings")
        indexes = [models.Index(fields=["publication", "course"])]

    def __str__(self) -> str:
        return f"{self.course_id} → {self.publication_id}"
