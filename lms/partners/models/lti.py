"""LTI 1.3: the platforms that launch Campus, and what their launches create.

Rows here are written only after a launch has passed every check
(`lms.partners.lti.validation`); a refused launch leaves the tables as they were.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class LtiPlatform(models.Model):
    """A partner's LMS registered to launch Campus (one issuer + client id)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    institution = models.ForeignKey(
        "partners.PartnerInstitution",
        verbose_name=_("partner institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lti_platforms",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    issuer = models.URLField(_("issuer"), max_length=500)
    client_id = models.CharField(_("client id"), max_length=255)
    jwks_url = models.URLField(_("JWKS URL"), max_length=500, blank=True)
    jwks = models.JSONField(
        _("public keys (JWKS)"),
        default=dict,
        blank=True,
        help_text=_("Only for platforms that publish no JWKS URL."),
    )
    auth_url = models.URLField(_("authorization URL"), max_length=500)
    token_url = models.URLField(_("access token URL"), max_length=500, blank=True)
    token_audience = models.CharField(
        _("access token audience"),
        max_length=500,
        blank=True,
        help_text=_("Leave empty to use the access token URL."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["issuer", "client_id"]
        verbose_name = _("LTI platform")
        verbose_name_plural = _("LTI platforms")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "client_id"], name="lti_platform_issuer_client"
            )
        ]

    def __str__(self) -> str:
        return self.name or f"{self.issuer} ({self.client_id})"


class LtiDeployment(models.Model):
    """A deployment of Campus in a platform; launches name one of these."""

    platform = models.ForeignKey(
        LtiPlatform,
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="deployments",
    )
    deployment_id = models.CharField(_("deployment id"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["platform", "deployment_id"]
        verbose_name = _("LTI deployment")
        verbose_name_plural = _("LTI deployments")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "deployment_id"], name="lti_deployment_unique"
            )
        ]

    def __str__(self) -> str:
        return self.deployment_id


class LtiIdentity(models.Model):
    """A platform user (issuer, sub) linked to one Campus user."""

    issuer = models.CharField(_("issuer"), max_length=500)
    sub = models.CharField(pgettext_lazy("lti", "subject"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="lti_identities",
    )
    platform = models.ForeignKey(
        LtiPlatform,
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="identities",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("LTI identity")
        verbose_name_plural = _("LTI identities")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "sub"], name="lti_identity_sub")
        ]

    def __str__(self) -> str:
        return f"{self.sub} @ {self.issuer}"


class LtiContext(models.Model):
    """A course of the platform; its members are enrolled in `run`."""

    platform = models.ForeignKey(
        LtiPlatform,
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="contexts",
    )
    deployment = models.ForeignKey(
        LtiDeployment,
        verbose_name=_("deployment"),
        on_delete=models.CASCADE,
        related_name="contexts",
    )
    context_id = models.CharField(_("context id"), max_length=255)
    title = models.CharField(_("title"), max_length=500, blank=True)
    label = models.CharField(_("label"), max_length=255, blank=True)
    run = models.ForeignKey(
        "learning.CourseRun",
        verbose_name=_("course run"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lti_contexts",
    )
    memberships_url = models.URLField(
        _("roster (NRPS) URL"), max_length=1000, blank=True
    )
    lineitems_url = models.URLField(_("line items URL"), max_length=1000, blank=True)
    ags_scopes = models.JSONField(_("grade service scopes"), default=list, blank=True)
    roster_synced_at = models.DateTimeField(_("roster synced"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["platform", "context_id"]
        verbose_name = _("LTI context")
        verbose_name_plural = _("LTI contexts")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "deployment", "context_id"],
                name="lti_context_unique",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.context_id


class LtiResourceLink(models.Model):
    """A link placed in a platform course, bound to a Campus page."""

    platform = models.ForeignKey(
        LtiPlatform,
        verbose_name=_("platform"),
        on_delete=models.CASCADE,
        related_name="resource_links",
    )
    deployment = models.ForeignKey(
        LtiDeployment,
        verbose_name=_("deployment"),
        on_delete=models.CASCADE,
        related_name="resource_links",
    )
    context = models.ForeignKey(
        LtiContext,
        verbose_name=_("context"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resource_links",
    )
    resource_link_id = models.CharField(_("resource link id"), max_length=255)
    title = models.CharField(_("title"), max_length=500, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("content"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    lineitem_url = models.URLField(_("line item URL"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["platform", "resource_link_id"]
        verbose_name = _("LTI resource link")
        verbose_name_plural = _("LTI resource links")
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "deployment", "resource_link_id"],
                name="lti_resource_link_unique",
            )
        ]

    def __str__(self) -> str:
        return self.title or self.resource_link_id


class LtiLineItem(models.Model):
    """A gradebook column of a platform context for one graded Campus page."""

    context = models.ForeignKey(
        LtiContext,
        verbose_name=_("context"),
        on_delete=models.CASCADE,
        related_name="line_items",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("content"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.URLField(_("line item URL"), max_length=1000)
    resource_id = models.CharField(_("resource id"), max_length=255)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("LTI line item")
        verbose_name_plural = _("LTI line items")
        constraints = [
            models.UniqueConstraint(
                fields=["context", "page"], name="lti_line_item_per_page"
            )
        ]

    def __str__(self) -> str:
        return self.url


class LtiToolKeyQuerySet(models.QuerySet):
    def published(self, *, now=None):
        """The current key and retired keys still inside their overlap."""
        now = now or timezone.now()
        return self.filter(purpose=LtiToolKey.Purpose.TOOL).filter(
            models.Q(is_current=True) | models.Q(published_until__gt=now)
        )


class LtiToolKey(models.Model):
    """One of Campus's own RSA keys; the private half is encrypted at rest.

    The demo platform (a page that plays a partner's LMS) keeps its key here
    too, never published in the tool's JWKS."""

    class Purpose(models.TextChoices):
        TOOL = "tool", _("Campus as a tool")
        DEMO_PLATFORM = "demo_platform", _("The demo platform")

    kid = models.CharField(_("key id"), max_length=64, unique=True)
    purpose = models.CharField(
        _("purpose"), max_length=16, choices=Purpose.choices, default=Purpose.TOOL
    )
    public_jwk = models.JSONField(_("public key (JWK)"))
    private_key_encrypted = models.TextField(_("private key (encrypted)"))
    is_current = models.BooleanField(_("signs now"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    published_until = models.DateTimeField(_("published until"), null=True, blank=True)

    objects = LtiToolKeyQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("LTI tool key")
        verbose_name_plural = _("LTI tool keys")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="lti_tool_key_one_current",
            )
        ]

    def __str__(self) -> str:
        return self.kid
