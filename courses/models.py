"""What is taught: the catalog, course, module and lesson pages, and the library.

Course content is CMS content, so instructors get drafts, revisions, preview,
moderation and translation from Wagtail. Everything about learners lives in
`lms.learning`, which points at these pages.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from lms.core.blocks import BaseStreamBlock
from lms.core.page_cache import AnonymousPageCacheMixin

from .hooks import lesson_gate_check, page_context_extra
from .outline import course_outline


class LearningMode(models.TextChoices):
    FORMAL = "formal", _("Formal learning")
    INFORMAL = "informal", _("Informal learning")
    SOCIAL = "social", _("Social learning")


class Delivery(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On-site")
    RESIDENTIAL = "residential", _("Residential")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseLanguage(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    BILINGUAL = "ko_en", _("Korean and English")


class Licence(models.TextChoices):
    ALL_RIGHTS_RESERVED = "all_rights_reserved", _("All rights reserved")
    CC_BY = "cc_by", _("CC BY 4.0")
    CC_BY_SA = "cc_by_sa", _("CC BY-SA 4.0")
    CC_BY_NC = "cc_by_nc", _("CC BY-NC 4.0")
    CC_BY_NC_SA = "cc_by_nc_sa", _("CC BY-NC-SA 4.0")


@register_snippet
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


class CourseIndexPage(AnonymousPageCacheMixin, Page):
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


class CoursePage(AnonymousPageCacheMixin, Page):
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
        FieldPanel("licence"),
        FieldPanel("tags"),
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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["outline"] = course_outline(course=self)
        context.update(page_context_extra(request=request, page=self))
        return context


class CourseModulePage(Page):
    """A module: an ordered group of lessons within a course."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def serve(self, request, *args, **kwargs):
        from django.shortcuts import redirect

        # a module has no page of its own: its course shows it
        return redirect(self.get_parent().get_url(request))


class LessonPage(Page):
    """A lesson: what a learner reads, watches or does in one sitting."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))
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
        context.update(page_context_extra(request=request, page=self))
        return context


class ResourceKind(models.TextChoices):
    GUIDE = "guide", _("Guide")
    TEMPLATE = "template", _("Template")
    RECORDED_TALK = "recorded_talk", _("Recorded talk")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class LibraryResourceTag(TaggedItemBase):
    content_object = ParentalKey(
        "courses.LibraryResource", related_name="tagged_items", on_delete=models.CASCADE
    )


class LibraryResource(index.Indexed, ClusterableModel):
    """A resource of the learning library (자료실): a library file, described.

    Who may see it follows the permissions of the file's folder in django-filer.
    """

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=ResourceKind.choices,
        default=ResourceKind.GUIDE,
        db_index=True,
    )
    category = models.ForeignKey(
        CourseCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
    )
    file = models.ForeignKey(
        "filer.File",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    url = models.URLField(
        _("or a link"), blank=True, help_text=_("For a recorded talk hosted elsewhere.")
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=CourseLanguage.choices,
        default=CourseLanguage.KOREAN,
    )
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    tags = TaggableManager(
        through=LibraryResourceTag, blank=True, verbose_name=_("tags")
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldPanel("category"),
        FieldPanel("file"),
        FieldPanel("url"),
        FieldPanel("language"),
        FieldPanel("tags"),
        FieldPanel("is_published"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.SearchField("description"),
        index.FilterField("kind"),
        index.FilterField("category_id"),
        index.FilterField("is_published"),
    ]

    class Meta:
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file__isnull=True, url=""),
                name="library_resource_has_file_or_url",
            )
        ]

    def __str__(self) -> str:
        return self.title
