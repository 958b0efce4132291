"""Celery tasks of the research portal: thin, idempotent wrappers of services."""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def publication_full_text_extract(page_id: int) -> int:
    return services.publication_full_text_extract(page_id=page_id)


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def publication_embargoes_release() -> list[int]:
    return services.publication_embargoes_release()


@shared_task(
    acks_late=True, reject_on_worker_lost=True, autoretry_for=(OperationalError,)
)
def usage_salts_prune() -> int:
    return services.usage_salts_prune()
