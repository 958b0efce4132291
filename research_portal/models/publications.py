"""Publications as Wagtail pages: the index, the publication, its authors and files."""

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import PublicationBodyBlock
from ..identifiers import validate_doi, validate_isbn, validate_issn
from .choices import (
    LICENCE_URLS,
    AuthorRole,
    Licence,
    PublicationLanguage,
    PublicationType,
    _bilingual,
)
from .people import Person, Series, Topic


class PublicationIndexPage(RoutablePageMixin, Page):
    """The research center's publications: search, facets, series and authors."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["research_portal.PublicationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("publication index")

    @path("")
    def listing(self, request):
        from ..views import publication_index_serve

        return publication_index_serve(request, index_page=self)

    @path("feed/")
    def feed(self, request):
        from ..views import publication_feed

        return publication_feed(request, index_page=self)

    @path("authors/<slug:slug>/")
    def author(self, request, slug):
        from ..views import person_profile_serve

        return person_profile_serve(request, index_page=self, slug=slug)

    @path("series/<slug:slug>/")
    def series(self, request, slug):
        from ..views import series_serve

        return series_serve(request, index_page=self, slug=slug)

    @path("usage/")
    def usage(self, request):
        from ..views import usage_serve

        return usage_serve(request, index_page=self)

    @path("usage/csv/")
    def usage_report(self, request):
        from ..views import usage_report_csv

        return usage_report_csv(request, index_page=self)


class PublicationPageAuthor(Orderable):
    """One person's part in a publication, in the order they are credited."""

    page = ParentalKey(
        "research_portal.PublicationPage",
        related_name="authors",
        on_delete=models.CASCADE,
    )
    person = models.ForeignKey(
        Person,
        verbose_name=pgettext_lazy("research", "person"),
        on_delete=models.PROTECT,
        related_name="credits",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=AuthorRole.choices, default=AuthorRole.AUTHOR
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")


class FileAccess(models.TextChoices):
    OPEN = "open", _("Open to everyone")
    RESTRICTED = "restricted", _("Signed-in researchers and staff only")


class PublicationPageFile(Orderable):
    """A file of a publication from the library: the main PDF or an attachment."""

    page = ParentalKey(
        "research_portal.PublicationPage",
        related_name="files",
        on_delete=models.CASCADE,
    )
    file = models.ForeignKey(
        "filer.File",
        verbose_name=_("file"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    label = models.CharField(_("label"), max_length=120, blank=True)
    is_main = models.BooleanField(
        _("main file"),
        default=False,
        help_text=_("The full text that citations and search point at."),
    )
    version = models.CharField(
        _("version"), max_length=40, blank=True, help_text=_("e.g. 1.0, 2nd edition")
    )
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    access = models.CharField(
        _("access"), max_length=12, choices=FileAccess.choices, default=FileAccess.OPEN
    )
    embargo_until = models.DateField(
        _("embargoed until"),
        null=True,
        blank=True,
        help_text=_("Hidden until this day; the abstract stays visible."),
    )

    panels = [
        FieldPanel("file"),
        FieldPanel("label"),
        FieldPanel("is_main"),
        FieldPanel("version"),
        FieldPanel("page_count"),
        FieldPanel("access"),
        FieldPanel("embargo_until"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    @property
    def is_embargoed(self) -> bool:
        return bool(self.embargo_until and self.embargo_until > timezone.localdate())

    @property
    def is_open(self) -> bool:
        return self.access == FileAccess.OPEN and not self.is_embargoed

    @property
    def display_label(self) -> str:
        return self.label or self.file.label


class PublicationPage(RoutablePageMixin, Page):
    """One publication: its metadata, people, files and citations."""

    publication_type = models.CharField(
        _("type"),
        max_length=24,
        choices=PublicationType.choices,
        default=PublicationType.RESEARCH_REPORT,
        db_index=True,
    )
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    subtitle = models.CharField(_("subtitle"), max_length=255, blank=True)
    abstract = models.TextField(_("abstract"), blank=True)
    abstract_en = models.TextField(_("abstract in English"), blank=True)
    date_published = models.DateField(_("date published"), db_index=True)
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=PublicationLanguage.choices,
        default=PublicationLanguage.KOREAN,
    )
    body = StreamField(
        PublicationBodyBlock(),
        verbose_name=_("summary for the site"),
        blank=True,
    )
    body_en = StreamField(
        PublicationBodyBlock(),
        verbose_name=_("summary for the site, in English"),
        blank=True,
    )
    keywords = models.CharField(
        _("keywords"),
        max_length=500,
        blank=True,
        help_text=_("Separated by commas."),
    )
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="publications"
    )
    licence = models.CharField(
        _("licence"),
        max_length=24,
        choices=Licence.choices,
        default=Licence.CC_BY_NC,
    )
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    place = models.CharField(_("place of publication"), max_length=100, blank=True)
    pages = models.CharField(_("pages"), max_length=20, blank=True)
    isbn = models.CharField(
        _("ISBN"), max_length=17, blank=True, validators=[validate_isbn]
    )
    issn = models.CharField(
        _("ISSN"), max_length=9, blank=True, validators=[validate_issn]
    )
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[validate_doi],
        help_text=_("Stored and exported as given; Campus does not mint DOIs."),
    )
    series = models.ForeignKey(
        Series,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
    )
    volume = models.CharField(_("volume"), max_length=20, blank=True)
    number = models.CharField(_("number"), max_length=20, blank=True)
    container_title = models.CharField(
        _("journal or book title"),
        max_length=255,
        blank=True,
        help_text=_("For a journal article or a book chapter."),
    )
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    project = models.CharField(_("project"), max_length=200, blank=True)
    full_text = models.TextField(editable=False, blank=True, default="")
    search_text = models.TextField(editable=False, blank=True, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("subtitle"),
        FieldRowPanel([FieldPanel("publication_type"), FieldPanel("language")]),
        FieldPanel("date_published"),
        FieldPanel("abstract"),
        FieldPanel("abstract_en"),
        FieldPanel("body"),
        FieldPanel("body_en"),
        FieldPanel("keywords"),
        FieldPanel("topics"),
        InlinePanel("authors", label=_("Authors"), min_num=1),
        InlinePanel("files", label=_("Files")),
        MultiFieldPanel(
            [
                FieldPanel("series"),
                FieldRowPanel([FieldPanel("volume"), FieldPanel("number")]),
                FieldPanel("container_title"),
                FieldRowPanel([FieldPanel("publisher"), FieldPanel("place")]),
                FieldPanel("pages"),
                FieldRowPanel(
                    [FieldPanel("isbn"), FieldPanel("issn"), FieldPanel("doi")]
                ),
                FieldPanel("licence"),
                FieldRowPanel([FieldPanel("funder"), FieldPanel("project")]),
            ],
            _("Bibliographic details"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("title_en"),
        index.SearchField("abstract"),
        index.SearchField("abstract_en"),
        index.SearchField("keywords"),
        index.SearchField("search_text"),
        index.FilterField("publication_type"),
        index.FilterField("date_published"),
        index.FilterField("language"),
    ]
    parent_page_types = ["research_portal.PublicationIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def full_clean(self, *args, **kwargs):
        from ..identifiers import doi_normalize, isbn_normalize, issn_normalize

        super().full_clean(*args, **kwargs)
        # stored in their canonical form once they are known to be valid
        self.isbn = isbn_normalize(self.isbn) if self.isbn else ""
        self.issn = issn_normalize(self.issn) if self.issn else ""
        self.doi = doi_normalize(self.doi) if self.doi else ""

    def get_context(self, request, *args, **kwargs):
        from ..selectors import publication_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(publication_page_context(page=self, request=request))
        return context

    def save(self, *args, **kwargs):
        from ..services import publication_search_text

        self.search_text = publication_search_text(page=self)
        super().save(*args, **kwargs)

    @path("")
    def landing(self, request):
        from ..views import publication_serve

        return publication_serve(request, page=self)

    @path("cite/<str:style>/")
    def cite(self, request, style):
        from ..views import publication_cite

        return publication_cite(request, page=self, style=style)

    @path("files/<int:file_id>/")
    def file(self, request, file_id):
        from ..views import publication_file_serve

        return publication_file_serve(request, page=self, file_id=file_id)

    @property
    def display_title(self) -> str:
        return _bilingual(self.title, self.title_en)

    @property
    def display_abstract(self) -> str:
        return _bilingual(self.abstract, self.abstract_en)

    @property
    def display_body(self):
        if self.body_en and (get_language() or "ko").startswith("en"):
            return self.body_en
        return self.body

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def year(self) -> int:
        return self.date_published.year

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @cached_property
    def canonical(self) -> "PublicationPage":
        """The source page when this one is the English alias."""
        if self.alias_of_id:
            return PublicationPage.objects.get(pk=self.alias_of_id)
        return self
