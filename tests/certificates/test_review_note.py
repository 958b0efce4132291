"""A completion whose certificate waits for staff says so on the learner's
dashboard and in the wallet: '이수증 발급 검토 중' (issue 22, item 4)."""

import pytest
from django.urls import reverse

from certificates.models import CourseCertificate
from certificates.services import certificate_issue

from .conftest import completed_enrollment_create

pytestmark = pytest.mark.django_db

NOTE = "이수증 발급 검토 중"


def _pages(client, learner) -> list[str]:
    client.force_login(learner)
    return [
        client.get(reverse(name)).content.decode()
        for name in ("learning:dashboard", "certificates:wallet")
    ]


def test_a_completion_waiting_for_a_hand_issue_says_so(client, run, course):
    CourseCertificate.objects.create(course=course, issue_on_completion=False)
    enrollment = completed_enrollment_create(run=run)
    assert all(NOTE in page for page in _pages(client, enrollment.learner))
    certificate_issue(enrollment_id=enrollment.pk)
    assert not any(NOTE in page for page in _pages(client, enrollment.learner))


def test_a_course_issuing_on_completion_has_no_review_note(client, run):
    enrollment = completed_enrollment_create(run=run)
    assert not any(NOTE in page for page in _pages(client, enrollment.learner))
