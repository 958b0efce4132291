"""Webhooks: signed with HMAC-SHA256 over timestamp and body, retried with
backoff, logged, redeliverable, and never sent to a private address."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from celery.exceptions import Retry
from django.urls import reverse

from lms.partners.models import DeliveryStatus, WebhookDelivery, WebhookEndpoint
from lms.partners.services.webhooks import (
    MAX_ATTEMPTS,
    webhook_backoff,
    webhook_signature_verify,
)
from lms.partners.tasks import webhook_deliver

pytestmark = pytest.mark.django_db


class _Receiver(BaseHTTPRequestHandler):
    answers: list = []
    received: list = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.received.append((dict(self.headers), body))
        status = self.answers.pop(0) if self.answers else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")


@pytest.fixture
def receiver(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    _Receiver.answers, _Receiver.received = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook", _Receiver
    server.shutdown()
    server.server_close()


def enrol(api, run, key="k1"):
    body = {"run": run.pk, "learner": {"external_id": "s1", "email": "s1@a.ac.kr"}}
    return api.post(
        reverse("api:enrolments"), body, format="json", HTTP_IDEMPOTENCY_KEY=key
    )


def run_like_a_worker(delivery_id: int) -> list:
    """Run the task as a worker would: each Retry is run again with one more
    retry counted; returns the countdowns the task asked for."""
    countdowns = []
    for retries in range(MAX_ATTEMPTS + 1):
        try:
            webhook_deliver.apply(args=[delivery_id], retries=retries)
        except Retry as retry:
            countdowns.append(retry.when)
            continue
        break
    return countdowns


def test_backoff_doubles_up_to_a_cap():
    assert [webhook_backoff(n) for n in range(4)] == [30, 60, 120, 240]
    assert webhook_backoff(30) == 6 * 3600


def test_enrolment_event_is_delivered_signed(
    api_a, run, receiver, django_capture_on_commit_callbacks
):
    url, server = receiver
    created = api_a.post(
        reverse("api:webhooks"),
        {"url": url, "events": ["enrolment.changed"]},
        format="json",
    )
    assert created.status_code == 201, created.json()
    secret = created.json()["secret"]
    with django_capture_on_commit_callbacks(execute=True):
        assert enrol(api_a, run).status_code == 201
    assert len(server.received) == 1
    headers, body = server.received[0]
    assert webhook_signature_verify(
        secret=secret,
        timestamp=headers["Campus-Timestamp"],
        body=body,
        signature=headers["Campus-Signature"],
    )
    assert not webhook_signature_verify(
        secret=secret,
        timestamp=headers["Campus-Timestamp"],
        body=body + b" ",
        signature=headers["Campus-Signature"],
    )
    event = json.loads(body)
    assert event["type"] == "enrolment.changed"
    assert event["data"]["learner"] == "s1"
    assert event["data"]["status"] == "active"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert delivery.response_status == 200


def test_other_partners_endpoints_hear_nothing(
    api_a, api_b, run, receiver, partner_b, django_capture_on_commit_callbacks
):
    url, server = receiver
    WebhookEndpoint.objects.create(
        institution=partner_b, url=url, events=["enrolment.changed"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        enrol(api_a, run)
    assert server.received == []


def test_failed_delivery_is_retried_until_it_succeeds(partner_a, receiver):
    url, server = receiver
    server.answers = [500, 503]
    endpoint = WebhookEndpoint.objects.create(
        institution=partner_a, url=url, events=["enrolment.changed"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="enrolment.changed", payload={"x": 1}
    )
    countdowns = run_like_a_worker(delivery.pk)
    delivery.refresh_from_db()
    assert countdowns == [30, 60]
    assert len(server.received) == 3
    assert delivery.attempts == 3
    assert delivery.status == DeliveryStatus.SUCCEEDED


def test_delivery_gives_up_after_the_last_attempt(partner_a, receiver):
    url, server = receiver
    server.answers = [500] * (MAX_ATTEMPTS + 2)
    endpoint = WebhookEndpoint.objects.create(
        institution=partner_a, url=url, events=["enrolment.changed"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="enrolment.changed", payload={}
    )
    countdowns = run_like_a_worker(delivery.pk)
    delivery.refresh_from_db()
    assert countdowns == [webhook_backoff(n) for n in range(MAX_ATTEMPTS - 1)]
    assert delivery.attempts == MAX_ATTEMPTS
    assert delivery.status == DeliveryStatus.FAILED
    assert "500" in delivery.error


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://10.0.0.7/hook",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ],
)
def test_private_addresses_are_refused_as_endpoints(api_a, url):
    response = api_a.post(
        reverse("api:webhooks"),
        {"url": url, "events": ["certificate.issued"]},
        format="json",
    )
    assert response.status_code == 400
    assert WebhookEndpoint.objects.count() == 0


def test_delivery_to_a_private_address_is_refused_not_sent(partner_a):
    endpoint = WebhookEndpoint.objects.create(
        institution=partner_a,
        url="http://192.168.0.10/hook",
        events=["enrolment.changed"],
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="enrolment.changed", payload={}
    )
    from lms.partners.services.webhooks import webhook_delivery_attempt

    assert webhook_delivery_attempt(delivery_id=delivery.pk) is False
    delivery.refresh_from_db()
    assert delivery.response_status is None and delivery.error


def test_log_and_redelivery_through_the_api(
    api_a, partner_a, receiver, django_capture_on_commit_callbacks
):
    url, server = receiver
    endpoint = WebhookEndpoint.objects.create(
        institution=partner_a, url=url, events=["enrolment.changed"]
    )
    first = WebhookDelivery.objects.create(
        endpoint=endpoint, event="enrolment.changed", payload={"n": 1}
    )
    log = api_a.get(reverse("api:webhook-deliveries", args=[endpoint.pk])).json()
    assert [item["id"] for item in log["results"]] == [first.pk]
    with django_capture_on_commit_callbacks(execute=True):
        response = api_a.post(reverse("api:webhook-redeliver", args=[first.pk]))
    assert response.status_code == 202
    again = WebhookDelivery.objects.exclude(pk=first.pk).get()
    assert again.event_id == first.event_id
    assert again.status == DeliveryStatus.SUCCEEDED
    assert server.received[0][0]["Campus-Delivery"] == str(first.event_id)


def test_partner_b_cannot_see_or_redeliver_as_deliveries(api_b, partner_a):
    endpoint = WebhookEndpoint.objects.create(
        institution=partner_a, url="https://example.org/h", events=["enrolment.changed"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="enrolment.changed", payload={}
    )
    assert (
        api_b.get(reverse("api:webhook-deliveries", args=[endpoint.pk])).status_code
        == 404
    )
    assert (
        api_b.post(reverse("api:webhook-redeliver", args=[delivery.pk])).status_code
        == 404
    )
    assert api_b.delete(reverse("api:webhook", args=[endpoint.pk])).status_code == 404
    assert api_b.get(reverse("api:webhooks")).json()["results"] == []
