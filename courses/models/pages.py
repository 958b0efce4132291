"""What is taught: the catalog, course, module and lesson pages.

Course content is CMS content, so instructors get drafts, revisions, preview,
moderation and translation from Wagtail. Everything about learners lives in
`lms.learning`, which points at these pages.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from lms.core.blocks import BaseStreamBlock
from lms.core.page_cache import AnonymousPageCacheMixin
from lms.core.routing import CachedViewRestrictionsMixin, SpecificChildRouteMixin
from research_portal.teaching import publication_readings

from ..blocks import LessonBodyBlock, publication_ids
from ..hooks import lesson_gate_check, page_context_extra
from ..outline import course_outline
from .choices import (
    CourseLanguage,
    Delivery,
    GradeCategory,
    LearningMode,
    Level,
    Licence,
)


class CourseCategory(TranslatableMixin, models.Model):
    """A subject area of the catalog, e.g. social-enterprise start-up."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("course category")
        verbose_name_plural = _("course categories")
        ordering = ["sort_order", "name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self) -> str:
        return self.name


class CourseIndexPage(
    CachedViewRestrictionsMixin, SpecificChildRouteMixin, AnonymousPageCacheMixin, Page
):
    """The catalog: every published course, with facets and search."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("course catalog")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_context_extra(request=request, page=self))
        return context

    def route_children(self):
        return CoursePage.objects.child_of(self).select_related("category")


class CoursePageInstructor(Orderable):
    """An instructor of a course; publishing the course grants them its pages."""

    page = ParentalKey("courses.CoursePage", related_name="instructor_links")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("instructor"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=100, blank=True)

    panels = [FieldPanel("user"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("instructor")
        verbose_name_plural = _("instructors")


class CoursePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.CoursePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class CoursePage(
    CachedViewRestrictionsMixin, SpecificChildRouteMixin, AnonymousPageCacheMixin, Page
):
    """A course: what it teaches, to whom, how, and for how long."""

    summary = models.TextField(_("summary"), max_length=500)
    description = StreamField(
        BaseStreamBlock(), verbose_name=_("description"), blank=True
    )
    learning_mode = models.CharField(
        _("learning mode"), max_length=16, choices=LearningMode.choices, db_index=True
    )
    delivery = models.CharField(
        _("delivery"), max_length=16, choices=Delivery.choices, db_index=True
    )
    category = models.ForeignKey(
        CourseCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="courses",
    )
    level = models.CharField(
        _("level"),
        max_length=16,
        choices=Level.choices,
        default=Level.INTRODUCTORY,
        db_index=True,
    )
    course_language = models.CharField(
        _("language of instruction"),
        max_length=8,
        choices=CourseLanguage.choices,
        default=CourseLanguage.KOREAN,
        db_index=True,
    )
    credit_hours = models.DecimalField(
        _("credit hours"),
        max_digits=5,
        decimal_places=1,
        default=0,
        help_text=_("이수시간: hours recognised on completion."),
    )
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prerequisites = ParentalManyToManyField(
        "self",
        verbose_name=_("prerequisites"),
        blank=True,
        symmetrical=False,
        related_name="required_by",
        help_text=_("Courses a learner must have completed before enrolling."),
    )
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome"), max_length=300))],
        verbose_name=_("learning outcomes"),
        blank=True,
    )
    licence = models.CharField(
        _("licence"),
        max_length=24,
        choices=Licence.choices,
        default=Licence.CC_BY_NC_SA,
    )
    is_open = models.BooleanField(
        _("open to everyone"),
        default=False,
        help_text=_(
            "Anyone may read the lessons without enrolling (informal courses)."
        ),
    )
    tags = ClusterTaggableManager(
        through=CoursePageTag, blank=True, verbose_name=_("tags")
    )
    weight_quiz = models.PositiveSmallIntegerField(
        _("weight of quizzes (%)"), default=40, validators=[MaxValueValidator(100)]
    )
    weight_assignment = models.PositiveSmallIntegerField(
        _("weight of assignments (%)"), default=60, validators=[MaxValueValidator(100)]
    )
    weight_exam = models.PositiveSmallIntegerField(
        _("weight of exams (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    weight_participation = models.PositiveSmallIntegerField(
        _("weight of participation (%)"), default=0, validators=[MaxValueValidator(100)]
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        MultiFieldPanel(
            [
                FieldPanel("learning_mode"),
                FieldPanel("delivery"),
                FieldPanel("category"),
                FieldPanel("level"),
                FieldPanel("course_language"),
                FieldPanel("credit_hours"),
                FieldPanel("is_open"),
            ],
            _("How it is taught"),
        ),
        FieldPanel("description"),
        FieldPanel("learning_outcomes"),
        FieldPanel("prerequisites"),
        InlinePanel("instructor_links", label=_("Instructors")),
        InlinePanel("readings", label=_("Reading list")),
        FieldPanel("licence"),
        FieldPanel("tags"),
        MultiFieldPanel(
            [
                FieldPanel("weight_quiz"),
                FieldPanel("weight_assignment"),
                FieldPanel("weight_exam"),
                FieldPanel("weight_participation"),
            ],
            _("Gradebook weights (add up to 100)"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("learning_mode"),
        index.FilterField("delivery"),
        index.FilterField("level"),
        index.FilterField("course_language"),
        index.FilterField("category_id"),
    ]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.CourseModulePage"]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def clean(self):
        super().clean()
        total = (
            self.weight_quiz
            + self.weight_assignment
            + self.weight_exam
            + self.weight_participation
        )
        if total != 100:
            from django.core.exceptions import ValidationError

            raise ValidationError(
                _(
                    "The gradebook weights add up to %(total)d%%; "
                    "they must add up to 100%%."
                )
                % {"total": total}
            )

    def route_children(self):
        return CourseModulePage.objects.child_of(self)

    def grade_weights(self) -> dict[str, int]:
        return {
            GradeCategory.QUIZ: self.weight_quiz,
            GradeCategory.ASSIGNMENT: self.weight_assignment,
            GradeCategory.EXAM: self.weight_exam,
            GradeCategory.PARTICIPATION: self.weight_participation,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(course=self)
        context["instructors"] = list(self.instructor_links.select_related("user"))
        from ..selectors import course_reading_list

        context["reading_list"] = course_reading_list(course=self, request=request)
        context.update(page_context_extra(request=request, page=self))
        return context


class CourseModulePage(CachedViewRestrictionsMixin, Page):
    """A module: an ordered group of lessons within a course."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage", "courses.AssignmentPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        # a module has no page of its own: its course shows it
        return redirect(self.get_parent().get_url(request))


class LessonPage(CachedViewRestrictionsMixin, Page):
    """A lesson: what a learner reads, watches or does in one sitting."""

    body = StreamField(LessonBodyBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=15
    )
    is_required = models.BooleanField(
        _("required"),
        default=True,
        help_text=_("Required lessons count towards completion."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("estimated_minutes"), FieldPanel("is_required")],
            _("Lesson settings"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["courses.CourseModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.ancestor_of(self).get()

    def serve(self, request, *args, **kwargs):
        refusal = lesson_gate_check(request=request, lesson=self)
        if refusal is not None:
            return refusal
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        outline = course_outline(course=self.course)
        context.update(
            course=self.course, outline=outline, **outline.neighbours(lesson=self)
        )
        cited = publication_ids(self.body)
        if cited:
            context["publication_readings"] = publication_readings(
                ids=cited, request=request
            )
        context.update(page_context_extra(request=request, page=self))
        return context
