"""The privacy policy (개인정보 처리방침) as Wagtail pages: one page per version.

Staff write a new version as a child of the policy page in the admin, with
drafts, revisions, preview and scheduled publishing, and translate it with
wagtail-localize like every other page. A version in effect is never changed;
the next one is added beside it, so that anyone can read what the policy said
when they agreed.

The pages sit directly under Wagtail's root, outside every site's tree: their
addresses are the accounts app's (`/accounts/privacy/`, `/accounts/privacy/v2/`,
and the same under `/en/`), which `get_url_parts` returns, so links from the
admin and everywhere else lead there.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

# the fields a version in effect keeps as they were published
FROZEN_FIELDS = ("effective_from", "body", "changes")


def _accounts_url_parts(page: Page, name: str, args=(), request=None):
    """(site_id, root_url, path) for an accounts URL, in the page's language."""
    site_paths = page._get_site_root_paths(request)
    if not site_paths:
        return None
    site_id, _root_path, root_url, _language = site_paths[0]
    with translation.override(page.locale.language_code):
        return site_id, root_url, reverse(name, args=args)


class PrivacyPolicyIndexPage(Page):
    """The privacy policy: its versions are the child pages, newest in effect shown."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["accounts.PrivacyPolicyPage"]
    template = "accounts/privacy_policy.html"

    class Meta:
        verbose_name = _("privacy policy")

    @classmethod
    def can_create_at(cls, parent) -> bool:
        # one policy; its other languages are translations, not new pages
        return super().can_create_at(parent) and not cls.objects.exists()

    def get_url_parts(self, request=None):
        return _accounts_url_parts(self, "accounts:privacy", request=request)

    def get_context(self, request, *args, **kwargs):
        from .selectors import privacy_policy_context

        context = super().get_context(request, *args, **kwargs)
        context.update(privacy_policy_context(number=None))
        return context


class PrivacyPolicyPage(Page):
    """One version of the privacy policy, numbered; frozen once in effect."""

    number = models.PositiveIntegerField(_("version"), null=True, editable=False)
    effective_from = models.DateField(
        _("in effect from"),
        help_text=_(
            "From this day the version is the policy in effect. It cannot be "
            "changed from then on: add a new version instead."
        ),
    )
    body = RichTextField(_("text"))
    changes = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("A short summary of what this version changes."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("effective_from"),
        FieldPanel("changes"),
        FieldPanel("body"),
    ]
    parent_page_types = ["accounts.PrivacyPolicyIndexPage"]
    subpage_types: list[str] = []
    template = "accounts/privacy_policy.html"

    class Meta:
        verbose_name = _("privacy policy version")
        verbose_name_plural = _("privacy policy versions")

    def __str__(self) -> str:
        return f"v{self.number} ({self.effective_from:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if self.number is None and self.path:
            # a translation brings its source's number; a new version takes
            # the next one among its siblings
            highest = (
                PrivacyPolicyPage.objects.sibling_of(self)
                .filter(locale_id=self.locale_id)
                .aggregate(highest=Max("number"))["highest"]
            )
            self.number = (highest or 0) + 1
        return super().save(*args, **kwargs)

    @property
    def is_in_effect(self) -> bool:
        """Published and its day has come: the text people were told, kept."""
        return self.live and self.effective_from <= timezone.localdate()

    def clean(self) -> None:
        super().clean()
        if self.pk is None:
            return
        stored = (
            PrivacyPolicyPage.objects.filter(pk=self.pk, live=True)
            .values(*FROZEN_FIELDS)
            .first()
        )
        if stored is None or stored["effective_from"] > timezone.localdate():
            return
        if any(getattr(self, field) != stored[field] for field in FROZEN_FIELDS):
            raise ValidationError(
                _(
                    "This version is in effect and cannot be changed; add a new "
                    "version instead."
                )
            )

    def get_url_parts(self, request=None):
        if self.number is None:
            return None
        return _accounts_url_parts(
            self, "accounts:privacy-version", args=[self.number], request=request
        )

    def get_context(self, request, *args, **kwargs):
        from .selectors import privacy_policy_context

        context = super().get_context(request, *args, **kwargs)
        context.update(privacy_policy_context(number=self.number))
        # a preview shows the draft itself, not the stored version
        context["policy"] = self
        return context
