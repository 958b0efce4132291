"""The demo partners: idempotent, and the printed tokens work."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from lms.partners.demo import DEMO_WEBHOOK_SECRET, seed_partners
from lms.partners.models import (
    ApiToken,
    PartnerAgreement,
    PartnerCourse,
    PartnerInstitution,
)
from lms.partners.services.webhooks import webhook_signature

from ..factories import course_tree_create

pytestmark = pytest.mark.django_db


def test_seeding_twice_is_the_same_and_the_tokens_work(catalog):
    course_tree_create(index=catalog, slug="social-enterprise-startup-basics")
    first = seed_partners(password="pw-12345678")
    second = seed_partners(password="pw-12345678")
    assert [raw for _i, raw in first] == [raw for _i, raw in second]
    assert PartnerInstitution.objects.count() == 2
    assert PartnerAgreement.objects.count() == 2
    assert ApiToken.objects.count() == 2
    assert PartnerCourse.objects.listed().count() == 3
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {first[0][1]}")
    results = api.get(reverse("api:catalog")).json()["results"]
    assert [course["title"] for course in results]


def test_demo_webhook_checks_the_signature(catalog):
    seed_partners(password="pw-12345678")
    url = reverse("partners:demo-webhook", args=["hanbit"])
    body = b'{"type": "enrolment.changed"}'
    import time

    now = int(time.time())
    good = webhook_signature(secret=DEMO_WEBHOOK_SECRET, timestamp=now, body=body)
    client = Client()
    headers = {"HTTP_CAMPUS_TIMESTAMP": str(now), "content_type": "application/json"}
    assert (
        client.post(url, body, HTTP_CAMPUS_SIGNATURE=good, **headers).status_code == 204
    )
    assert (
        client.post(url, body, HTTP_CAMPUS_SIGNATURE="v1=00", **headers).status_code
        == 401
    )
