"""Living-lab projects (리빙랩): the index, the project page and its phases."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .choices import _bilingual
from .publications import PublicationPage


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
        from ..selectors import living_lab_list_live

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
        from ..selectors import living_lab_page_context

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
