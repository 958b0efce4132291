"""Two-factor sign-in: required for staff at sign-in, offered to everyone."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.models import UserSession
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lms.accounts.demo import DEMO_TOTP_SECRET, demo_totp_code, seed_people
from lms.accounts.gates import MFA_SESSION_KEY
from lms.accounts.models import Consent, Role
from lms.accounts.selectors import consent_versions_current
from lms.accounts.services import consents_record

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse 77"
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _sign_in(client, user):
    return client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )


def _person(**kwargs):
    """Someone who agreed to the required consent item already."""
    user = UserFactory(**kwargs)
    versions = [v for v in consent_versions_current() if v.required]
    consents_record(
        user=user, choices=dict.fromkeys(versions, True), method=Consent.Method.FORM
    )
    return user


@pytest.fixture
def staff(db):
    return _person(is_staff=True, is_superuser=True)


def test_staff_without_a_second_factor_set_one_up_before_staff_pages(client, staff):
    response = _sign_in(client, staff)
    assert response.status_code == 302
    assert client.session[MFA_SESSION_KEY] is True
    for page in ("/admin/", "/django-admin/"):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    # the rest of the site is open as usual
    assert client.get(reverse("accounts:profile")).status_code == 200

    # allauth asks for the password again before a second factor is added
    page = client.get(reverse("mfa_activate_totp"))
    assert page["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(
        reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()}
    )
    assert response.status_code == 302
    assert Authenticator.objects.filter(
        user=staff, type=Authenticator.Type.TOTP
    ).exists()
    assert client.get("/admin/").status_code == 200
    assert MFA_SESSION_KEY not in client.session


def test_a_wrong_code_sets_nothing_up(client, staff):
    _sign_in(client, staff)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Authenticator.objects.filter(user=staff).exists()
    assert client.get("/admin/").status_code == 302


def test_staff_with_an_authenticator_give_the_code_at_sign_in(client, staff):
    TOTP.activate(staff, SECRET)
    response = _sign_in(client, staff)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    wrong = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    response = client.post(
        reverse("mfa_authenticate"), {"code": pyotp.TOTP(SECRET).now()}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert MFA_SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once(staff):
    TOTP.activate(staff, SECRET)
    code = RecoveryCodes.activate(staff).get_unused_codes()[0]
    first = Client()
    _sign_in(first, staff)
    response = first.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert first.session["_auth_user_id"] == str(staff.pk)
    again = Client()
    _sign_in(again, staff)
    response = again.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200 and "_auth_user_id" not in again.session


def test_learners_are_offered_two_factor_but_not_held_to_it(client):
    learner = _person()
    _sign_in(client, learner)
    assert MFA_SESSION_KEY not in client.session
    assert client.get(reverse("mfa_index")).status_code == 200


def test_partner_administrators_owe_a_second_factor_too(client):
    partner = _person()
    partner.groups.add(Group.objects.get(name=Role.PARTNER.value))
    _sign_in(client, partner)
    assert client.session[MFA_SESSION_KEY] is True


def test_a_grace_period_lets_staff_in_with_a_reminder(client, staff, settings):
    settings.ACCOUNTS_STAFF_MFA_GRACE_DAYS = 7
    _sign_in(client, staff)
    staff.refresh_from_db()
    assert staff.mfa_required_since is not None
    assert MFA_SESSION_KEY not in client.session
    assert client.get("/admin/").status_code == 200


def test_a_session_opened_without_sign_in_is_not_held(client, staff):
    """Only an allauth sign-in decides the duty (the test suite's force_login,
    management commands and the like do not)."""
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_demo_staff_sign_in_with_the_published_demo_secret(client):
    people = seed_people()
    admin = people["admin@campus.example"]
    assert demo_totp_code() == pyotp.TOTP(DEMO_TOTP_SECRET).now()
    seed_people()  # idempotent: still one authenticator of each kind
    assert Authenticator.objects.filter(user=admin).count() == 2
    response = client.post(
        reverse("account_login"),
        {"login": "admin@campus.example", "password": "campus-demo-2026"},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    response = client.post(reverse("mfa_authenticate"), {"code": demo_totp_code()})
    assert client.session["_auth_user_id"] == str(admin.pk)
    assert client.get("/admin/").status_code == 200


def test_the_demo_totp_command_prints_the_current_code(capsys):
    call_command("demo_totp")
    assert capsys.readouterr().out.strip() == pyotp.TOTP(DEMO_TOTP_SECRET).now()


def test_sessions_are_listed_and_a_password_change_ends_the_others(staff):
    learner = _person()
    phone, laptop = Client(HTTP_USER_AGENT="Mozilla/5.0 (iPhone)"), Client()
    _sign_in(phone, learner)
    _sign_in(laptop, learner)
    assert UserSession.objects.filter(user=learner).count() == 2
    page = laptop.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert "iPhone" in page.content.decode()
    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a-new-Passphrase-2026",
            "password2": "a-new-Passphrase-2026",
        },
    )
    assert response.status_code == 302
    assert UserSession.objects.filter(user=learner).count() == 1
    assert (
        "_auth_user_id"
        not in phone.get(reverse("accounts:profile")).wsgi_request.session
    )
    assert laptop.get(reverse("accounts:profile")).status_code == 200


def test_one_other_session_can_be_ended_but_not_someone_elses():
    learner, stranger = _person(), _person()
    phone, laptop, other = Client(), Client(), Client()
    _sign_in(phone, learner)
    _sign_in(laptop, learner)
    _sign_in(other, stranger)
    phone_session = UserSession.objects.get(
        user=learner, session_key=phone.session.session_key
    )
    strangers = UserSession.objects.get(user=stranger)
    refused = laptop.post(reverse("accounts:session-end"), {"session": strangers.pk})
    assert refused.status_code == 404
    assert UserSession.objects.filter(pk=strangers.pk).exists()
    response = laptop.post(
        reverse("accounts:session-end"), {"session": phone_session.pk}
    )
    assert response.status_code == 302
    assert not UserSession.objects.filter(pk=phone_session.pk).exists()
    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert laptop.get(reverse("accounts:profile")).status_code == 200


def test_anonymous_visitors_cannot_end_sessions(client):
    response = client.post(reverse("accounts:session-end"), {"session": 1})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_sessions_page_masks_addresses_and_names_devices():
    from lms.accounts.devices import device_describe, ip_mask

    assert ip_mask("203.0.113.42") == "203.0.*.*"
    assert ip_mask("2001:db8:85a3::8a2e:370:7334") == "2001:0db8:85a3:*"
    android = (
        "Mozilla/5.0 (Linux; Android 14; SM-S918N) AppleWebKit/537.36 "
        "(KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0 Mobile Safari/537.36"
    )
    assert device_describe(android) == "Samsung Internet · Android"
    learner = _person()
    client = Client(HTTP_USER_AGENT=android, REMOTE_ADDR="203.0.113.42")
    _sign_in(client, learner)
    body = client.get(reverse("usersessions_list")).content.decode()
    assert "203.0.*.*" in body and "203.0.113.42" not in body
    assert "Samsung Internet" in body


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_the_admins_password_forms_lead_to_the_one_sign_in(client, staff, path):
    """Wagtail's and Django's own login forms would skip the second factor."""
    response = client.post(
        path + "?next=/admin/pages/", {"username": staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login") + "?next=%2Fadmin%2Fpages%2F"
    )
    assert "_auth_user_id" not in client.session
    outside = client.get(path + "?next=https://evil.example/")
    assert outside["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"
