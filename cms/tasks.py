"""Celery tasks of the site: thin, idempotent wrappers of services."""

from celery import shared_task
from django.db import OperationalError

from .services import links


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def service_links_check() -> int:
    """Run nightly by Celery beat (the schedule is a data migration)."""
    return len(links.service_links_check())
