"""The research center's output: publications, people, series, topics, living labs.

Publications are Wagtail pages, so researchers get drafts, revisions and
moderation. A publication is written once, in the default locale, with its
title and abstract in Korean and English; the English site shows it through a
Wagtail alias of the same page. Each publication published once keeps an
`OaiRecord`, the OAI-PMH header that outlives it as a tombstone when it goes.
"""

import datetime as dt

from django.conf import settings
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
from wagtail.snippets.models import register_snippet

from .blocks import PublicationBodyBlock
from .identifiers import validate_doi, validate_isbn, validate_issn, validate_orcid


def _bilingual(korean: str, english: str) -> str:
    """The English text on the English site when there is one, else the Korean."""
    if english and (get_language() or "ko").startswith("en"):
        return english
    return korean


class PublicationType(models.TextChoices):
    RESEARCH_REPORT = "research_report", _("Research report")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    ISSUE_BRIEF = "issue_brief", _("Issue brief")
    WORKING_PAPER = "working_paper", _("Working paper")
    JOURNAL_ARTICLE = "journal_article", _("Journal article")
    BOOK = "book", _("Book or chapter")
    LIVING_LAB_REPORT = "living_lab_report", _("Living-lab report")
    DATASET = "dataset", _("Dataset")
    PRESENTATION = "presentation", _("Presentation")


