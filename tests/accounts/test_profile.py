"""The profile page, the personal-data export and account deletion."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from lms.accounts.models import AccountDeletionRequest, User
from lms.accounts.services import (
    AccountError,
    account_deletion_process,
    account_deletion_reject,
    account_deletion_request_create,
)

from ..factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["accounts:profile", "accounts:data-export", "accounts:deletion-request"]
)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_profile_saves_names_phone_and_organization(client, user):
    organization = OrganizationFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {
            "name_ko": "김하나",
            "name_en": "Hana Kim",
            "phone": "010-1234-5678",
            "organization": organization.pk,
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.name_ko, user.name_en, user.organization) == (
        "김하나",
        "Hana Kim",
        organization,
    )
    assert user.preferred_language == "en"


def test_profile_with_bad_input_is_a_400_in_korean_and_saves_nothing(client, user):
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"name_ko": "김하나", "organization": 999999, "preferred_language": "fr"},
    )
    assert response.status_code == 400
    assert "올바르게 선택해 주세요" in response.content.decode()
    user.refresh_from_db()
    assert user.name_ko != "김하나"


def test_export_holds_the_users_data_and_no_one_elses(client):
    me = UserFactory(name_ko="나의이름", phone="010-0000-1111")
    other = UserFactory(name_ko="남의이름", phone="010-9999-8888")
    account_deletion_request_create(user=other, reason="other's reason")
    client.force_login(me)
    response = client.get(reverse("accounts:data-export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    body = response.content.decode()
    data = json.loads(body)
    assert data["account"]["email"] == me.email
    assert data["account"]["name_ko"] == "나의이름"
    assert data["account"]["phone"] == "010-0000-1111"
    for secret in (other.email, "남의이름", "010-9999-8888", "other's reason"):
        assert secret not in body


def test_export_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    me = UserFactory(organization=OrganizationFactory())
    client.force_login(me)
    # one query each for consents, linked providers, second factors and the
    # sign-in history beside the account's own (were 8)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("accounts:data-export")).status_code == 200


def test_deletion_request_notifies_staff_once(
    client, user, staff_user, django_capture_on_commit_callbacks
):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:deletion-request"), {"reason": "폐업", "confirm": "on"}
        )
    assert response.status_code == 302
    request = AccountDeletionRequest.objects.get(user=user)
    assert request.staff_notified_at is not None
    assert [m.to for m in mail.outbox] == [[staff_user.email]]
    # a second request while one is pending is refused, with a message
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:deletion-request"), {"confirm": "on"})
    assert AccountDeletionRequest.objects.filter(user=user).count() == 1
    assert len(mail.outbox) == 1


def test_deletion_request_without_confirmation_changes_nothing(client, user):
    client.force_login(user)
    client.post(reverse("accounts:deletion-request"), {"reason": "x"})
    assert not AccountDeletionRequest.objects.exists()


def test_deletion_request_only_accepts_post(client, user):
    client.force_login(user)
    assert client.get(reverse("accounts:deletion-request")).status_code == 405


def test_processing_a_request_erases_the_person_and_keeps_the_row(user, staff_user):
    request = account_deletion_request_create(user=user, reason="이유")
    account_deletion_process(request=request, staff=staff_user)
    user.refresh_from_db()
    assert not user.is_active
    assert user.name_ko == user.name_en == user.phone == ""
    assert user.email.endswith("@deleted.invalid")
    assert not user.has_usable_password()
    assert not user.emailaddress_set.exists()
    request.refresh_from_db()
    assert request.status == AccountDeletionRequest.Status.COMPLETED
    assert request.processed_by == staff_user
    with pytest.raises(AccountError):
        account_deletion_process(request=request, staff=staff_user)


def test_rejecting_a_request_keeps_the_account(user, staff_user):
    request = account_deletion_request_create(user=user)
    account_deletion_reject(
        request=request, staff=staff_user, note="미수료 과정 정리 후"
    )
    user.refresh_from_db()
    assert user.is_active
    assert AccountDeletionRequest.objects.get().status == "rejected"


def test_staff_process_requests_from_the_admin(client, user, staff_user):
    request = account_deletion_request_create(user=user)
    client.force_login(staff_user)
    response = client.post(
        reverse("admin:accounts_accountdeletionrequest_changelist"),
        {"action": "process_requests", "_selected_action": [request.pk]},
    )
    assert response.status_code == 302
    assert not User.objects.get(pk=user.pk).is_active


def test_learners_cannot_reach_the_deletion_admin(client, user):
    client.force_login(user)
    response = client.get(reverse("admin:accounts_accountdeletionrequest_changelist"))
    assert response.status_code == 302
