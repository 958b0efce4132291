"""The organization directory: public profiles of the town's organizations.

The organization itself (name, type, region, web site) is `lms.accounts`'s;
its public profile (sector, products, contact, logo, where it sits in the
town) is here. An organization's own admin (`OrganizationAdmin`, the
org-admin role) proposes changes to the profile; staff approve them, and only
then does the public page change.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import SpaceKind, bilingual


class Sector(models.TextChoices):
    FOOD = "food", _("Food and agriculture")
    CARE = "care", _("Care and welfare")
    CULTURE = "culture", _("Culture and arts")
    EDUCATION = "education", _("Education")
    ENVIRONMENT = "environment", _("Environment and energy")
    HOUSING = "housing", _("Housing and local regeneration")
    MANUFACTURING = "manufacturing", _("Manufacturing and crafts")
    FINANCE = "finance", _("Finance")
    SERVICES = "services", _("Services")


# the fields an organization's admin may change, once staff approve
EDITABLE_FIELDS = (
    "summary",
    "summary_en",
    "products",
    "products_en",
    "contact_email",
    "contact_phone",
    "sector",
)


class OrganizationProfile(models.Model):
    """The public face of an organization in the directory."""

    organization = models.OneToOneField(
        "accounts.Organization",
        on_delete=models.CASCADE,
        related_name="public_profile",
    )
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    sector = models.CharField(
        _("sector"), max_length=16, choices=Sector.choices, db_index=True
    )
    summary = models.TextField(_("what it does"), max_length=1000)
    summary_en = models.TextField(_("what it does, in English"), blank=True)
    products = models.TextField(
        _("products and services"), blank=True, help_text=_("One per line.")
    )
    products_en = models.TextField(_("products and services, in English"), blank=True)
    sells_at_market = models.BooleanField(
        _("sells at the exchange plaza's market"), default=False
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    town_space = models.CharField(
        _("space in the town"),
        max_length=16,
        choices=SpaceKind.choices,
        blank=True,
        help_text=_("Empty: not a tenant of the town."),
    )
    town_office = models.CharField(_("office"), max_length=100, blank=True)
    is_published = models.BooleanField(_("shown in the directory"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organization profile")
        verbose_name_plural = _("organization profiles")
        ordering = ["organization__name"]

    def __str__(self) -> str:
        return str(self.organization)

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cms:organization", args=[self.slug])

    @property
    def in_town(self) -> bool:
        return bool(self.town_space)

    @property
    def display_summary(self) -> str:
        return bilingual(self.summary, self.summary_en)

    def product_list(self) -> list[str]:
        text = bilingual(self.products, self.products_en)
        return [line.strip() for line in text.splitlines() if line.strip()]


class OrganizationAdmin(models.Model):
    """A person who may propose changes to an organization's public profile."""

    organization = models.ForeignKey(
        "accounts.Organization", on_delete=models.CASCADE, related_name="town_admins"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="administered_organizations",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organization admin")
        verbose_name_plural = _("organization admins")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "user"], name="organization_admin_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organization}"


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")


class ProfileChange(models.Model):
    """Changes to a public profile proposed by the organization's admin."""

    profile = models.ForeignKey(
        OrganizationProfile, on_delete=models.CASCADE, related_name="changes"
    )
    proposed = models.JSONField(_("proposed"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ChangeStatus.choices,
        default=ChangeStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("profile change")
        verbose_name_plural = _("profile changes")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile"],
                condition=Q(status="pending"),
                name="profile_change_one_pending",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile} · {self.status}"
