"""The learning library (자료실): described files and links."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .choices import CourseLanguage
from .pages import CourseCategory


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
    It is described in Korean, and in English for English readers when
    `title_en` is given; `language` is the language of the file itself.
    """

    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
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
        FieldPanel("title_en"),
        FieldPanel("description"),
        FieldPanel("description_en"),
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
        index.SearchField("title_en"),
        index.SearchField("description_en"),
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
        return self.shown_title

    @property
    def _in_english(self) -> bool:
        return get_language() == "en" and bool(self.title_en)

    @property
    def shown_title(self) -> str:
        """The title in the reader's language when there is one."""
        return self.title_en if self._in_english else (self.title or self.title_en)

    @property
    def shown_description(self) -> str:
        if self._in_english and self.description_en:
            return self.description_en
        return self.description

    @property
    def shown_description_language(self) -> str:
        if self._in_english and self.description_en:
            return "en"
        return "ko" if self.title_en else self.shown_language

    @property
    def shown_language(self) -> str:
        """The language of the shown title, for its `lang` attribute: the
        Korean title of a resource described in both is Korean; one described
        once is in the file's language."""
        if self.title_en:
            return "en" if self._in_english else "ko"
        return self.language if self.language in ("ko", "en") else ""
