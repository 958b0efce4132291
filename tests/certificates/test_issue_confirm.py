"""Issuing a certificate by hand asks first: the run page's button opens a
<dialog>, and its link is a page with the same question for browsers without
JavaScript."""

import pytest
from django.urls import reverse

from certificates.models import Certificate

from ..factories import UserFactory
from .conftest import completed_enrollment_create

pytestmark = pytest.mark.django_db


def test_the_run_page_asks_in_a_dialog_whose_link_is_the_confirmation_page(
    client, run, staff
):
    enrollment = completed_enrollment_create(
        run=run, learner=UserFactory(name_ko="박서준")
    )
    client.force_login(staff)
    body = client.get(
        reverse("certificates:manage-run", args=[run.pk])
    ).content.decode()
    confirm_url = reverse(
        "certificates:manage-run-issue-one", args=[run.pk, enrollment.pk]
    )
    assert (
        f'href="{confirm_url}" data-confirm-dialog="issue-dialog-{enrollment.pk}"'
        in (body)
    )
    assert f'<dialog class="confirm-dialog" id="issue-dialog-{enrollment.pk}"' in body
    assert "박서준 님에게 이수증을 발급할까요?" in body
    assert not Certificate.objects.exists()


def test_the_confirmation_page_asks_and_issues_nothing_until_posted(
    client, run, staff, django_capture_on_commit_callbacks
):
    enrollment = completed_enrollment_create(
        run=run, learner=UserFactory(name_ko="박서준")
    )
    client.force_login(staff)
    url = reverse("certificates:manage-run-issue-one", args=[run.pk, enrollment.pk])
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "박서준 님에게 이수증을 발급할까요?" in body
    assert '<form method="post">' in body
    assert reverse("certificates:manage-run", args=[run.pk]) in body  # go back
    assert not Certificate.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:manage-run", args=[run.pk])
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.issued_by == staff
    client.post(url)  # again: nothing new
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1


def test_the_confirmation_page_speaks_english_under_en(client, run, staff):
    enrollment = completed_enrollment_create(
        run=run, learner=UserFactory(name_ko="박서준", name_en="Seojun Park")
    )
    client.force_login(staff)
    url = reverse("certificates:manage-run-issue-one", args=[run.pk, enrollment.pk])
    body = client.get("/en" + url).content.decode()
    assert "Issue a certificate to Seojun Park?" in body


def test_an_enrolment_of_another_run_is_refused(client, run, staff, course):
    from ..factories import CourseRunFactory

    other = completed_enrollment_create(run=CourseRunFactory(course=course))
    client.force_login(staff)
    url = reverse("certificates:manage-run-issue-one", args=[run.pk, other.pk])
    assert client.get(url).status_code == 404
    response = client.post(url)
    assert response.status_code == 400
    assert "수강 신청한 학습자가 아닙니다" in response.content.decode()
    assert not Certificate.objects.exists()


def test_only_center_staff_may_ask_or_issue(client, run, learner):
    enrollment = completed_enrollment_create(run=run, learner=learner)
    url = reverse("certificates:manage-run-issue-one", args=[run.pk, enrollment.pk])
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(learner)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert not Certificate.objects.exists()
