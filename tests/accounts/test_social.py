"""Sign-in with Kakao and Naver, end to end against a local fake provider."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.providers.kakao.views import KakaoOAuth2Adapter
from allauth.socialaccount.providers.naver.views import NaverOAuth2Adapter
from django.core import mail
from django.urls import reverse

from lms.accounts.models import Consent, User
from lms.accounts.selectors import consent_given, user_verified_email
from lms.accounts.social import is_placeholder_email

from ..factories import UserFactory
from .fake_oauth import FakeOAuthServer, kakao_profile, naver_profile

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse 77"


@pytest.fixture
def provider(settings, monkeypatch):
    """Kakao and Naver configured, both played by the local fake server."""
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with FakeOAuthServer() as server:
        for adapter in (KakaoOAuth2Adapter, NaverOAuth2Adapter):
            monkeypatch.setattr(adapter, "authorize_url", server.url + "/authorize")
            monkeypatch.setattr(adapter, "access_token_url", server.url + "/token")
            monkeypatch.setattr(adapter, "profile_url", server.url + "/me")
        settings.SOCIALACCOUNT_PROVIDERS = {
            name: {"APPS": [{"client_id": f"{name}-id", "secret": "s3", "key": ""}]}
            for name in ("kakao", "naver")
        }
        yield server


def _begin(client, provider_id: str, process: str = "login") -> str:
    """Press the provider's button: Campus sends the browser to /authorize."""
    response = client.post(reverse(f"{provider_id}_login"), {"process": process})
    assert response.status_code == 302, response
    return response["Location"]


def _provider_agrees(authorize_url: str) -> str:
    """The person agrees on the provider's screen; it redirects back."""
    answer = requests.get(authorize_url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    return answer.headers["Location"]


def _back_to_campus(client, callback_url: str):
    parts = urlsplit(callback_url)
    return client.get(f"{parts.path}?{parts.query}")


def _dance(client, server, provider_id: str, profile: dict, process="login"):
    server.profile = profile
    return _back_to_campus(
        client, _provider_agrees(_begin(client, provider_id, process))
    )


def test_without_keys_no_provider_button_appears_and_sign_in_still_works(client):
    page = client.get(reverse("account_login")).content.decode()
    assert "kakao" not in page.lower() and "naver" not in page.lower()
    assert client.get(reverse("account_signup")).status_code == 200


def test_with_keys_the_sign_in_page_offers_kakao_and_naver(client, provider):
    page = client.get(reverse("account_login")).content.decode()
    assert reverse("kakao_login") in page and reverse("naver_login") in page


def test_kakao_without_email_keys_the_account_on_the_provider_id(client, provider):
    response = _dance(client, provider, "kakao", kakao_profile(4242, nickname="하늘"))
    # the token was asked for with our client id and the code the fake issued
    assert provider.token_requests[-1]["client_id"] == "kakao-id"
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("socialaccount_signup"))
    signup = client.get(reverse("socialaccount_signup"))
    body = signup.content.decode()
    assert 'name="consent_learning"' in body and "checked" not in body

    response = client.post(
        reverse("socialaccount_signup"), {"email": "", "consent_learning": "on"}
    )
    assert response.status_code == 302
    account = SocialAccount.objects.get(provider="kakao", uid="4242")
    user = account.user
    assert is_placeholder_email(user.email)
    assert user.name_ko == "하늘"
    assert not user.has_usable_password()
    assert user_verified_email(user=user) is None
    assert not EmailAddress.objects.filter(user=user, verified=True).exists()
    # the stand-in address never receives anything
    assert not [m for m in mail.outbox if is_placeholder_email(m.to[0])]
    assert client.session["_auth_user_id"] == str(user.pk)
    consent = Consent.objects.get(user=user)
    assert consent.method == Consent.Method.PROVIDER and consent.given
    # the profile asks for an e-mail before anything that needs one
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert reverse("account_email") in profile

    # next time, the same Kakao id signs the same person in: no second account
    client.logout()
    response = _dance(client, provider, "kakao", kakao_profile(4242, nickname="하늘"))
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert User.objects.count() == 1


