"""The accounts pages in the permission matrix: every one needs a signed-in
person and acts only on that person."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PERSONAL_PAGES = [
    ("accounts:profile", "get"),
    ("accounts:data-export", "get"),
    ("accounts:consent-renew", "get"),
    ("accounts:consent-update", "post"),
    ("accounts:session-end", "post"),
    ("accounts:deletion-request", "post"),
    ("socialaccount_connections", "get"),
    ("mfa_index", "get"),
    ("mfa_activate_totp", "get"),
    ("usersessions_list", "get"),
]


@pytest.mark.parametrize("name,method", PERSONAL_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, name, method):
    response = getattr(client, method)(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", ["kakao_login", "naver_login", "google_login"])
def test_a_provider_without_keys_is_not_found(client, name):
    assert client.post(reverse(name)).status_code == 404
