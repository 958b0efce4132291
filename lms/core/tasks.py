"""Celery tasks of lms.core: thin wrappers of the services of the same name."""

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from . import mail
from .mail import MailDeliveryError


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def mail_deliver(self, mail_id: int) -> bool:
    """Send one queued e-mail; while the server refuses, retry with backoff.

    The service itself stops after MAIL_MAX_ATTEMPTS and marks the mail failed.
    """
    try:
        return mail.mail_deliver(mail_id=mail_id)
    except (MailDeliveryError, OperationalError) as error:
        delay = settings.MAIL_RETRY_BACKOFF * 2**self.request.retries
        raise self.retry(exc=error, countdown=min(delay, 3600)) from error
