"""A course by approval asks for 신청 사유: the learner writes it, the approver
reads it."""

import pytest
from django.urls import reverse

from lms.learning.models import Enrollment, EnrollmentPolicy, EnrollmentStatus

from ..factories import CourseRunFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approval_run(course):
    return CourseRunFactory(course=course, enrollment_policy=EnrollmentPolicy.APPROVAL)


def test_the_course_page_asks_for_a_reason_on_an_approval_run(
    client, learner, approval_run
):
    client.force_login(learner)
    course = approval_run.course
    course.save_revision().publish()
    page = client.get(course.url).content.decode()
    assert 'name="reason"' in page
    assert "신청 사유" in page


def test_the_reason_is_kept_and_shown_to_the_approver(
    client, learner, approval_run, staff_user
):
    client.force_login(learner)
    client.post(
        reverse("learning:run-enroll", args=[approval_run.pk]),
        {"reason": "  조합 소개: 전주 돌봄 협동조합입니다.  "},
    )
    enrollment = Enrollment.objects.get(learner=learner, run=approval_run)
    assert enrollment.status == EnrollmentStatus.PENDING
    assert enrollment.request_reason == "조합 소개: 전주 돌봄 협동조합입니다."
    client.force_login(staff_user)
    page = client.get(reverse("learning:approvals")).content.decode()
    assert "조합 소개: 전주 돌봄 협동조합입니다." in page


def test_a_reason_too_long_is_refused_in_korean_and_nothing_is_saved(
    client, learner, approval_run
):
    client.force_login(learner)
    response = client.post(
        reverse("learning:run-enroll", args=[approval_run.pk]), {"reason": "가" * 1001}
    )
    assert response.status_code == 303
    assert not Enrollment.objects.filter(learner=learner).exists()
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("1000" in m for m in messages)


def test_an_open_run_keeps_no_reason(client, run):
    learner = UserFactory()
    client.force_login(learner)
    client.post(reverse("learning:run-enroll", args=[run.pk]), {"reason": "무시"})
    assert Enrollment.objects.get(learner=learner, run=run).request_reason == ""
