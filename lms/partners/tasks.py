"""Celery tasks of the partners: ids in, idempotent, thin over the services."""

from celery import shared_task

from .services import webhooks


@shared_task(bind=True, acks_late=True, max_retries=webhooks.MAX_ATTEMPTS - 1)
def webhook_deliver(self, delivery_id: int) -> bool:
    """Send one delivery; on failure retry with exponential backoff."""
    if webhooks.webhook_delivery_attempt(delivery_id=delivery_id):
        return True
    if self.request.retries >= self.max_retries:
        webhooks.webhook_delivery_give_up(delivery_id=delivery_id)
        return False
    raise self.retry(countdown=webhooks.webhook_backoff(self.request.retries))


@shared_task(acks_late=True)
def webhook_event_emit(learner_id: int, event: str, data: dict) -> list[int]:
    return webhooks.webhook_event_emit(learner_id=learner_id, event=event, data=data)


@shared_task(acks_late=True)
def webhook_certificate_issued(certificate_id: int) -> list[int]:
    return webhooks.webhook_certificate_issued(certificate_id=certificate_id)


@shared_task(acks_late=True)
def partner_feeds_pull() -> dict[str, dict]:
    """Daily (beat): pull every active partner's course feed; one failing
    feed does not stop the others."""
    from .errors import PartnerError
    from .models import PartnerInstitution
    from .services.syndication import partner_feed_pull

    results = {}
    for institution in PartnerInstitution.objects.filter(is_active=True).exclude(
        course_feed_url=""
    ):
        try:
            results[institution.slug] = partner_feed_pull(institution=institution)
        except PartnerError as error:
            results[institution.slug] = {"error": str(error.message)}
    return results
