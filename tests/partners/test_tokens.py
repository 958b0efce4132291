"""API tokens: hashed, shown once, scoped, expiring, rotatable, revocable,
rate-limited (429 + Retry-After) and audited."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from lms.partners.errors import PartnerError
from lms.partners.models import ApiToken, ApiTokenUse
from lms.partners.models.tokens import token_hash
from lms.partners.services.tokens import (
    api_token_create,
    api_token_revoke,
    api_token_rotate,
)

pytestmark = pytest.mark.django_db


def client_with(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_token_is_stored_hashed_and_never_in_clear(partner_a):
    token, raw = api_token_create(
        institution=partner_a, name="LMS", scopes=["catalog:read"]
    )
    token.refresh_from_db()
    assert raw.startswith("cps_")
    assert token.hashed == token_hash(raw)
    stored = " ".join(
        str(value) for value in ApiToken.objects.values().first().values()
    )
    assert raw not in stored


def test_unknown_scope_is_refused(partner_a):
    with pytest.raises(PartnerError):
        api_token_create(institution=partner_a, name="x", scopes=["admin:all"])


def test_no_token_is_401_with_a_bearer_challenge(agreement_a):
    response = APIClient().get(reverse("api:catalog"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response["Content-Type"] == "application/problem+json"


def test_a_wrong_secret_with_a_real_prefix_is_refused(partner_a, agreement_a):
    _token, raw = api_token_create(
        institution=partner_a, name="x", scopes=["catalog:read"]
    )
    forged = raw[:-4] + "AAAA"
    assert client_with(forged).get(reverse("api:catalog")).status_code == 401
    assert ApiTokenUse.objects.filter(outcome="invalid_token").count() == 1


def test_scope_is_required(partner_a, agreement_a, run):
    _token, raw = api_token_create(
        institution=partner_a, name="x", scopes=["catalog:read"]
    )
    client = client_with(raw)
    assert client.get(reverse("api:catalog")).status_code == 200
    response = client.get(reverse("api:enrolments"))
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_expired_token_is_refused(partner_a, agreement_a):
    _token, raw = api_token_create(
        institution=partner_a, name="x", scopes=["catalog:read"], expires_in_days=1
    )
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert client_with(raw).get(reverse("api:catalog")).status_code == 401


def test_revoked_token_is_refused_at_once(partner_a, agreement_a):
    token, raw = api_token_create(
        institution=partner_a, name="x", scopes=["catalog:read"]
    )
    assert client_with(raw).get(reverse("api:catalog")).status_code == 200
    api_token_revoke(token=token)
    assert client_with(raw).get(reverse("api:catalog")).status_code == 401


def test_rotation_keeps_both_valid_for_the_grace_period(partner_a, agreement_a):
    old, old_raw = api_token_create(
        institution=partner_a, name="x", scopes=["catalog:read"]
    )
    new, new_raw = api_token_rotate(token=old, grace=timedelta(hours=1))
    assert new.scopes == old.scopes and new_raw != old_raw
    assert client_with(old_raw).get(reverse("api:catalog")).status_code == 200
    assert client_with(new_raw).get(reverse("api:catalog")).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        assert client_with(old_raw).get(reverse("api:catalog")).status_code == 401
        assert client_with(new_raw).get(reverse("api:catalog")).status_code == 200
    with pytest.raises(PartnerError):
        api_token_rotate(token=old)


def test_rate_limit_answers_429_with_retry_after(partner_a, agreement_a):
    _token, raw = api_token_create(
        institution=partner_a, name="x", scopes=["catalog:read"], rate_per_minute=3
    )
    client = client_with(raw)
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        statuses = [client.get(reverse("api:catalog")).status_code for _ in range(4)]
        response = client.get(reverse("api:catalog"))
    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["code"] == "throttled"


def test_rate_limit_is_per_token(partner_a, agreement_a):
    _token, raw = api_token_create(
        institution=partner_a, name="x", scopes=["catalog:read"], rate_per_minute=1
    )
    _other, other_raw = api_token_create(
        institution=partner_a, name="y", scopes=["catalog:read"], rate_per_minute=1
    )
    with time_machine.travel(timezone.now().replace(second=5), tick=False):
        assert client_with(raw).get(reverse("api:catalog")).status_code == 200
        assert client_with(raw).get(reverse("api:catalog")).status_code == 429
        assert client_with(other_raw).get(reverse("api:catalog")).status_code == 200


def test_every_use_is_audited(partner_a, agreement_a):
    token, raw = api_token_create(
        institution=partner_a, name="x", scopes=["catalog:read"]
    )
    client = client_with(raw)
    client.get(reverse("api:catalog"))
    client.get(reverse("api:enrolments"))
    uses = list(ApiTokenUse.objects.filter(token=token).order_by("pk"))
    assert [(use.method, use.status) for use in uses] == [("GET", 200), ("GET", 403)]
    assert uses[0].path == reverse("api:catalog")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_inactive_institution_tokens_stop_working(partner_a, agreement_a):
    _token, raw = api_token_create(
        institution=partner_a, name="x", scopes=["catalog:read"]
    )
    partner_a.is_active = False
    partner_a.save()
    assert client_with(raw).get(reverse("api:catalog")).status_code == 401
