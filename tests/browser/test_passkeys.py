"""Passkeys in a real browser: Chromium's virtual authenticator, through DevTools.

A learner adds a passkey on the two-factor page, signs out, and signs in again
with their password and the passkey; when the passkey is gone from the device,
the sign-in page says so and nobody is signed in. WebAuthn needs a secure
context and an RP ID equal to the page's host: the live server is reached at
http://localhost (a secure context), and allauth takes the RP ID from the host.
"""

import json

import pytest

from lms.accounts.demo import DEMO_PASSWORD

from .conftest import axe_inject

LEARNER = "learner@campus.example"


def _axe(page, axe_js):
    axe_inject(page, axe_js)
    result = page.evaluate("() => axe.run()")
    assert result["passes"], "axe-core ran no checks"
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]],
        }
        for v in result["violations"]
    ]
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=2)


@pytest.fixture
def authenticator(page):
    """A platform authenticator with user verification, as a phone's or a
    laptop's built-in one; returns the DevTools session and its id."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def _base(demo_site) -> str:
    # WebAuthn refuses IP addresses as RP IDs; localhost is a secure context
    return demo_site["url"].replace("127.0.0.1", "localhost")


def _signed_in_as(page, user) -> bool:
    """Whether the browser's session cookie is a session of `user`."""
    from allauth.usersessions.models import UserSession
    from django.conf import settings

    keys = [
        cookie["value"]
        for cookie in page.context.cookies()
        if cookie["name"] == settings.SESSION_COOKIE_NAME
    ]
    return UserSession.objects.filter(user=user, session_key__in=keys).exists()


def _sign_in_with_password(page, base):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", LEARNER)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


def _sign_out(page, base):
    page.goto(base + "/accounts/logout/")
    with page.expect_navigation():
        page.locator("main button[type=submit]").first.click()


def _add_passkey(page, base, axe_js):
    page.goto(base + "/accounts/2fa/webauthn/add/")
    # allauth asks for the password again before a sign-in method is added
    assert "/accounts/reauthenticate/" in page.url, page.url
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")
    assert "/accounts/2fa/webauthn/add/" in page.url, page.url
    _axe(page, axe_js)
    page.fill("input[name=name]", "노트북")
    with page.expect_navigation():
        page.locator("#mfa_webauthn_add").click()


def test_a_learner_adds_a_passkey_and_signs_in_with_it(
    axe_js, page, demo_site, authenticator
):
    from allauth.mfa.models import Authenticator

    from lms.accounts.models import User

    cdp, authenticator_id = authenticator
    base = _base(demo_site)
    learner = User.objects.get(email=LEARNER)
    _sign_in_with_password(page, base)
    _add_passkey(page, base, axe_js)
    passkey = Authenticator.objects.get(user=learner, type=Authenticator.Type.WEBAUTHN)
    assert passkey.wrap().name == "노트북"
    held = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert len(held["credentials"]) == 1

    _sign_out(page, base)
    page.goto(base + "/accounts/profile/")
    assert "/accounts/login/" in page.url
    assert not _signed_in_as(page, User.objects.get(email=LEARNER))

    _sign_in_with_password(page, base)
    assert "/accounts/2fa/authenticate/" in page.url
    _axe(page, axe_js)
    assert not _signed_in_as(page, learner)
    button = page.locator("#mfa_webauthn_authenticate")
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/2fa/authenticate/" not in page.url
    page.goto(base + "/accounts/profile/")
    assert "/accounts/profile/" in page.url
    assert page.locator("main").get_by_text(LEARNER).count() >= 1
    assert _signed_in_as(page, learner)
    passkey.refresh_from_db()
    assert passkey.last_used_at is not None


def test_a_passkey_gone_from_the_device_is_a_clear_error(
    axe_js, page, demo_site, authenticator
):
    from lms.accounts.models import User

    cdp, authenticator_id = authenticator
    base = _base(demo_site)
    _sign_in_with_password(page, base)
    _add_passkey(page, base, axe_js)
    _sign_out(page, base)
    cdp.send("WebAuthn.clearCredentials", {"authenticatorId": authenticator_id})

    _sign_in_with_password(page, base)
    assert "/accounts/2fa/authenticate/" in page.url
    page.locator("#mfa_webauthn_authenticate").click()
    error = page.locator("#webauthn-error[role=alert]")
    error.wait_for(state="visible")
    assert error.inner_text() == error.get_attribute("data-not-allowed")
    assert error.inner_text()
    assert "/accounts/2fa/authenticate/" in page.url
    _axe(page, axe_js)
    # the sign-in waits at its second step: no page of the account opens
    page.goto(base + "/accounts/profile/")
    assert "/accounts/profile/" not in page.url
    assert not _signed_in_as(page, User.objects.get(email=LEARNER))
