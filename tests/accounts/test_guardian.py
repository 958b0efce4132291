"""Under 14: a legal guardian's consent before enrolling."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.accounts.models import GuardianConsent
from lms.accounts.selectors import user_age, user_needs_guardian_consent
from lms.accounts.services import guardian_consent_record
from lms.learning.models import Enrollment
from lms.learning.services import EnrollmentError, enrollment_create

from ..factories import (
    CourseRunFactory,
    UserFactory,
    catalog_create,
    course_tree_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(db):
    course = course_tree_create(index=catalog_create(), modules=1, lessons=1)
    return CourseRunFactory(course=course)


def _born_years_ago(years: int) -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years)


def test_age_counts_whole_years():
    user = UserFactory.build(birth_date=datetime.date(2012, 12, 5))
    assert user_age(user=user, today=datetime.date(2026, 12, 4)) == 13
    assert user_age(user=user, today=datetime.date(2026, 12, 5)) == 14


def test_no_date_of_birth_or_14_and_over_needs_nothing(django_assert_num_queries):
    adult, fourteen = UserFactory(), UserFactory(birth_date=_born_years_ago(14))
    with django_assert_num_queries(0):
        assert not user_needs_guardian_consent(user=adult)
        assert not user_needs_guardian_consent(user=fourteen)


def test_a_child_cannot_enrol_until_a_guardian_consents(run):
    child = UserFactory(birth_date=_born_years_ago(12))
    assert user_needs_guardian_consent(user=child)
    with pytest.raises(EnrollmentError):
        enrollment_create(learner=child, run=run)
    assert not Enrollment.objects.filter(learner=child).exists()

    staff = UserFactory(is_staff=True)
    guardian_consent_record(
        user=child,
        guardian_name="김보호",
        guardian_contact="010-1234-5678",
        relationship="어머니",
        method=GuardianConsent.Method.PAPER,
        recorded_by=staff,
    )
    assert not user_needs_guardian_consent(user=child)
    assert enrollment_create(learner=child, run=run).pk


def test_the_profile_says_so_and_takes_the_date_of_birth(client):
    child = UserFactory(birth_date=_born_years_ago(13))
    client.force_login(child)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert 'name="birth_date"' in body and 'autocomplete="bday"' in body
    assert "14" in body


def test_the_export_holds_the_guardians_consent(client):
    child = UserFactory(birth_date=_born_years_ago(10))
    guardian_consent_record(
        user=child,
        guardian_name="김보호",
        guardian_contact="guardian@example.org",
        method=GuardianConsent.Method.PHONE,
    )
    client.force_login(child)
    data = client.get(reverse("accounts:data-export")).json()
    assert data["guardian_consents"][0]["guardian_contact"] == "guardian@example.org"
    assert data["account"]["birth_date"] == child.birth_date.isoformat()
