"""Celery tasks of learning: thin, idempotent wrappers of services."""

from celery import shared_task
from django.db import OperationalError

from . import notifications


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def enrollment_status_notify(enrollment_id: int) -> bool:
    return notifications.enrollment_status_notify(enrollment_id=enrollment_id)
