"""The privacy policy: Wagtail pages, one per version, its history public."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from lms.accounts.models import PrivacyPolicyIndexPage, PrivacyPolicyPage
from lms.accounts.selectors import privacy_policy_current
from lms.accounts.services import privacy_policy_version_add

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def _publish(days_from_today=0, body="개정된 처리방침"):
    return privacy_policy_version_add(
        effective_from=timezone.localdate() + datetime.timedelta(days=days_from_today),
        body_ko=f"<p>{body}</p>",
        body_en="<p>The revised policy</p>",
        changes_ko="보유 기간 변경",
        changes_en="Retention changed",
    )


def test_the_first_version_is_there_and_public(client):
    response = client.get(reverse("accounts:privacy"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "개인정보 보호법" in body
    assert response.context["policy"].number == 1


def test_the_english_page_shows_the_english_translation(client):
    with translation.override("en"):
        url = reverse("accounts:privacy")
    assert url.startswith("/en/")
    body = client.get(url).content.decode()
    assert "Personal Information Protection Act" in body
    assert "개인정보 보호법" not in body


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
    with translation.override("en"):
        english = client.get(reverse("accounts:privacy")).content.decode()
    assert "The revised policy" in english


def test_each_version_is_a_translated_page_with_a_revision():
    second = _publish()
    english = second.get_translations().get().specific
    assert (english.number, english.effective_from) == (2, second.effective_from)
    assert english.changes == "Retention changed"
    assert second.revisions.count() == 1
    assert english.live_revision is not None
    assert second.url == reverse("accounts:privacy-version", args=[2])
    with translation.override("en"):
        assert english.url == reverse("accounts:privacy-version", args=[2])
    assert PrivacyPolicyIndexPage.objects.count() == 2


def test_a_version_not_yet_in_effect_is_not_current_and_stays_editable():
    future = _publish(days_from_today=30)
    assert privacy_policy_current().number == 1
    future.body = "<p>고친 초안</p>"
    future.save_revision().publish()
    future.refresh_from_db()
    assert future.body == "<p>고친 초안</p>"


def test_a_version_in_effect_cannot_be_changed():
    first = PrivacyPolicyPage.objects.get(number=1, locale__language_code="ko")
    first.body = "<p>몰래 고친 문장</p>"
    with pytest.raises(ValidationError):
        first.save_revision()
    first.refresh_from_db()
    assert "몰래" not in first.body
    first.title = "개인정보 처리방침 (제1판)"
    first.save_revision()  # the title is not part of the policy


def test_only_one_policy_page_can_be_created():
    from wagtail.models import Page

    assert not PrivacyPolicyIndexPage.can_create_at(Page.get_first_root_node())


def test_every_footer_links_it_and_the_sign_up_shows_the_version(client):
    client.force_login(UserFactory())
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{reverse("accounts:privacy")}"' in profile
    client.logout()
    signup = client.get(reverse("account_signup")).content.decode()
    assert reverse("accounts:privacy-version", args=[1]) in signup
    _publish()
    signup = client.get(reverse("account_signup")).content.decode()
    assert reverse("accounts:privacy-version", args=[2]) in signup


def test_the_policy_page_has_a_fixed_query_count(client, django_assert_num_queries):
    client.get(reverse("accounts:privacy"))
    with django_assert_num_queries(1):
        assert client.get(reverse("accounts:privacy")).status_code == 200
    for days in (0, 1, 2):
        _publish(days_from_today=-days)
    # publishing raises the page-cache version: the first request rebuilds the
    # site shell (menu, home address), as after any content change
    client.get(reverse("accounts:privacy"))
    with django_assert_num_queries(1):
        assert client.get(reverse("accounts:privacy")).status_code == 200
    with django_assert_num_queries(1):
        assert (
            client.get(reverse("accounts:privacy-version", args=[2])).status_code == 200
        )


def test_staff_edit_the_policy_in_the_page_explorer_and_learners_do_not(client):
    from django.contrib.auth.models import Group

    from cms.roles import roles_permissions_grant
    from lms.accounts.models import Role

    roles_permissions_grant()
    staff, learner = UserFactory(is_staff=True), UserFactory()
    staff.groups.add(Group.objects.get(name=Role.STAFF.value))
    learner.groups.add(Group.objects.get(name=Role.LEARNER.value))
    index = PrivacyPolicyIndexPage.objects.get(locale__language_code="ko")
    first = PrivacyPolicyPage.objects.get(number=1, locale__language_code="ko")
    assert index.permissions_for_user(staff).can_add_subpage()
    assert first.permissions_for_user(staff).can_publish()
    assert not first.permissions_for_user(learner).can_edit()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(f"/admin/pages/{first.pk}/edit/").status_code == 200
    add = f"/admin/pages/add/accounts/privacypolicypage/{index.pk}/"
    assert client.get(add).status_code == 200


def test_a_version_in_effect_cannot_be_deleted_or_unpublished_but_a_future_one_can(
    client,
):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    first = PrivacyPolicyPage.objects.get(number=1, locale__language_code="ko")
    index = first.get_parent()
    for url in (
        f"/admin/pages/{first.pk}/delete/",
        f"/admin/pages/{first.pk}/unpublish/",
        f"/admin/pages/{index.pk}/delete/",
    ):
        response = client.post(url)
        assert response.status_code == 302, url
        assert response["Location"] in (
            f"/admin/pages/{index.pk}/",
            f"/admin/pages/{index.get_parent().pk}/",
        )
    first.refresh_from_db()
    assert first.live
    assert PrivacyPolicyIndexPage.objects.filter(pk=index.pk).exists()
    assert client.get(reverse("accounts:privacy")).status_code == 200

    future = _publish(days_from_today=30)
    response = client.post(f"/admin/pages/{future.pk}/delete/")
    assert response.status_code == 302
    assert not PrivacyPolicyPage.objects.filter(pk=future.pk).exists()
