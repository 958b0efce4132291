"""The site: the home page, standard pages and the town's spaces."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from lms.core.blocks import BaseStreamBlock
from lms.core.page_cache import AnonymousPageCacheMixin
from lms.core.routing import CachedRouteMixin, CachedViewRestrictionsMixin


class HomePage(
    CachedViewRestrictionsMixin, CachedRouteMixin, AnonymousPageCacheMixin, Page
):
    """The front page of a locale: the town, its spaces and what is on."""

    hero_title = models.CharField(_("headline"), max_length=200)
    hero_lead = models.TextField(_("lead"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_lead")], _("Hero")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("hero_lead")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import town_spaces_for_home

        context = super().get_context(request, *args, **kwargs)
        context["spaces"] = town_spaces_for_home(home=self)
        return context


class StandardPage(CachedViewRestrictionsMixin, AnonymousPageCacheMixin, Page):
    """A page of text: about, policies, contact."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    attachment = models.ForeignKey(
        "filer.File",
        verbose_name=_("attachment"),
        help_text=_("A file from the library offered for download below the text."),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("attachment"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


class TownIndexPage(CachedViewRestrictionsMixin, AnonymousPageCacheMixin, Page):
    """'About the town': the Innovation Town and its six spaces."""

    intro = RichTextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    subpage_types = ["cms.TownSpacePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("town index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["spaces"] = self.get_children().live().public().specific()
        return context


class SpaceKind(models.TextChoices):
    EDUCATION = "education", _("Education center")
    RESEARCH = "research", _("Research center")
    ORGANIZATION = "organization", _("Organization town")
    FAB_LAB = "fab_lab", _("Innovation fab lab")
    FINANCE = "finance", _("Finance center")
    EXCHANGE = "exchange", _("Exchange facilities")


class ServiceBlock(blocks.StructBlock):
    """One service a space offers, linked to where it is booked or described."""

    title = blocks.CharBlock(label=_("Service"), max_length=120)
    description = blocks.TextBlock(label=_("Description"), required=False)
    page = blocks.PageChooserBlock(label=_("Page on this site"), required=False)
    url = blocks.URLBlock(label=_("Or an external address"), required=False)

    class Meta:
        icon = "link"
        template = "cms/blocks/service_block.html"


class TownSpacePage(CachedViewRestrictionsMixin, AnonymousPageCacheMixin, Page):
    """One of the town's six spaces, with the services it offers."""

    kind = models.CharField(
        _("kind of space"), max_length=16, choices=SpaceKind.choices
    )
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    services = StreamField(
        [("service", ServiceBlock())], verbose_name=_("services"), blank=True
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("services"),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("opening_hours"),
                FieldPanel("contact"),
            ],
            _("Visiting"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["cms.TownIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("town space page")
