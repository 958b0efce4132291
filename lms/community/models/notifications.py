"""Notifications: the in-app centre, e-mail preferences and daily digests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Right away, one e-mail each")
    DIGEST = "digest", _("Once a day, in one e-mail")
    OFF = "off", _("No e-mail: only here on the site")


class Notification(models.Model):
    """Something a person should know about, with a link to it.

    Any app may send one through `services.notification_send`. `kind` is a
    short slug (`forum.reply`, `mentoring.booked`, `certificate.issued`…);
    `dedupe_key`, when given, makes sending the same notification twice a
    no-op (a unique constraint per recipient), so idempotent tasks can send.
    `emailed_at` is set when the notification went out by e-mail, alone or in
    a digest.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, max_length=2000)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dedupe_key = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    digest = models.ForeignKey(
        "community.NotificationDigest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(
                fields=["recipient", "-created_at", "-id"], name="notification_list"
            ),
            models.Index(
                fields=["emailed_at", "created_at"], name="notification_to_email"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.title}"


class NotificationPreference(models.Model):
    """How a person wants their notifications by e-mail. No row: the default."""

    DEFAULT_MODE = EmailMode.DIGEST

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    email_mode = models.CharField(
        _("e-mail me"),
        max_length=16,
        choices=EmailMode.choices,
        default=DEFAULT_MODE,
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user} · {self.email_mode}"


class NotificationDigest(models.Model):
    """One day's digest e-mail to one person. The unique (recipient, day)
    row is what makes the digest task safe to run twice: the second run finds it.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    item_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification digest")
        verbose_name_plural = _("notification digests")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "day"], name="digest_once_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.day}"
