from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PartnerInstitution(models.Model):
    """A partner university that syndicates content with Campus, both ways."""

    slug = models.SlugField(_("short name"), unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name_ko"]
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (Korean when English is missing)."""
        if (get_language() or "ko").startswith("en") and self.name_en:
            return self.name_en
        return self.name_ko
