"""The site's menus and footer as staff edit them (Settings → Site navigation).

The main menu is the home page's children marked "show in menus", then the
links here, then what apps register (`lms.core.navigation`); the footer is the
title and text here, the links here, then what apps register. Labels and texts
are kept in Korean and English side by side, as the research portal's are: the
settings of a site are one row, not one per locale.

Nothing here is read per request: `cms.templatetags.cms_tags` keeps the built
menus under the page-cache version, and saving these rows raises it.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable


def link_url_validate(value: str) -> None:
    """A site path (`/town/`) or an http(s) address; nothing else can be a link
    in the menu (no `javascript:`, no `//host` that leaves the site unseen)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    parts = urlsplit(value)
    if parts.scheme in ("http", "https") and parts.netloc:
        return
    raise ValidationError(
        _("Enter a path on this site (starting with /) or an http(s) address."),
        code="invalid",
    )


@register_setting(icon="list-ul")
class SiteNavigation(ClusterableModel, BaseSiteSetting):
    """The menus and the footer of one site, as staff edit them."""

    footer_title = models.CharField(
        _("footer title (Korean)"),
        max_length=200,
        blank=True,
        help_text=_("Empty: the education center's name."),
    )
    footer_title_en = models.CharField(
        _("footer title (English)"), max_length=200, blank=True
    )
    footer_text = models.TextField(
        _("footer text (Korean)"),
        blank=True,
        help_text=_("Empty: one line on what the town does."),
    )
    footer_text_en = models.TextField(_("footer text (English)"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("footer_title"), FieldPanel("footer_title_en")]
                ),
                FieldRowPanel(
                    [FieldPanel("footer_text"), FieldPanel("footer_text_en")]
                ),
            ],
            _("Footer"),
        ),
        InlinePanel("links", label=_("Links"), heading=_("Menu and footer links")),
    ]

    class Meta:
        verbose_name = _("site navigation")
        verbose_name_plural = _("site navigation")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class NavigationLink(Orderable):
    """One link of the main menu or the footer: a page of the site or an address."""

    class Location(models.TextChoices):
        MAIN = "main", _("Main menu")
        FOOTER = "footer", _("Footer")

    navigation = ParentalKey(
        SiteNavigation, on_delete=models.CASCADE, related_name="links"
    )
    location = models.CharField(
        _("where"), max_length=10, choices=Location, default=Location.FOOTER
    )
    label = models.CharField(
        _("label (Korean)"),
        max_length=80,
        blank=True,
        help_text=_("Empty for a page: the page's title."),
    )
    label_en = models.CharField(
        _("label (English)"),
        max_length=80,
        blank=True,
        help_text=_("Empty: the Korean label, or the English page's title."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The page in the reader's language is linked when it exists."),
    )
    url = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        validators=[link_url_validate],
        help_text=_("Instead of a page: /path/ on this site or https://…"),
    )

    panels = [
        FieldRowPanel([FieldPanel("location"), FieldPanel("page"), FieldPanel("url")]),
        FieldRowPanel([FieldPanel("label"), FieldPanel("label_en")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("navigation link")
        verbose_name_plural = _("navigation links")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(page__isnull=False, url="")
                    | (models.Q(page__isnull=True) & ~models.Q(url=""))
                ),
                name="navigation_link_page_or_url",
            ),
            models.CheckConstraint(
                condition=models.Q(page__isnull=False) | ~models.Q(label=""),
                name="navigation_link_address_has_label",
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.label_en or self.url or str(self.page)

    def clean(self) -> None:
        super().clean()
        if self.page_id and self.url:
            raise ValidationError(
                {"url": _("Link either a page or an address, not both.")}
            )
        if not self.page_id and not self.url:
            raise ValidationError({"page": _("Choose a page or enter an address.")})
        if not self.page_id and not self.label:
            raise ValidationError(
                {"label": _("A link to an address needs a Korean label.")}
            )
