"""Celery tasks of accounts: thin, idempotent wrappers of services."""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def account_deletion_request_notify(request_id: int) -> bool:
    return services.account_deletion_request_notify(request_id=request_id)
