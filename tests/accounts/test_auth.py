"""Sign-up, e-mail verification, log-in and lock-out."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from lms.accounts.models import User

from ..factories import UserFactory

PASSWORD = "correct horse 77"

pytestmark = pytest.mark.django_db


def _confirmation_path(message) -> str:
    match = re.search(
        r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/)", message.body
    )
    if match is None:
        match = re.search(
            r"https?://[^/\s]+(/accounts/confirm-email/\S+/)", message.body
        )
    assert match, message.body
    return match.group(1)


def test_sign_up_verify_and_log_in(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "New.Learner@Example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent_learning": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.learner@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    # not verified yet: logging in sends to the verification page, not the site
    client.logout()
    response = client.post(
        reverse("account_login"),
        {"login": "new.learner@example.org", "password": PASSWORD},
    )
    assert "_auth_user_id" not in client.session

    path = _confirmation_path(mail.outbox[-1])
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    client.logout()

    response = client.post(
        reverse("account_login"),
        {"login": "new.learner@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_sign_up_with_a_taken_email_creates_nobody_and_does_not_reveal_it(client):
    UserFactory(email="taken@example.org")
    response = client.post(
        reverse("account_signup"),
        {
            "email": "taken@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "consent_learning": "on",
        },
    )
    # the answer is the same as for a new address, so it cannot be used to
    # find out who has an account; the owner is told by e-mail instead
    assert response.status_code == 302
    assert User.objects.filter(email="taken@example.org").count() == 1
    assert mail.outbox[-1].to == ["taken@example.org"]


def test_sign_up_with_a_weak_password_is_refused_and_nothing_is_saved(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "weak@example.org",
            "password1": "1234",
            "password2": "1234",
            "consent_learning": "on",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(email="weak@example.org").exists()


def test_repeated_failures_lock_the_account_out(client, settings):
    user = UserFactory()
    url = reverse("account_login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"login": user.email, "password": "wrong password"})
    # now even the right password is refused, with a 429 and a page that says why
    response = client.post(url, {"login": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "로그인" in response.content.decode()


def test_a_lock_out_for_one_account_leaves_others_alone(client, settings):
    locked, free = UserFactory(), UserFactory()
    url = reverse("account_login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"login": locked.email, "password": "wrong password"})
    response = client.post(url, {"login": free.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(free.pk)


def test_password_reset_sends_a_mail(client):
    user = UserFactory()
    response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [user.email]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body