def test_naver_with_a_verified_email_signs_up_with_it(client, provider):
    _dance(
        client,
        provider,
        "naver",
        naver_profile("nv-1", name="김네이버", email="kim@naver.example"),
    )
    form = client.get(reverse("socialaccount_signup")).content.decode()
    assert "kim@naver.example" in form
    response = client.post(
        reverse("socialaccount_signup"),
        {
            "email": "kim@naver.example",
            "consent_learning": "on",
            "consent_partners": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="kim@naver.example")
    assert user_verified_email(user=user) == "kim@naver.example"
    assert SocialAccount.objects.get(user=user).provider == "naver"
    assert consent_given(user, "partners") and not consent_given(user, "marketing")


def test_provider_sign_up_without_the_required_consent_writes_nothing(client, provider):
    _dance(client, provider, "kakao", kakao_profile(7, nickname="별"))
    response = client.post(reverse("socialaccount_signup"), {"email": ""})
    assert response.status_code == 200
    assert "consent_learning" in response.context["form"].errors
    assert not User.objects.exists() and not SocialAccount.objects.exists()


def test_a_matching_email_never_merges_silently(client, provider):
    existing = UserFactory(email="kim@naver.example")
    _dance(
        client,
        provider,
        "naver",
        naver_profile("nv-2", name="김네이버", email="kim@naver.example"),
    )
    response = client.post(
        reverse("socialaccount_signup"),
        {"email": "kim@naver.example", "consent_learning": "on"},
    )
    # asked to sign in to that account first and link from there
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert "_auth_user_id" not in client.session
    assert not SocialAccount.objects.exists()
    assert User.objects.count() == 1

    # signed in once with the password, the person links Naver from the profile
    response = client.post(
        reverse("account_login"), {"login": existing.email, "password": PASSWORD}
    )
    assert client.session["_auth_user_id"] == str(existing.pk)
    connections = client.get(reverse("socialaccount_connections"))
    assert connections.status_code == 200
    response = _dance(
        client,
        provider,
        "naver",
        naver_profile("nv-2", name="김네이버", email="kim@naver.example"),
        process="connect",
    )
    assert response.status_code == 302
    assert SocialAccount.objects.get(provider="naver").user == existing
    # and can unlink it again: a password and a verified e-mail remain
    account = SocialAccount.objects.get(provider="naver")
    response = client.post(
        reverse("socialaccount_connections"), {"account": account.pk}
    )
    assert response.status_code == 302
    assert not SocialAccount.objects.exists()


def test_unlinking_the_only_way_to_sign_in_is_refused(client, provider):
    _dance(client, provider, "kakao", kakao_profile(99, nickname="달"))
    client.post(
        reverse("socialaccount_signup"), {"email": "", "consent_learning": "on"}
    )
    account = SocialAccount.objects.get(uid="99")
    response = client.post(
        reverse("socialaccount_connections"), {"account": account.pk}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert SocialAccount.objects.filter(pk=account.pk).exists()


def test_a_refused_consent_screen_writes_no_account(client, provider):
    authorize = _begin(client, "kakao")
    state = parse_qs(urlsplit(authorize).query)["state"][0]
    response = client.get(
        reverse("kakao_callback"),
        {"error": "access_denied", "error_description": "User denied", "state": state},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("socialaccount_login_cancelled"))
    assert client.get(response["Location"]).status_code == 200
    assert not User.objects.exists() and not provider.token_requests


def test_a_state_mismatch_is_refused_before_the_token_is_asked(client, provider):
    provider.profile = kakao_profile(5, nickname="해")
    callback = _provider_agrees(_begin(client, "kakao"))
    parts = urlsplit(callback)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    response = client.get(parts.path, {"code": query["code"], "state": "forged"})
    assert response.status_code == 401
    assert "No account was created" in response.content.decode() or (
        "계정을 만들거나 바꾸지 않았습니다" in response.content.decode()
    )
    assert not provider.token_requests
    assert not User.objects.exists() and "_auth_user_id" not in client.session


def test_a_replayed_code_is_refused_by_the_provider_and_nothing_is_written(
    client, provider
):
    provider.profile = kakao_profile(6, nickname="눈")
    first = _provider_agrees(_begin(client, "kakao"))
    _back_to_campus(client, first)
    client.post(
        reverse("socialaccount_signup"), {"email": "", "consent_learning": "on"}
    )
    assert User.objects.count() == 1
    client.logout()
    # a new sign-in (a fresh state) tries the old code again
    state = parse_qs(urlsplit(_begin(client, "kakao")).query)["state"][0]
    code = parse_qs(urlsplit(first).query)["code"][0]
    response = client.get(reverse("kakao_callback"), {"code": code, "state": state})
    assert response.status_code == 401
    assert provider.token_requests[-1]["code"] == code
    assert User.objects.count() == 1 and "_auth_user_id" not in client.session


def test_a_provider_outage_is_a_clear_message_and_nothing_is_written(client, provider):
    provider.profile = naver_profile("nv-9", name="박", email="park@naver.example")
    callback = _provider_agrees(_begin(client, "naver"))
    provider.outage = True
    response = _back_to_campus(client, callback)
    assert response.status_code == 401
    assert "sign-in" in response.content.decode().lower() or "로그인" in (
        response.content.decode()
    )
    assert not User.objects.exists() and not SocialAccount.objects.exists()
