"""Leaving a run or cancelling a request asks first: the page behind the
dialog, for browsers without JavaScript."""

import pytest
from django.urls import reverse

from lms.learning.models import Enrollment, EnrollmentStatus

from ..factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrollment(run, learner):
    from lms.learning.services import enrollment_create

    return enrollment_create(learner=learner, run=run)


def test_the_confirmation_page_asks_and_withdraws_nothing(
    client, learner, enrollment, django_assert_num_queries
):
    client.force_login(learner)
    url = reverse("learning:enrollment-withdraw", args=[enrollment.pk])
    response = client.get(url + "?next=/courses/x/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "이 과정의 수강을 취소할까요?" in body
    assert 'name="next" value="/courses/x/"' in body
    assert Enrollment.objects.get(pk=enrollment.pk).status == EnrollmentStatus.ACTIVE
    assert client.post(url).status_code == 302
    assert Enrollment.objects.get(pk=enrollment.pk).status == EnrollmentStatus.WITHDRAWN


def test_a_pending_request_asks_to_cancel_the_request(client, learner, run):
    pending = EnrollmentFactory(
        run=run, learner=learner, status=EnrollmentStatus.PENDING
    )
    client.force_login(learner)
    body = client.get(
        reverse("learning:enrollment-withdraw", args=[pending.pk])
    ).content.decode()
    assert "수강 신청을 취소할까요?" in body


def test_an_unsafe_next_is_dropped(client, learner, enrollment):
    client.force_login(learner)
    body = client.get(
        reverse("learning:enrollment-withdraw", args=[enrollment.pk])
        + "?next=https://evil.example/"
    ).content.decode()
    assert 'name="next" value="https://evil.example/"' not in body


def test_another_learner_and_anonymous_are_refused(client, enrollment):
    url = reverse("learning:enrollment-withdraw", args=[enrollment.pk])
    assert client.get(url).status_code == 302  # to the log-in
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
