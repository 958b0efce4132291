"""Notifications: the service every app calls, and the e-mails that follow.

The API for other apps (any layer above `lms.community` may import it):

    from lms.community.services import notification_send, notification_send_many

    notification_send(
        recipient=user,              # a User
        kind="certificate.issued",   # a short slug: app.event
        title=lambda: _("Your certificate is ready"),  # one line of plain text
        body="…",                    # optional plain text, up to 2,000 characters
        url="/certificates/12/",     # optional site path the notification opens
        actor=None,                  # optional User who caused it
        dedupe_key="certificate:12", # optional: sending the same key again is a no-op
    )

`title` and `body` may be strings or callables returning strings: a callable
is called with the recipient's preferred language active, so
`lambda: _("… %(name)s …") % {...}` reaches each person in their language.

Both write in one transaction; the e-mail goes out after commit through the
Celery task `notification_email_send` when the recipient wants e-mails right
away, and in the next daily digest (`notification_digests_send`) when they
chose the digest (the default). Titles and bodies are plain text: templates
escape them and e-mails are text/plain.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from functools import partial

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import timezone, translation

from lms.accounts.models import User
from lms.core.mail import mail_queue
from lms.core.site_url import public_base_url

from ..models import EmailMode, Notification, NotificationDigest, NotificationPreference

TITLE_MAX = 200
BODY_MAX = 2000
UNREAD_CACHE_SECONDS = 300


def _unread_key(user_id: int) -> str:
    return f"community:unread:{user_id}"


def _unread_forget(user_ids: Iterable[int]) -> None:
    keys = [_unread_key(pk) for pk in set(user_ids)]
    transaction.on_commit(lambda: cache.delete_many(keys))


def _safe_url(url: str) -> str:
    """Notifications link within the site: a path, never another host.

    Kept in the default language (no /en/ prefix): `notification_link` puts
    each recipient's language back when the link is followed or e-mailed.
    """
    url = (url or "").strip()
    if not url:
        return ""
    if not url.startswith("/") or url.startswith("//") or "\\" in url:
        raise ValueError(f"notification url must be a site path, not {url!r}")
    return notification_link(url, settings.LANGUAGE_CODE)[:500]


def notification_link(url: str, language: str) -> str:
    """The notification's path in `language` (the same path if it is not a
    page of this site). `translate_url` resolves in the active language, so
    the path's own language, read from its prefix, is made active first.
    """
    if not url:
        return ""
    source = settings.LANGUAGE_CODE
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE and url.startswith(f"/{code}/"):
            source = code
    with translation.override(source):
        return translate_url(url, language)


def _clip(text: str, limit: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


Text = str | Callable[[], str]


def _language(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def _text_for(value: Text, language: str) -> str:
    """A string as given, or a callable's string in `language`."""
    if callable(value):
        with translation.override(language):
            return str(value())
    return str(value or "")


def email_mode_for(user: User) -> str:
    return email_modes_for([user.pk])[user.pk]


def email_modes_for(user_ids: Iterable[int]) -> dict[int, str]:
    """Each person's e-mail mode: their preference, or the default. One query."""
    ids = set(user_ids)
    modes = dict.fromkeys(ids, NotificationPreference.DEFAULT_MODE)
    modes.update(
        NotificationPreference.objects.filter(user_id__in=ids).values_list(
            "user_id", "email_mode"
        )
    )
    return modes


def _email_later(notification_ids: list[int]) -> None:
    from ..tasks import notification_email_send

    for pk in notification_ids:
        transaction.on_commit(partial(notification_email_send.delay, pk))


@transaction.atomic
def notification_send(
    *,
    recipient: User,
    kind: str,
    title: Text,
    body: Text = "",
    url: str = "",
    actor: User | None = None,
    dedupe_key: str = "",
) -> Notification | None:
    """Tell `recipient` about something; returns None if `dedupe_key` was sent.

    Nobody is notified of their own action (`actor == recipient`).
    """
    if actor is not None and actor.pk == recipient.pk:
        return None
    if (
        dedupe_key
        and Notification.objects.filter(
            recipient=recipient, dedupe_key=dedupe_key
        ).exists()
    ):
        return None
    language = _language(recipient)
    notification = Notification(
        recipient=recipient,
        kind=kind[:40],
        title=_clip(_text_for(title, language), TITLE_MAX),
        body=_clip(_text_for(body, language), BODY_MAX),
        url=_safe_url(url),
        actor=actor,
        dedupe_key=dedupe_key[:200],
    )
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:  # the same key, sent at the same moment elsewhere
        return None
    _unread_forget([recipient.pk])
    if email_mode_for(recipient) == EmailMode.IMMEDIATE:
        _email_later([notification.pk])
    return notification


