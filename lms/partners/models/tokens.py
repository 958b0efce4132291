"""API tokens of partners: hashed, scoped, expiring, rotatable, audited."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "cps"  # noqa: S105 - a public marker, not a secret


class Scope(models.TextChoices):
    CATALOG_READ = "catalog:read", _("Read the catalog and course outlines")
    CONTENT_READ = "content:read", _("Read lesson content under the agreement")
    ENROLMENTS_WRITE = (
        "enrolments:write",
        _("Enrol and withdraw learners"),
    )
    PROGRESS_READ = "progress:read", _("Read the partner's learners' progress")
    WEBHOOKS_MANAGE = "webhooks:manage", _("Manage webhooks")
    COURSES_PUBLISH = "courses:publish", _("Publish the partner's courses to Campus")


def token_hash(raw: str) -> str:
    """The stored form of a token: its SHA-256 (tokens are 256 random bits,
    so a slow password hash would add nothing but latency)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def token_secret_new() -> tuple[str, str]:
    """(lookup prefix, the whole token shown once)."""
    lookup = secrets.token_hex(6)
    return lookup, f"{TOKEN_PREFIX}_{lookup}_{secrets.token_urlsafe(32)}"


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, *, now=None):
        """Neither revoked, expired nor past the grace period of a rotation."""
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            Q(grace_until__isnull=True) | Q(grace_until__gt=now),
            revoked_at__isnull=True,
            institution__is_active=True,
        )


class ApiToken(models.Model):
    """A partner's API token. Only its hash is kept; the token is shown once.

    Rotating makes a new token and leaves this one valid until `grace_until`.
    """

    institution = models.ForeignKey(
        "partners.PartnerInstitution",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    lookup = models.CharField(max_length=12, unique=True, editable=False)
    hashed = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    rate_per_minute = models.PositiveIntegerField(_("requests a minute"), default=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    grace_until = models.DateTimeField(
        _("valid until (rotated)"), null=True, blank=True
    )
    rotated_to = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rotated_from",
    )
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({TOKEN_PREFIX}_{self.lookup}_…)"

    @property
    def display_prefix(self) -> str:
        return f"{TOKEN_PREFIX}_{self.lookup}_…"

    def is_usable(self, *, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.revoked_at is None
            and (self.expires_at is None or self.expires_at > now)
            and (self.grace_until is None or self.grace_until > now)
        )

    def matches(self, raw: str) -> bool:
        return secrets.compare_digest(self.hashed, token_hash(raw))


class ApiTokenUse(models.Model):
    """The audit log: every request made with a token (or a token-like string)."""

    token = models.ForeignKey(
        ApiToken,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="uses",
    )
    institution = models.ForeignKey(
        "partners.PartnerInstitution",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    ip = models.GenericIPAddressField(null=True, blank=True)
    outcome = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("API token use")
        verbose_name_plural = _("API token uses")
        indexes = [models.Index(fields=["token", "-at"])]

    def __str__(self) -> str:
        return f"{self.method} {self.path} {self.status}"
