"""Celery tasks of certificates: ids in, idempotent, acknowledged late.

`acks_late` with `reject_on_worker_lost` means a worker that dies half-way
through leaves the message to be delivered again; every task here can be run
again without issuing, rendering or counting anything twice.
"""

from celery import shared_task
from django.db import OperationalError

from . import services

TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(**TASK_OPTIONS)
def certificate_issue(enrollment_id: int) -> int:
    """Issue the enrolment's certificate (once) and draw its PDF; its id."""
    certificate, _created = services.certificate_issue(enrollment_id=enrollment_id)
    services.certificate_pdf_generate(certificate_id=certificate.pk)
    return certificate.pk


@shared_task(**TASK_OPTIONS)
def certificate_issue_on_completion(enrollment_id: int) -> int | None:
    certificate = services.certificate_issue_on_completion(enrollment_id=enrollment_id)
    return certificate.pk if certificate else None


@shared_task(**TASK_OPTIONS)
def certificate_pdf_generate(certificate_id: int) -> str:
    return services.certificate_pdf_generate(certificate_id=certificate_id)


@shared_task(**TASK_OPTIONS)
def certificate_batch_run(batch_id: int) -> int:
    return services.certificate_batch_run(batch_id=batch_id)


@shared_task(**TASK_OPTIONS)
def certificate_batch_chunk(batch_id: int, enrollment_ids: list[int]) -> None:
    services.certificate_batch_chunk(batch_id=batch_id, enrollment_ids=enrollment_ids)
