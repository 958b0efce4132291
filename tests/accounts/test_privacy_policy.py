"""The privacy policy: versioned, its history public, linked in every footer."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import PrivacyPolicyVersion
from lms.accounts.selectors import privacy_policy_current
from lms.accounts.services import AccountError, privacy_policy_publish

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _publish(days_from_today=0, body="개정된 처리방침"):
    return privacy_policy_publish(
        version=PrivacyPolicyVersion(
            effective_from=timezone.localdate()
            + datetime.timedelta(days=days_from_today),
            body_ko=body,
            body_en="The revised policy",
            changes_ko="보유 기간 변경",
            changes_en="Retention changed",
        )
    )


def test_the_first_version_is_there_and_public(client):
    response = client.get(reverse("accounts:privacy"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "개인정보 보호법" in body
    assert response.context["policy"].number == 1


def test_a_new_version_takes_over_and_the_old_one_stays_readable(client):
    second = _publish()
    assert second.number == 2
    assert privacy_policy_current() == second
    page = client.get(reverse("accounts:privacy")).content.decode()
    assert "개정된 처리방침" in page
    assert reverse("accounts:privacy-version", args=[1]) in page
    old = client.get(reverse("accounts:privacy-version", args=[1]))
    assert old.status_code == 200
    assert "개인정보 보호법" in old.content.decode()
    assert old.context["policy"].pk != old.context["current"].pk
    assert client.get(reverse("accounts:privacy-version", args=[9])).status_code == 404


def test_a_version_not_yet_in_effect_is_not_current():
    _publish(days_from_today=30)
    assert privacy_policy_current().number == 1


def test_a_published_version_cannot_be_changed():
    first = PrivacyPolicyVersion.objects.get(number=1)
    with pytest.raises(AccountError):
        privacy_policy_publish(version=first)


def test_every_footer_links_it_and_the_sign_up_shows_the_version(client):
    client.force_login(UserFactory())
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("accounts:privacy")}"' in profile
    client.logout()
    signup = client.get(reverse("account_signup")).content.decode()
    assert reverse("accounts:privacy-version", args=[1]) in signup


def test_the_policy_page_has_a_fixed_query_count(client, django_assert_num_queries):
    client.get(reverse("accounts:privacy"))
    with django_assert_num_queries(2):
        assert client.get(reverse("accounts:privacy")).status_code == 200
    for days in (0, 1, 2):
        _publish(days_from_today=-days)
    with django_assert_num_queries(2):
        assert client.get(reverse("accounts:privacy")).status_code == 200
