"""Topics, series and people: the snippets publications are described with."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from ..identifiers import validate_issn, validate_orcid
from .choices import _bilingual


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
        from ..identifiers import issn_normalize

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
        from ..identifiers import orcid_normalize

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
