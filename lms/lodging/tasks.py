"""Celery tasks of lodging: thin, idempotent wrappers of services."""

from celery import shared_task
from django.db import OperationalError

from . import notifications, services


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def stay_holds_release() -> int:
    """Run every minute by Celery beat (the schedule is a data migration)."""
    return services.stay_holds_release()


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def stay_status_notify(stay_id: int) -> bool:
    return notifications.stay_status_notify(stay_id=stay_id)
