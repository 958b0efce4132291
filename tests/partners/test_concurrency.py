"""Idempotent enrolment under concurrent retries, on PostgreSQL."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from lms.learning.models import Enrollment
from lms.partners.models import IdempotencyRecord, PartnerLearner

from ..concurrency import in_parallel

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_concurrent_retries_with_one_key_enrol_once(
    postgresql, partner_a, agreement_a, run, token_for
):
    raw = token_for(partner_a)
    body = {
        "run": run.pk,
        "learner": {"external_id": "stu-9", "email": "stu9@hanbit.ac.kr"},
    }

    def post(_n):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
        response = client.post(
            reverse("api:enrolments"),
            body,
            format="json",
            HTTP_IDEMPOTENCY_KEY="retry-1",
        )
        return response.status_code, response.json()

    results, errors = in_parallel(post, range(6))
    assert not errors, errors
    statuses = sorted(status for status, _body in results)
    assert statuses == [200] * 5 + [201]
    assert len({body["id"] for _status, body in results}) == 1
    assert Enrollment.objects.filter(run=run).count() == 1
    assert PartnerLearner.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1
    run.refresh_from_db()
    assert run.seats_taken == 1
