"""Consent by item under PIPA: sign-up, history, withdrawal, renewal, export."""

import json

import pytest
from django.urls import reverse
from django.utils.html import escape

from lms.accounts.models import Consent, ConsentItem, ConsentItemVersion, User
from lms.accounts.selectors import (
    consent_given,
    consent_versions_current,
    consent_versions_to_renew,
    user_filter_consenting,
)
from lms.accounts.services import (
    AccountError,
    consent_give,
    consent_item_save,
    consent_withdraw,
    consents_record,
)

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse 77"


def _agree_required(user, method=Consent.Method.FORM):
    versions = [v for v in consent_versions_current() if v.required]
    consents_record(user=user, choices=dict.fromkeys(versions, True), method=method)


def _signup(client, **extra):
    data = {
        "email": "new@example.org",
        "password1": "a-long-Passphrase-2026",
        "password2": "a-long-Passphrase-2026",
        **extra,
    }
    return client.post(reverse("account_signup"), data)


def test_the_default_items_are_one_required_and_three_optional():
    versions = consent_versions_current()
    assert [(v.item.purpose, v.required) for v in versions] == [
        ("learning", True),
        ("partners", False),
        ("marketing", False),
        ("photos", False),
    ]
    partners = versions[1]
    assert partners.recipients_ko and partners.retention_en and partners.items_en


def test_the_sign_up_form_shows_required_and_optional_apart_none_ticked(client):
    body = client.get("/en" + reverse("account_signup")).content.decode()
    required_at = body.index("Required items")
    optional_at = body.index("Optional items")
    assert required_at < body.index('name="consent_learning"') < optional_at
    assert optional_at < body.index('name="consent_partners"')
    assert "checked" not in body
    # what is collected, why and for how long, for each item
    for version in consent_versions_current():
        assert escape(version.retention_en) in body
    assert 'name="consent_all"' in body


def test_sign_up_without_the_required_item_creates_nobody(client):
    response = _signup(client, consent_partners="on")
    assert response.status_code == 200
    assert "consent_learning" in response.context["form"].errors
    assert not User.objects.filter(email="new@example.org").exists()
    assert not Consent.objects.exists()


def test_sign_up_records_each_choice_with_version_time_and_way(client):
    response = _signup(client, consent_learning="on", consent_marketing="on")
    assert response.status_code == 302
    user = User.objects.get(email="new@example.org")
    rows = {c.item.purpose: c for c in Consent.objects.filter(user=user)}
    assert set(rows) == {"learning", "marketing"}
    assert all(c.given and c.method == Consent.Method.FORM for c in rows.values())
    assert rows["learning"].version.number == 1
    assert consent_given(user, "marketing")
    assert not consent_given(user, "partners")


def test_agree_to_all_ticks_every_item(client):
    assert _signup(client, consent_all="on").status_code == 302
    user = User.objects.get(email="new@example.org")
    assert all(consent_given(user, p) for p in ("learning", "partners", "photos"))


def test_withdrawing_on_the_profile_stops_it_from_that_moment(client):
    user = UserFactory()
    _agree_required(user)
    consent_give(user=user, purpose="partners")
    other = UserFactory()
    _agree_required(other)
    consent_give(user=other, purpose="partners")
    assert set(user_filter_consenting(User.objects.all(), purpose="partners")) == {
        user,
        other,
    }
    client.force_login(user)
    response = client.post(
        reverse("accounts:consent-update"),
        {"purpose": "partners", "action": "withdraw"},
    )
    assert response.status_code == 302
    assert not consent_given(user, "partners")
    assert list(user_filter_consenting(User.objects.all(), purpose="partners")) == [
        other
    ]
    history = list(
        Consent.objects.filter(user=user, item__purpose="partners").order_by("pk")
    )
    assert [c.given for c in history] == [True, False]
    # and given again, once more in the history
    client.post(
        reverse("accounts:consent-update"), {"purpose": "partners", "action": "give"}
    )
    assert consent_given(user, "partners")
    assert Consent.objects.filter(user=user, item__purpose="partners").count() == 3


def test_a_required_item_cannot_be_withdrawn_alone(client):
    user = UserFactory()
    _agree_required(user)
    client.force_login(user)
    response = client.post(
        reverse("accounts:consent-update"),
        {"purpose": "learning", "action": "withdraw"},
    )
    assert response.status_code == 400
    assert "삭제" in response.content.decode()
    assert consent_given(user, "learning")
    with pytest.raises(AccountError):
        consent_withdraw(user=user, purpose="learning")


def test_bad_input_to_the_consent_form_is_a_400(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("accounts:consent-update"), {"purpose": "nope", "action": "give"}
    )
    assert response.status_code == 400


def test_asking_twice_keeps_one_record():
    user = UserFactory()
    _agree_required(user)
    _agree_required(user)
    assert Consent.objects.filter(user=user).count() == 1


def test_saving_an_item_without_a_change_keeps_its_version():
    item = ConsentItem.objects.get(purpose="learning")
    assert consent_item_save(item=item).number == 1
    item.use_en = "Running courses and certificates."
    assert consent_item_save(item=item).number == 2
    assert ConsentItemVersion.objects.filter(item=item).count() == 2


