"""Writes about webhooks: endpoints, the events they get, signed delivery.

A delivery is signed with HMAC-SHA256 over `"{timestamp}.{body}"` with the
endpoint's secret, sent through the SSRF-safe fetcher, and retried by Celery
with exponential backoff until it succeeds or the attempts run out.
"""

import hashlib
import hmac
import json
import time
from functools import partial

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.outbound import (
    OutboundError,
    OutboundRefused,
    outbound_fetch,
    outbound_url_check,
)

from ..errors import PartnerError
from ..models import (
    DeliveryStatus,
    PartnerInstitution,
    PartnerLearner,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

MAX_ATTEMPTS = 8
BACKOFF_BASE_SECONDS = 30
BACKOFF_CAP_SECONDS = 6 * 3600
MAX_ENDPOINTS = 10
SIGNATURE_HEADER = "Campus-Signature"
TIMESTAMP_HEADER = "Campus-Timestamp"


def webhook_backoff(retries: int) -> int:
    """Seconds before the retry after `retries` failed retries: 30 s, 1 min,
    2 min, … doubling, at most six hours."""
    return min(BACKOFF_BASE_SECONDS * 2**retries, BACKOFF_CAP_SECONDS)


def webhook_signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """`v1=<hex>`: HMAC-SHA256 of `"{timestamp}.".encode() + body`."""
    digest = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return f"v1={digest}"


def webhook_signature_verify(
    *, secret: str, timestamp: str, body: bytes, signature: str, tolerance: int = 300
) -> bool:
    """What a receiver does: the signature matches and the timestamp is recent."""
    try:
        sent = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs(time.time() - sent) > tolerance:
        return False
    expected = webhook_signature(secret=secret, timestamp=sent, body=body)
    return hmac.compare_digest(expected, signature or "")


def _events_clean(events) -> list[str]:
    cleaned = sorted({str(event) for event in events or []})
    unknown = [event for event in cleaned if event not in WebhookEvent.values]
    if unknown or not cleaned:
        raise PartnerError(
            _("Choose events among: %(events)s")
            % {"events": ", ".join(WebhookEvent.values)},
            code="invalid_events",
        )
    return cleaned


@transaction.atomic
def webhook_endpoint_create(
    *, institution: PartnerInstitution, url: str, events
) -> WebhookEndpoint:
    """A new endpoint; its URL must be one Campus may call (public, http(s))."""
    try:
        outbound_url_check(url)
    except (OutboundRefused, OutboundError) as error:
        raise PartnerError(error.message, code="invalid_url") from error
    if institution.webhook_endpoints.count() >= MAX_ENDPOINTS:
        raise PartnerError(
            _("A partner may have at most %(n)s webhook endpoints.")
            % {"n": MAX_ENDPOINTS},
            code="too_many_endpoints",
        )
    return WebhookEndpoint.objects.create(
        institution=institution, url=url, events=_events_clean(events)
    )


@transaction.atomic
def webhook_endpoint_delete(*, endpoint: WebhookEndpoint) -> None:
    endpoint.delete()


def _enqueue(delivery_ids: list[int]) -> None:
    from ..tasks import webhook_deliver

    for delivery_id in delivery_ids:
        webhook_deliver.delay(delivery_id)


@transaction.atomic
def webhook_event_emit(*, learner_id: int, event: str, data: dict) -> list[int]:
    """Record a delivery of `event` for every endpoint, of every partner whose
    learner this is, that listens to it; they are sent after commit."""
    institutions = PartnerLearner.objects.filter(user_id=learner_id).values(
        "institution_id"
    )
    endpoints = WebhookEndpoint.objects.filter(
        institution_id__in=institutions, is_active=True
    )
    links = dict(
        PartnerLearner.objects.filter(user_id=learner_id).values_list(
            "institution_id", "external_id"
        )
    )
    ids = []
    for endpoint in endpoints:
        if event not in endpoint.events:
            continue
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, event=event, payload={}
        )
        delivery.payload = {
            "id": str(delivery.event_id),
            "type": event,
            "created_at": timezone.now().isoformat(),
            "data": {**data, "learner": links.get(endpoint.institution_id)},
        }
        delivery.save(update_fields=["payload"])
        ids.append(delivery.pk)
    if ids:
        transaction.on_commit(partial(_enqueue, ids))
    return ids


def webhook_delivery_attempt(*, delivery_id: int) -> bool:
    """Send a delivery once and log the outcome: True when the endpoint
    answered 2xx (or it was already delivered)."""
    delivery = (
        WebhookDelivery.objects.select_related("endpoint")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status == DeliveryStatus.SUCCEEDED:
        return True
    body = json.dumps(
        delivery.payload, cls=DjangoJSONEncoder, ensure_ascii=False
    ).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "Campus-Event": delivery.event,
        "Campus-Delivery": str(delivery.event_id),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: webhook_signature(
            secret=delivery.endpoint.secret, timestamp=timestamp, body=body
        ),
    }
    status, error = None, ""
    try:
        response = outbound_fetch(
            delivery.endpoint.url,
            method="POST",
            headers=headers,
            body=body,
            max_bytes=64 * 1024,
            max_redirects=0,
        )
        status = response.status
        if not response.ok:
            error = _("The endpoint answered %(status)s.") % {"status": status}
    except (OutboundRefused, OutboundError) as failure:
        error = str(failure.message)
    now = timezone.now()
    succeeded = status is not None and 200 <= status < 300
    attempts = delivery.attempts + 1
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=attempts,
        last_attempt_at=now,
        response_status=status,
        error=error[:300],
        delivered_at=now if succeeded else None,
        status=DeliveryStatus.SUCCEEDED
        if succeeded
        else (
            DeliveryStatus.FAILED
            if attempts >= MAX_ATTEMPTS
            else DeliveryStatus.PENDING
        ),
    )
    return succeeded


def webhook_delivery_give_up(*, delivery_id: int) -> None:
    WebhookDelivery.objects.filter(pk=delivery_id).exclude(
        status=DeliveryStatus.SUCCEEDED
    ).update(status=DeliveryStatus.FAILED)


@transaction.atomic
def webhook_redeliver(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send the same event again (same event id, so receivers can dedupe)."""
    again = WebhookDelivery.objects.create(
        endpoint=delivery.endpoint,
        event=delivery.event,
        event_id=delivery.event_id,
        payload=delivery.payload,
        redelivery_of=delivery,
    )
    transaction.on_commit(partial(_enqueue, [again.pk]))
    return again


def webhook_certificate_issued(*, certificate_id: int) -> list[int]:
    """Tell the partner of a learner it enrolled that a certificate was issued."""
    from certificates.models import Certificate

    certificate = (
        Certificate.objects.select_related("enrollment")
        .filter(pk=certificate_id, enrollment__source="api")
        .first()
    )
    if certificate is None:
        return []
    return webhook_event_emit(
        learner_id=certificate.learner_id,
        event=WebhookEvent.CERTIFICATE_ISSUED,
        data={
            "enrolment": certificate.enrollment_id,
            "run": certificate.run_id,
            "serial": certificate.serial,
            "code": certificate.code,
            "issued_at": certificate.issued_at.isoformat(),
        },
    )
