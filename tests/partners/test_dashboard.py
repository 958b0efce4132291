"""The partner dashboard: only the institution's admins; tokens shown once;
rotate, revoke, the learners' CSV and the delivery log."""

import pytest
from django.urls import reverse

from lms.partners.models import ApiToken, WebhookDelivery, WebhookEndpoint

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_a(partner_a):
    admin = UserFactory()
    partner_a.admins.add(admin)
    return admin


@pytest.fixture
def admin_b(partner_b):
    admin = UserFactory()
    partner_b.admins.add(admin)
    return admin


def test_anonymous_is_sent_to_log_in(client, partner_a):
    response = client.get(reverse("partners:dashboard", args=[partner_a.slug]))
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("who", ["learner", "other_partner_admin"])
def test_others_get_404(client, partner_a, admin_b, user, who):
    client.force_login(user if who == "learner" else admin_b)
    assert (
        client.get(reverse("partners:dashboard", args=[partner_a.slug])).status_code
        == 404
    )
    assert (
        client.get(
            reverse("partners:enrolments-csv", args=[partner_a.slug])
        ).status_code
        == 404
    )


def test_admin_creates_a_token_shown_once(client, partner_a, admin_a):
    client.force_login(admin_a)
    url = reverse("partners:dashboard", args=[partner_a.slug])
    response = client.post(url, {"name": "LMS", "scopes": ["catalog:read"]})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("cps_") and raw in response.content.decode()
    token = ApiToken.objects.get()
    assert token.scopes == ["catalog:read"] and token.created_by == admin_a
    assert raw not in client.get(url).content.decode()


def test_bad_token_form_is_a_400_with_a_message(client, partner_a, admin_a):
    client.force_login(admin_a)
    response = client.post(
        reverse("partners:dashboard", args=[partner_a.slug]), {"name": "x"}
    )
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


def test_rotate_and_revoke(client, partner_a, admin_a, token_for):
    token_for(partner_a, ["catalog:read"])
    token = ApiToken.objects.get()
    client.force_login(admin_a)
    response = client.post(
        reverse("partners:token-rotate", args=[partner_a.slug, token.pk])
    )
    assert response.context["new_token"]
    token.refresh_from_db()
    assert token.grace_until is not None and token.rotated_to_id
    client.post(reverse("partners:token-revoke", args=[partner_a.slug, token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_other_partners_token_cannot_be_revoked(
    client, partner_b, admin_a, partner_a, token_for
):
    token_for(partner_b, ["catalog:read"])
    token = ApiToken.objects.get()
    client.force_login(admin_a)
    response = client.post(
        reverse("partners:token-revoke", args=[partner_a.slug, token.pk])
    )
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_csv_lists_only_own_learners(client, admin_a, partner_a, api_a, api_b, run):
    for api, ext, email in ((api_a, "a-1", "a1@a.kr"), (api_b, "b-1", "b1@b.kr")):
        api.post(
            reverse("api:enrolments"),
            {"run": run.pk, "learner": {"external_id": ext, "email": email}},
            format="json",
            HTTP_IDEMPOTENCY_KEY=ext,
        )
    client.force_login(admin_a)
    response = client.get(reverse("partners:enrolments-csv", args=[partner_a.slug]))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "a-1" in body and "a1@a.kr" in body
    assert "b-1" not in body and "b1@b.kr" not in body


def test_dashboard_queries_do_not_grow(
    client, admin_a, partner_a, api_a, run, django_assert_num_queries, token_for
):
    client.force_login(admin_a)
    url = reverse("partners:dashboard", args=[partner_a.slug])
    client.get(url)
    # session, user, institution, tokens, status counts, enrolments, deliveries
    with django_assert_num_queries(7) as first:
        client.get(url)
    first_count = len(first.captured_queries)
    endpoint = WebhookEndpoint.objects.create(
        institution=partner_a, url="https://example.org/h", events=["enrolment.changed"]
    )
    for n in range(3):
        token_for(partner_a, ["catalog:read"])
        WebhookDelivery.objects.create(
            endpoint=endpoint, event="enrolment.changed", payload={}
        )
        api_a.post(
            reverse("api:enrolments"),
            {"run": run.pk, "learner": {"external_id": f"s{n}", "email": f"s{n}@a.kr"}},
            format="json",
            HTTP_IDEMPOTENCY_KEY=f"k{n}",
        )
    with django_assert_num_queries(first_count):
        response = client.get(url)
    assert len(response.context["enrollments"]) == 3


def test_redeliver_from_the_dashboard(client, admin_a, partner_a):
    endpoint = WebhookEndpoint.objects.create(
        institution=partner_a, url="https://example.org/h", events=["enrolment.changed"]
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="enrolment.changed", payload={}
    )
    client.force_login(admin_a)
    client.post(
        reverse("partners:delivery-redeliver", args=[partner_a.slug, delivery.pk])
    )
    assert WebhookDelivery.objects.filter(redelivery_of=delivery).count() == 1
