"""The site: the home page, standard pages and the town's spaces."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from lms.core.blocks import BaseStreamBlock
from lms.core.page_cache import AnonymousPageCacheMixin
from lms.core.routing import CachedRouteMixin, CachedViewRestrictionsMixin

from .hours import OpeningHours, SpecialDay


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
    subpage_types = ["cms.TownSpacePage", "cms.RequestFormPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("town index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["spaces"] = TownSpacePage.objects.child_of(self).live().public()
        return context


class SpaceKind(models.TextChoices):
    EDUCATION = "education", _("Education center")
    RESEARCH = "research", _("Research center")
    ORGANIZATION = "organization", _("Organization town")
    FAB_LAB = "fab_lab", _("Innovation fab lab")
    FINANCE = "finance", _("Finance center")
    EXCHANGE = "exchange", _("Exchange facilities")


class FacilityBlock(blocks.StructBlock):
    """A part of a space: a hall, a meeting room, a workshop, a café."""

    name = blocks.CharBlock(label=_("Facility"), max_length=120)
    description = blocks.TextBlock(label=_("Description"), required=False)
    capacity = blocks.IntegerBlock(label=_("Capacity"), required=False, min_value=1)

    class Meta:
        icon = "home"
        template = "cms/blocks/facility_block.html"


class PhotoBlock(blocks.StructBlock):
    """A photo of the space, with the text a screen reader gives for it."""

    image = ImageChooserBlock(label=_("Photo"))
    alt = blocks.CharBlock(label=_("Description for screen readers"), max_length=200)
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "cms/blocks/photo_block.html"


class TownSpacePage(CachedViewRestrictionsMixin, AnonymousPageCacheMixin, Page):
    """One of the town's six spaces: facilities, visiting and structured hours.

    Opening hours are rows (`weekly_hours`, `special_days`) read into a
    `cms.hours.OpeningHours`; "open now" is computed per request in Asia/Seoul
    (the anonymous page cache keeps a page at most a minute).
    """

    kind = models.CharField(
        _("kind of space"), max_length=16, choices=SpaceKind.choices
    )
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    facilities = StreamField(
        [("facility", FacilityBlock())], verbose_name=_("facilities"), blank=True
    )
    photos = StreamField(
        [("photo", PhotoBlock())], verbose_name=_("photos"), blank=True
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    getting_there = models.TextField(_("getting there"), blank=True)
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free entrances, lifts, accessible toilets, parking."),
    )
    opening_hours = models.CharField(
        _("note on opening hours"),
        max_length=200,
        blank=True,
        help_text=_("Shown beside the hours, e.g. 'counselling by appointment'."),
    )
    closed_on_public_holidays = models.BooleanField(
        _("closed on public holidays"), default=True
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("facilities"),
        FieldPanel("photos"),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("address"),
                FieldPanel("getting_there"),
                FieldPanel("accessibility"),
                FieldPanel("contact"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            _("Visiting"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("opening_hours"),
                FieldPanel("closed_on_public_holidays"),
                InlinePanel("weekly_hours", label=_("Weekly hours")),
                InlinePanel("special_days", label=_("Special days")),
            ],
            _("Opening hours"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("facilities"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["cms.TownIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("town space page")

    def hours(self) -> OpeningHours:
        """The structured hours, from the page's rows (prefetched or not)."""
        weekly: dict[int, list] = {}
        for row in self.weekly_hours.all():
            weekly.setdefault(row.weekday, []).append((row.opens, row.closes))
        special = {
            row.date: SpecialDay(
                row.date,
                () if row.closed else ((row.opens, row.closes),),
                row.note,
            )
            for row in self.special_days.all()
        }
        return OpeningHours(
            weekly=weekly,
            special=special,
            closed_on_public_holidays=self.closed_on_public_holidays,
        )

    def get_context(self, request, *args, **kwargs):
        from .selectors import space_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(space_page_context(page=self, request=request))
        return context


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class SpaceWeeklyHours(Orderable):
    """One interval of a weekday's hours (a lunch break makes two)."""

    page = ParentalKey(
        TownSpacePage, on_delete=models.CASCADE, related_name="weekly_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    panels = [FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]

    class Meta(Orderable.Meta):
        verbose_name = _("weekly hours")
        verbose_name_plural = _("weekly hours")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=F("opens")), name="space_hours_close_after_open"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class SpaceSpecialDay(Orderable):
    """A date whose hours differ from the week's: closed, or open as given."""

    page = ParentalKey(
        TownSpacePage, on_delete=models.CASCADE, related_name="special_days"
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=120, blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("closed"),
        FieldPanel("opens"),
        FieldPanel("closes"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("special day")
        verbose_name_plural = _("special days")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed=True)
                | Q(opens__isnull=False, closes__isnull=False, closes__gt=F("opens")),
                name="special_day_open_has_hours",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.note}"

    def clean(self):
        if not self.closed and not (
            self.opens and self.closes and self.closes > self.opens
        ):
            raise ValidationError(
                _("An open special day needs hours, closing after opening.")
            )


def bilingual(ko: str, en: str) -> str:
    """The English text on English pages when there is one, else the Korean."""
    if get_language() == "en" and en:
        return en
    return ko or en


class ServiceKind(models.TextChoices):
    ROOM_BOOKING = "room_booking", _("Room booking")
    EQUIPMENT_BOOKING = "equipment_booking", _("Equipment booking")
    COUNSELLING = "counselling", _("Counselling")
    CONSULTATION = "consultation", _("Consultation")
    APPLICATION = "application", _("Membership or tenancy application")
    EVENTS = "events", _("Event listing")
    RESOURCES = "resources", _("Publications and programmes")
    EXTERNAL = "external", _("External site")