class PublicationLanguage(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")


class Licence(models.TextChoices):
    CC_BY = "cc-by", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa", _("CC BY-SA 4.0")
    CC_BY_ND = "cc-by-nd", _("CC BY-ND 4.0")
    CC_BY_NC = "cc-by-nc", _("CC BY-NC 4.0")
    CC_BY_NC_SA = "cc-by-nc-sa", _("CC BY-NC-SA 4.0")
    CC_BY_NC_ND = "cc-by-nc-nd", _("CC BY-NC-ND 4.0")
    CC0 = "cc0", _("CC0 1.0 (public domain dedication)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class AuthorRole(models.TextChoices):
    AUTHOR = "author", _("Author")
    EDITOR = "editor", _("Editor")
    CONTRIBUTOR = "contributor", _("Contributor")
    RESEARCH_LEAD = "research_lead", _("Research lead")
    RESEARCH_FELLOW = "research_fellow", _("Research fellow")


# who is a creator (dc:creator, citation_author) rather than a contributor
CREATOR_ROLES = {
    AuthorRole.AUTHOR,
    AuthorRole.RESEARCH_LEAD,
    AuthorRole.RESEARCH_FELLOW,
}


@register_snippet
class Topic(models.Model):
    """A subject of the research center's taxonomy; editors manage the list."""

    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("name in English"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Latin letters, digits and hyphens: it names the OAI-PMH set."),
    )

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("research topic")
        verbose_name_plural = _("research topics")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return _bilingual(self.name, self.name_en)


@register_snippet
class Series(models.Model):
    """A publication series, e.g. 전북연구원 정책브리프; issues carry volume/number."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=60,
        unique=True,
        help_text=_("Latin letters, digits and hyphens: it names the OAI-PMH set."),
    )
    issn = models.CharField(
        _("ISSN"), max_length=9, blank=True, validators=[validate_issn]
    )
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    publisher_en = models.CharField(
        _("publisher in English"), max_length=200, blank=True
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("issn"),
        FieldPanel("publisher"),
        FieldPanel("publisher_en"),
    ]

    class Meta:
        verbose_name = _("publication series")
        verbose_name_plural = _("publication series")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        from .identifiers import issn_normalize

        if self.issn:
            self.issn = issn_normalize(self.issn)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return _bilingual(self.name, self.name_en)


@register_snippet
class Person(index.Indexed, models.Model):
    """A researcher, author or editor. The e-mail address is never shown publicly."""

    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(
        _("name in English"),
        max_length=100,
        help_text=_("Family name first is not assumed: write it as it is cited."),
    )
    family_name_en = models.CharField(
        _("family name in English"), max_length=60, blank=True
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    affiliation_en = models.CharField(
        _("affiliation in English"), max_length=200, blank=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    orcid = models.CharField(
        _("ORCID iD"),
        max_length=19,
        blank=True,
        validators=[validate_orcid],
        help_text=_("Sixteen digits, e.g. 0000-0002-1825-0097."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_person",
    )
    public_profile = models.BooleanField(
        _("public profile page"),
        default=True,
        help_text=_("List this person's work on a page of their own."),
    )

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("name_en")]),
        FieldPanel("family_name_en"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("affiliation"), FieldPanel("affiliation_en")]),
        FieldPanel("email"),
        FieldPanel("orcid"),
        FieldPanel("user"),
        FieldPanel("public_profile"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("name_en"),
        index.AutocompleteField("name"),
    ]

    class Meta:
        verbose_name = pgettext_lazy("research", "person")
        verbose_name_plural = _("people")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs):
        from .identifiers import orcid_normalize

        if self.orcid:
            self.orcid = orcid_normalize(self.orcid)
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return _bilingual(self.name, self.name_en)

    @property
    def display_affiliation(self) -> str:
        return _bilingual(self.affiliation, self.affiliation_en)

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    @property
    def citation_name(self) -> str:
        """ "Family, Given" in English when the family name is known, else as is."""
        if self.family_name_en and self.name_en.endswith(self.family_name_en):
            given = self.name_en[: -len(self.family_name_en)].strip()
            return f"{self.family_name_en}, {given}" if given else self.family_name_en
        return self.name_en or self.name


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
        from .views import publication_index_serve

        return publication_index_serve(request, index_page=self)

    @path("feed/")
    def feed(self, request):
        from .views import publication_feed

        return publication_feed(request, index_page=self)

    @path("authors/<slug:slug>/")
    def author(self, request, slug):
        from .views import person_profile_serve

        return person_profile_serve(request, index_page=self, slug=slug)

    @path("series/<slug:slug>/")
    def series(self, request, slug):
        from .views import series_serve

        return series_serve(request, index_page=self, slug=slug)

    @path("usage/")
    def usage(self, request):
        from .views import usage_serve

        return usage_serve(request, index_page=self)

    @path("usage/csv/")
    def usage_report(self, request):
        from .views import usage_report_csv

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
        from .identifiers import doi_normalize, isbn_normalize, issn_normalize

        super().full_clean(*args, **kwargs)
        # stored in their canonical form once they are known to be valid
        self.isbn = isbn_normalize(self.isbn) if self.isbn else ""
        self.issn = issn_normalize(self.issn) if self.issn else ""
        self.doi = doi_normalize(self.doi) if self.doi else ""

    def get_context(self, request, *args, **kwargs):
        from .selectors import publication_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(publication_page_context(page=self, request=request))
        return context

    def save(self, *args, **kwargs):
        from .services import publication_search_text

        self.search_text = publication_search_text(page=self)
        super().save(*args, **kwargs)

    @path("")
    def landing(self, request):
        from .views import publication_serve

        return publication_serve(request, page=self)

    @path("cite/<str:style>/")
    def cite(self, request, style):
        from .views import publication_cite

        return publication_cite(request, page=self, style=style)

    @path("files/<int:file_id>/")
    def file(self, request, file_id):
        from .views import publication_file_serve

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


class LivingLabStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Under way")
    COMPLETED = "completed", pgettext_lazy("living lab", "Completed")


class LivingLabIndexPage(Page):
    """The research center's living-lab programmes (리빙랩)."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["research_portal.LivingLabPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("living-lab index")

    def get_context(self, request, *args, **kwargs):
        from .selectors import living_lab_list_live

        context = super().get_context(request, *args, **kwargs)
        context["projects"] = living_lab_list_live(index_page=self)
        return context


class LivingLabPage(Page):
    """A living-lab project: a local problem worked on with residents and partners."""

    problem = models.TextField(_("problem addressed"))
    problem_en = models.TextField(_("problem addressed, in English"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=LivingLabStatus.choices,
        default=LivingLabStatus.ACTIVE,
    )
    participants = models.TextField(
        _("participants"),
        blank=True,
        help_text=_("Citizens, enterprises and researchers taking part."),
    )
    participants_en = models.TextField(_("participants, in English"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    outcomes_en = models.TextField(_("outcomes, in English"), blank=True)
    partners = ParentalManyToManyField(
        "accounts.Organization",
        verbose_name=_("partner organizations"),
        blank=True,
        related_name="living_labs",
    )
    publications = ParentalManyToManyField(
        PublicationPage,
        verbose_name=_("publications"),
        blank=True,
        related_name="living_labs",
    )
    related_links = models.TextField(
        _("related courses and events"),
        blank=True,
        help_text=_("One “title | address” per line: courses, timetable events."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("status"),
        FieldPanel("problem"),
        FieldPanel("problem_en"),
        FieldPanel("participants"),
        FieldPanel("participants_en"),
        FieldPanel("partners"),
        InlinePanel("phases", label=_("Phases")),
        FieldPanel("outcomes"),
        FieldPanel("outcomes_en"),
        FieldPanel("publications"),
        FieldPanel("related_links"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("problem"),
        index.SearchField("outcomes"),
    ]
    parent_page_types = ["research_portal.LivingLabIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("living-lab project")

    def get_context(self, request, *args, **kwargs):
        from .selectors import living_lab_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(living_lab_page_context(page=self))
        return context

    @property
    def display_problem(self) -> str:
        return _bilingual(self.problem, self.problem_en)

    @property
    def display_participants(self) -> str:
        return _bilingual(self.participants, self.participants_en)

    @property
    def display_outcomes(self) -> str:
        return _bilingual(self.outcomes, self.outcomes_en)

    @property
    def related_link_list(self) -> list[tuple[str, str]]:
        links = []
        for line in self.related_links.splitlines():
            title, _sep, url = line.partition("|")
            if url.strip().startswith(("/", "https://", "http://")):
                links.append((title.strip(), url.strip()))
        return links


class LivingLabPhase(Orderable):
    """A phase of a living-lab project, with its dates."""

    page = ParentalKey(LivingLabPage, related_name="phases", on_delete=models.CASCADE)
    title = models.CharField(_("phase"), max_length=120)
    title_en = models.CharField(_("phase in English"), max_length=120, blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("title_en"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    @property
    def display_title(self) -> str:
        return _bilingual(self.title, self.title_en)


class OaiRecord(models.Model):
    """The OAI-PMH header of a publication: kept after the page goes, as a tombstone.

    `datestamp` is UTC at seconds and moves whenever the record changes;
    `set_specs` holds the record's sets between spaces (" type:x series:y ");
    `formats` the metadataPrefixes it can be disseminated in, the same way
    (" oai_dc oai_datacite "), kept on the tombstone.
    """

    publication_id = models.PositiveIntegerField(_("publication"), unique=True)
    page = models.OneToOneField(
        PublicationPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oai_record",
    )
    datestamp = models.DateTimeField(_("datestamp"))
    deleted = models.BooleanField(_("deleted"), default=False)
    set_specs = models.CharField(_("sets"), max_length=1000, blank=True)
    formats = models.CharField(
        _("metadata formats"), max_length=200, default=" oai_dc "
    )

    class Meta:
        verbose_name = _("OAI-PMH record")
        verbose_name_plural = _("OAI-PMH records")
        indexes = [models.Index(fields=["datestamp", "id"], name="oai_record_keyset")]

    def __str__(self) -> str:
        return f"oai record {self.publication_id}"

    @property
    def set_spec_list(self) -> list[str]:
        return self.set_specs.split()

    @property
    def format_list(self) -> list[str]:
        return self.formats.split()


def utc_seconds(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(microsecond=0)


# usage statistics, in a module of their own (imported so Django sees them)
from .usage_models import UsageEvent, UsageSalt  # noqa: E402,F401
