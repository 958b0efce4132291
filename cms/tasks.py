"""Celery tasks of the site: thin, idempotent wrappers of services."""

from celery import shared_task
from django.db import OperationalError

from .services import bookings, links, requests


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def service_links_check() -> int:
    """Run nightly by Celery beat (the schedule is a data migration)."""
    return len(links.service_links_check())


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def request_staff_notify(submission_id: int) -> bool:
    return requests.request_staff_notify(submission_id=submission_id)


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def request_submissions_purge() -> int:
    """Run daily by Celery beat: submissions past their retention are deleted."""
    return requests.request_submissions_purge()


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def booking_staff_notify(booking_id: int) -> bool:
    return bookings.booking_staff_notify(booking_id=booking_id)
