from django.conf import settings
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
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    admins = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("partner admins"),
        blank=True,
        related_name="partner_institutions",
        help_text=_("People of the partner who manage its tokens and webhooks."),
    )
    course_feed_url = models.URLField(
        _("course feed"),
        blank=True,
        help_text=_("A JSON feed of the partner's courses that Campus pulls daily."),
    )
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