class ServiceAudience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    MEMBERS = "members", _("Campus members")
    ORGANIZATIONS = "organizations", _("Social-economy organizations")
    TENANTS = "tenants", _("Tenants of the town")
    FOUNDERS = "founders", _("Founders and start-ups")


# the views of this site a service may lead to: key -> (URL name, label)
SERVICE_VIEWS = {
    "bookings": ("cms:bookings", _("Bookings of rooms and equipment")),
    "events": ("cms:events", _("Events calendar")),
    "organizations": ("cms:organizations", _("Organization directory")),
    "my-requests": ("cms:my-requests", _("My requests")),
    "lodging": ("lodging:my-stays", _("My stays")),
    "library": ("courses:library", _("Learning library")),
    "dashboard": ("learning:dashboard", _("My learning")),
}


class LinkStatus(models.TextChoices):
    UNCHECKED = "unchecked", _("Not checked yet")
    OK = "ok", _("Working")
    BROKEN = "broken", _("Broken")
    REFUSED = "refused", _("Refused (unsafe address)")


class LinkedServiceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def with_target(self):
        """Only services that lead somewhere: a card without a target is hidden."""
        return self.exclude(target_view="", target_page__isnull=True, target_url="")


class LinkedService(models.Model):
    """A service one of the town's spaces offers, and where it is used.

    It leads to one of this site's views (`target_view`), a page (a form page
    for requests) or an external address; the link checker watches external
    addresses and tells staff when one breaks.
    """

    space = models.CharField(
        _("space"), max_length=16, choices=SpaceKind.choices, db_index=True
    )
    kind = models.CharField(
        _("kind"), max_length=24, choices=ServiceKind.choices, db_index=True
    )
    audience = models.CharField(
        _("audience"),
        max_length=16,
        choices=ServiceAudience.choices,
        default=ServiceAudience.EVERYONE,
        db_index=True,
    )
    name = models.CharField(_("name"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    summary_en = models.CharField(_("summary in English"), max_length=300, blank=True)
    how_to_use = models.TextField(_("how to use it"), blank=True)
    how_to_use_en = models.TextField(_("how to use it, in English"), blank=True)
    hours = models.CharField(_("hours"), max_length=120, blank=True)
    hours_en = models.CharField(_("hours in English"), max_length=120, blank=True)
    target_view = models.CharField(
        _("a view of this site"),
        max_length=32,
        blank=True,
        choices=[(key, label) for key, (_name, label) in SERVICE_VIEWS.items()],
    )
    target_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("or a page (e.g. a request form)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_url = models.URLField(_("or an external address"), blank=True)
    is_active = models.BooleanField(_("shown"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    link_status = models.CharField(
        _("link"),
        max_length=16,
        choices=LinkStatus.choices,
        default=LinkStatus.UNCHECKED,
        editable=False,
    )
    link_checked_at = models.DateTimeField(_("link checked"), null=True, editable=False)
    link_error = models.CharField(_("link error"), max_length=300, blank=True)

    objects = LinkedServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("linked service")
        verbose_name_plural = _("linked services")
        ordering = ["space", "sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(target_view="", target_page__isnull=True)
                    | Q(target_view="", target_url="")
                    | Q(target_page__isnull=True, target_url="")
                ),
                name="service_one_target_at_most",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def clean(self):
        targets = [
            bool(self.target_view),
            bool(self.target_page_id),
            bool(self.target_url),
        ]
        if sum(targets) > 1:
            raise ValidationError(
                _("Give one target: a view, a page or an external address.")
            )

    @property
    def display_name(self) -> str:
        return bilingual(self.name, self.name_en)

    @property
    def display_summary(self) -> str:
        return bilingual(self.summary, self.summary_en)

    @property
    def display_how_to_use(self) -> str:
        return bilingual(self.how_to_use, self.how_to_use_en)

    @property
    def display_hours(self) -> str:
        return bilingual(self.hours, self.hours_en)

    @property
    def is_external(self) -> bool:
        return (
            bool(self.target_url) and not self.target_view and not self.target_page_id
        )

    def target(self) -> str:
        """Where the card leads, in the current language; "" for nowhere."""
        if self.target_view:
            from django.urls import NoReverseMatch, reverse

            try:
                return reverse(SERVICE_VIEWS[self.target_view][0])
            except (KeyError, NoReverseMatch):
                return ""
        if self.target_page_id:
            page = self.target_page
            localized = page.localized if page is not None else None
            return localized.url if localized is not None else ""
        return self.target_url

    @staticmethod
    def matching(word: str) -> Q:
        return (
            Q(name__icontains=word)
            | Q(name_en__icontains=word)
            | Q(summary__icontains=word)
            | Q(summary_en__icontains=word)
            | Q(how_to_use__icontains=word)
            | Q(how_to_use_en__icontains=word)
        )


# the town's other models, in modules of their own (imported so Django sees them)
from .booking_models import Bookable, Booking  # noqa: E402,F401
from .event_models import (  # noqa: E402,F401
    EventException,
    EventIndexPage,
    EventPage,
    EventRegistration,
    EventSeats,
)
from .navigation_models import NavigationLink, SiteNavigation  # noqa: E402,F401
from .organization_models import (  # noqa: E402,F401
    OrganizationAdmin,
    OrganizationProfile,
    ProfileChange,
)
from .request_models import (  # noqa: E402,F401
    ConsentPurpose,
    RequestFormField,
    RequestFormPage,
    RequestSubmission,
)
