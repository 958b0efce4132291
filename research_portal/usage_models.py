"""Usage of publications, counted in the manner of COUNTER Release 5.

Each landing-page view is an item investigation; each download of a file is an
item request (and an investigation too). An event keeps who looked only as a
salted hash whose salt changes every day, never an IP address, and the hour's
"session" that unique counts are taken over. See `research_portal.usage`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UsageEvent(models.Model):
    page = models.ForeignKey(
        "research_portal.PublicationPage",
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="usage_events",
    )
    file = models.ForeignKey(
        "research_portal.PublicationPageFile",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_request = models.BooleanField(_("file requested"), default=False)
    visitor = models.CharField(_("visitor (salted hash)"), max_length=64)
    session = models.CharField(_("session (salted hash)"), max_length=64)
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("usage event")
        verbose_name_plural = _("usage events")
        indexes = [
            models.Index(fields=["page", "at"], name="usage_page_at"),
            models.Index(fields=["visitor", "page", "at"], name="usage_visitor_at"),
            models.Index(fields=["at"], name="usage_at"),
        ]

    def __str__(self) -> str:
        return f"{self.page_id} {'request' if self.is_request else 'view'} {self.at}"


class UsageSalt(models.Model):
    """Today's salt for visitor hashes; older days' salts are deleted, so that
    yesterday's hashes cannot be tied to an address any more."""

    day = models.DateField(_("day"), unique=True)
    salt = models.CharField(_("salt"), max_length=64)

    class Meta:
        verbose_name = _("usage salt")
        verbose_name_plural = _("usage salts")

    def __str__(self) -> str:
        return self.day.isoformat()