def test_a_changed_required_text_is_asked_again_at_the_next_sign_in(client):
    user = UserFactory()
    _agree_required(user)
    item = ConsentItem.objects.get(purpose="learning")
    item.items_ko += ", 생년월일"
    consent_item_save(item=item)
    assert [v.number for v in consent_versions_to_renew(user=user)] == [2]

    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    # whatever page comes next, the changed terms come first
    response = client.get("/courses/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:consent-renew"))
    page = client.get(response["Location"])
    assert page.status_code == 200 and "생년월일" in page.content.decode()
    # refusing keeps the person at the question
    refused = client.post(reverse("accounts:consent-renew"), {"next": "/courses/"})
    assert refused.status_code == 400
    response = client.post(
        reverse("accounts:consent-renew"),
        {"next": "/courses/", "consent_learning": "on"},
    )
    assert response.status_code == 302 and response["Location"] == "/courses/"
    latest = Consent.objects.filter(user=user).first()
    assert latest.method == Consent.Method.RENEWAL and latest.version.number == 2
    assert client.get("/courses/").status_code != 302 or not client.get("/courses/")[
        "Location"
    ].startswith(reverse("accounts:consent-renew"))


def test_the_renewal_page_does_not_follow_an_outside_next(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:consent-renew"),
        {"next": "https://evil.example/", "consent_learning": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")


def test_the_export_holds_consents_with_their_history(client):
    user = UserFactory()
    _agree_required(user)
    consent_give(user=user, purpose="photos")
    consent_withdraw(user=user, purpose="photos")
    client.force_login(user)
    data = json.loads(client.get(reverse("accounts:data-export")).content)
    assert [(c["purpose"], c["given"]) for c in data["consents"]] == [
        ("photos", False),
        ("photos", True),
        ("learning", True),
    ]
    assert data["linked_sign_in_providers"] == []
    assert "sign_in_history" in data and "two_factor_methods" in data


@pytest.mark.parametrize("name", ["accounts:consent-update", "accounts:consent-renew"])
def test_anonymous_visitors_are_sent_to_sign_in(client, name):
    response = client.post(reverse(name), {"purpose": "partners", "action": "give"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_one_person_cannot_change_anothers_consent(client):
    """The form acts on the signed-in person only: there is no user to pick."""
    owner, other = UserFactory(), UserFactory()
    _agree_required(owner)
    consent_give(user=owner, purpose="partners")
    client.force_login(other)
    client.post(
        reverse("accounts:consent-update"),
        {"purpose": "partners", "action": "withdraw", "user": owner.pk},
    )
    assert consent_given(owner, "partners")


def test_profile_and_renewal_pages_have_a_fixed_query_count(
    client, django_assert_num_queries
):
    user = UserFactory()
    _agree_required(user)
    for purpose in ("partners", "photos", "marketing"):
        consent_give(user=user, purpose=purpose)
    client.force_login(user)
    client.get(reverse("accounts:profile"))
    with django_assert_num_queries(7):
        assert client.get(reverse("accounts:profile")).status_code == 200
    consent_withdraw(user=user, purpose="photos")
    with django_assert_num_queries(7):
        assert client.get(reverse("accounts:profile")).status_code == 200
    with django_assert_num_queries(4):
        assert client.get(reverse("accounts:consent-renew")).status_code == 302
    for purpose in ("learning",):
        item = ConsentItem.objects.get(purpose=purpose)
        item.use_ko += " (개정)"
        consent_item_save(item=item)
    with django_assert_num_queries(4):
        assert client.get(reverse("accounts:consent-renew")).status_code == 200


def test_a_deletion_erases_sign_in_ways_and_keeps_the_consent_record():
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP
    from allauth.socialaccount.models import SocialAccount

    from lms.accounts.models import GuardianConsent
    from lms.accounts.services import (
        account_deletion_process,
        account_deletion_request_create,
        guardian_consent_record,
    )

    user, staff = UserFactory(), UserFactory(is_staff=True)
    _agree_required(user)
    SocialAccount.objects.create(user=user, provider="kakao", uid="77")
    TOTP.activate(user, "JBSWY3DPEHPK3PXP")
    guardian_consent_record(
        user=user,
        guardian_name="김보호",
        guardian_contact="010-0000-0000",
        method=GuardianConsent.Method.PAPER,
    )
    request = account_deletion_request_create(user=user)
    account_deletion_process(request=request, staff=staff)
    assert not SocialAccount.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    assert not GuardianConsent.objects.filter(user=user).exists()
    kept = Consent.objects.get(user=user)
    assert kept.given and kept.user.email.endswith("@deleted.invalid")


def test_staff_record_a_consent_given_on_paper(client):
    staff = UserFactory(is_staff=True, is_superuser=True)
    person = UserFactory()
    version = ConsentItemVersion.objects.get(item__purpose="photos")
    client.force_login(staff)
    response = client.post(
        reverse("admin:accounts_consent_add"),
        {"user": person.pk, "version": version.pk, "given": "on"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get(user=person)
    assert consent.method == Consent.Method.PAPER and consent.recorded_by == staff
    assert consent_given(person, "photos")
    page = client.get(reverse("admin:accounts_consent_change", args=[consent.pk]))
    assert page.status_code == 200