@transaction.atomic
def notification_send_many(
    *,
    recipients: Iterable[User],
    kind: str,
    title: Text,
    body: Text = "",
    url: str = "",
    actor: User | None = None,
    dedupe_key: str = "",
    email: bool = True,
) -> list[Notification]:
    """The same notification to many people (an announcement) in a few queries.

    With a `dedupe_key`, those who already have it are skipped, so a task that
    runs twice notifies each person once. `email=False` when the caller sends
    its own e-mail (a cancelled lecture cannot wait for tomorrow's digest).
    """
    people = {user.pk: user for user in recipients if actor is None or user != actor}
    if dedupe_key:
        already = set(
            Notification.objects.filter(
                recipient_id__in=people, dedupe_key=dedupe_key
            ).values_list("recipient_id", flat=True)
        )
        people = {pk: user for pk, user in people.items() if pk not in already}
    if not people:
        return []
    url = _safe_url(url)
    texts: dict[str, tuple[str, str]] = {}
    for user in people.values():
        language = _language(user)
        if language not in texts:
            texts[language] = (
                _clip(_text_for(title, language), TITLE_MAX),
                _clip(_text_for(body, language), BODY_MAX),
            )
    rows = [
        Notification(
            recipient=user,
            kind=kind[:40],
            title=texts[_language(user)][0],
            body=texts[_language(user)][1],
            url=url,
            actor=actor,
            dedupe_key=dedupe_key[:200],
        )
        for user in people.values()
    ]
    if dedupe_key:
        # a conflict means someone else sent the same key at the same moment
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
        created = list(
            Notification.objects.filter(recipient_id__in=people, dedupe_key=dedupe_key)
        )
    else:
        created = Notification.objects.bulk_create(rows)
    _unread_forget(people)
    if email:
        modes = email_modes_for(people)
        _email_later(
            [n.pk for n in created if modes[n.recipient_id] == EmailMode.IMMEDIATE]
        )
    return created


def notification_unread_count(*, user: User) -> int:
    """Unread notifications, cached per person (the bell on every page)."""
    if not user.is_authenticated:
        return 0
    key = _unread_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count()
        cache.set(key, count, UNREAD_CACHE_SECONDS)
    return count


@transaction.atomic
def notification_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        _unread_forget([notification.recipient_id])


@transaction.atomic
def notification_read_all(*, user: User) -> int:
    marked = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    _unread_forget([user.pk])
    return marked


@transaction.atomic
def notification_preference_set(*, user: User, email_mode: str) -> None:
    if email_mode not in EmailMode.values:
        raise ValueError(email_mode)
    NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_mode": email_mode}
    )


# --- e-mail ---------------------------------------------------------------------


def notification_email_send(*, notification_id: int) -> bool:
    """E-mail one notification to someone who wants them right away.

    Safe to run twice: the row is locked and stamped before the mail goes.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None or notification.emailed_at is not None:
            return False
        if email_mode_for(notification.recipient) != EmailMode.IMMEDIATE:
            return False
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    recipient = notification.recipient
    language = _language(recipient)
    with translation.override(language):
        context = {
            "notification": notification,
            "link": notification_link(notification.url, language),
            "recipient": recipient,
            "site_url": public_base_url(),
        }
        subject = render_to_string(
            "community/email/notification_subject.txt", context
        ).strip()
        body = render_to_string("community/email/notification_body.txt", context)
    mail_queue(to=[recipient.email], subject=subject, body=body)
    return True


def digest_day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The day's start and end in the site's time zone, as aware datetimes."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, start + dt.timedelta(days=1)


def notification_digest_send(*, user_id: int, day: dt.date) -> bool:
    """E-mail one person, once on `day`, every unread notification not yet
    e-mailed (read ones they have seen already).

    The digest row is unique per person and day; its creation, and the
    stamping of the notifications it holds, happen in one transaction, so a
    second run of the same day (a retried task, a second beat) sends nothing.
    """
    _, end = digest_day_bounds(day)
    with transaction.atomic():
        recipient = User.objects.filter(pk=user_id, is_active=True).first()
        if recipient is None or email_mode_for(recipient) != EmailMode.DIGEST:
            return False
        digest, created = NotificationDigest.objects.get_or_create(
            recipient=recipient, day=day
        )
        if not created:
            return False
        pending = list(
            Notification.objects.select_for_update()
            .filter(
                recipient=recipient,
                emailed_at__isnull=True,
                read_at__isnull=True,
                created_at__lt=end,
            )
            .order_by("created_at", "pk")
        )
        if not pending:
            transaction.set_rollback(True)  # no empty digest row for the day
            return False
        now = timezone.now()
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
            emailed_at=now, digest=digest
        )
        digest.item_count, digest.sent_at = len(pending), now
        digest.save(update_fields=["item_count", "sent_at"])
    language = _language(recipient)
    for notification in pending:
        notification.link = notification_link(notification.url, language)
    with translation.override(language):
        context = {
            "notifications": pending,
            "recipient": recipient,
            "day": day,
            "site_url": public_base_url(),
        }
        subject = render_to_string(
            "community/email/digest_subject.txt", context
        ).strip()
        body = render_to_string("community/email/digest_body.txt", context)
    mail_queue(to=[recipient.email], subject=subject, body=body)
    return True


def digest_recipients(*, day: dt.date) -> list[int]:
    """People on the digest (by choice or by default) with something to send
    and no digest yet for `day`.
    """
    _, end = digest_day_bounds(day)
    ids = set(
        Notification.objects.filter(
            emailed_at__isnull=True, read_at__isnull=True, created_at__lt=end
        )
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    if not ids:
        return []
    done = set(
        NotificationDigest.objects.filter(recipient_id__in=ids, day=day).values_list(
            "recipient_id", flat=True
        )
    )
    modes = email_modes_for(ids - done)
    return sorted(pk for pk, mode in modes.items() if mode == EmailMode.DIGEST)
