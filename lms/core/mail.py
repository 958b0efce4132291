"""Mail that is never lost: queue with the change, send after commit, retry.

Every notice Campus e-mails goes through `mail_queue`, inside the transaction
of the change it reports. The row commits with the change (or not at all);
after commit a Celery task (`lms.core.tasks.mail_deliver`) sends it, retrying
with exponential backoff (MAIL_RETRY_BACKOFF seconds, doubling) while the
SMTP server refuses, and marks it sent only
once the server has accepted it. After `MAIL_MAX_ATTEMPTS` the row is marked
failed, and staff resend it from the admin.

Delivery is at least once: a worker killed between the server's acceptance and
the commit sends that message again on the retry.
"""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .errors import CampusError
from .models import OutboundMail

MAIL_MAX_ATTEMPTS_DEFAULT = 6


class MailDeliveryError(CampusError):
    """The SMTP server did not accept the message this time; try again later."""

    default_message = _("The e-mail could not be sent yet; it will be retried.")
    code = "mail-delivery"
    status = 503


def _enqueue(mail_id: int) -> None:
    from .tasks import mail_deliver

    mail_deliver.delay(mail_id)


def mail_queue(
    *,
    to: list[str],
    subject: str,
    body: str,
    from_email: str | None = None,
    dedupe_key: str | None = None,
) -> OutboundMail | None:
    """Write the e-mail to the outbox and send it once the transaction commits.

    Returns None when there is nobody to write to, or when a mail with the
    same `dedupe_key` was queued before.
    """
    # ".invalid" (RFC 2606) never receives mail: a Kakao account without an
    # e-mail address and deleted accounts carry such stand-ins
    recipients = [
        address
        for address in to
        if address and not address.rstrip(".").lower().endswith(".invalid")
    ]
    if not recipients:
        return None
    try:
        with transaction.atomic():
            mail = OutboundMail.objects.create(
                to=recipients,
                subject=subject.replace("\n", " ").strip()[:998],
                body=body,
                from_email=from_email or "",
                dedupe_key=dedupe_key,
            )
    except IntegrityError:
        return None  # the same notice is already in the outbox
    transaction.on_commit(lambda: _enqueue(mail.pk), robust=True)
    return mail


def mail_deliver(*, mail_id: int) -> bool:
    """Send one queued e-mail; True once it is (or already was) accepted.

    Raises `MailDeliveryError` while attempts remain, so that the task retries;
    after the last one the row is marked failed and False is returned.
    """
    max_attempts = getattr(settings, "MAIL_MAX_ATTEMPTS", MAIL_MAX_ATTEMPTS_DEFAULT)
    with transaction.atomic():
        mail = (
            OutboundMail.objects.select_for_update()
            .filter(pk=mail_id, status=OutboundMail.Status.PENDING)
            .first()
        )
        if mail is None:
            return True  # sent already, failed for good, or gone
        mail.attempts += 1
        message = EmailMessage(
            subject=mail.subject,
            body=mail.body,
            from_email=mail.from_email or None,
            to=mail.to,
        )
        try:
            message.send(fail_silently=False)
        except (smtplib.SMTPException, OSError) as error:
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            if mail.attempts >= max_attempts:
                mail.status = OutboundMail.Status.FAILED
                mail.save(update_fields=["attempts", "last_error", "status"])
                return False
            mail.save(update_fields=["attempts", "last_error"])
            failed = True
        else:
            mail.status = OutboundMail.Status.SENT
            mail.sent_at = timezone.now()
            mail.last_error = ""
            mail.save(update_fields=["attempts", "status", "sent_at", "last_error"])
            failed = False
    if failed:  # raised after the commit, so that the attempt is recorded
        raise MailDeliveryError()
    return True


@transaction.atomic
def mail_resend(*, mail: OutboundMail) -> OutboundMail:
    """Staff: put a failed (or stuck) e-mail back in the queue, attempts reset."""
    mail = OutboundMail.objects.select_for_update().get(pk=mail.pk)
    if mail.status == OutboundMail.Status.SENT:
        return mail
    mail.status = OutboundMail.Status.PENDING
    mail.attempts = 0
    mail.save(update_fields=["status", "attempts"])
    transaction.on_commit(lambda: _enqueue(mail.pk), robust=True)
    return mail
