"""Requests on the form builder: validation, spam, rate limit, consent,
retention, exactly one staff e-mail, status for the requester, CSV export."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.request_models import RequestFormPage, RequestStatus, RequestSubmission
from cms.services.requests import (
    RequestError,
    request_staff_notify,
    request_status_set,
    request_submissions_purge,
)
from cms.tasks import request_staff_notify as request_staff_notify_task
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(site_pages, settings):
    settings.RATELIMIT_ENABLE = True
    staff = UserFactory(email="staff@campus.example")
    staff.groups.add(Group.objects.get_or_create(name="Staff")[0])
    return RequestFormPage.objects.get(
        slug="finance-counselling", locale__language_code="ko"
    )


def _answers(page, **extra) -> dict:
    consents = list(page.consents.all())
    data = {
        "이름": "김사회",
        "기관명": "함께협동조합",
        "상담 유형": "융자",
        "필요 금액": "1천만–5천만 원",
        "자금 용도": '=HYPERLINK("http://evil")',
        "reply_email": "visitor@example.org",
        f"consent_{consents[0].pk}": "on",
    }
    fields = {f.label: f.clean_name for f in page.get_form_fields()}
    data = {fields.get(key, key): value for key, value in data.items()}
    data.update(extra)
    return data


def test_a_visitor_sends_a_request_and_staff_get_one_email(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(form_page.url, _answers(form_page))
    assert response.status_code == 200
    submission = RequestSubmission.objects.get()
    assert submission.status == RequestStatus.RECEIVED
    assert submission.email == "visitor@example.org"
    assert [c["given"] for c in submission.consent] == [True, False]
    assert submission.retain_until > timezone.now() + dt.timedelta(days=300)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["staff@campus.example"]
    # the task again, as a retry would: no second e-mail
    assert request_staff_notify(submission_id=submission.pk) is False
    request_staff_notify_task.delay(submission.pk)
    assert len(mail.outbox) == 1
    assert reverse("cms:request-status", args=[submission.reference]) in (
        response.content.decode()
    )


def test_required_consent_missing_is_a_400_and_nothing_is_stored(client, form_page):
    data = _answers(form_page)
    data = {k: v for k, v in data.items() if not k.startswith("consent_")}
    response = client.post(form_page.url, data)
    assert response.status_code == 400
    assert "동의" in response.content.decode()
    assert RequestSubmission.objects.count() == 0 and mail.outbox == []


def test_missing_fields_are_a_400_in_english_too(client, form_page):
    english = form_page.get_translations().get()
    response = client.post(english.url, {"reply_email": "not-an-address"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_the_honeypot_drops_bots_silently(client, form_page):
    response = client.post(
        form_page.url, _answers(form_page, website_url="http://spam")
    )
    assert response.status_code == 200
    assert RequestSubmission.objects.count() == 0 and mail.outbox == []


def test_the_rate_limit_stops_a_flood(client, form_page):
    for _ in range(5):
        assert client.post(form_page.url, _answers(form_page)).status_code == 200
    assert client.post(form_page.url, _answers(form_page)).status_code == 429
    assert RequestSubmission.objects.count() == 5


def test_staff_answer_and_the_requester_sees_it(client, form_page, staff_user):
    client.post(form_page.url, _answers(form_page))
    submission = RequestSubmission.objects.get()
    status_url = reverse("cms:request-status", args=[submission.reference])
    assert "접수" in client.get(status_url).content.decode()
    request_status_set(submission=submission, actor=staff_user, status="in_progress")
    with pytest.raises(RequestError):
        request_status_set(submission=submission, actor=staff_user, status="answered")
    client.force_login(staff_user)
    client.post(
        reverse("cms:staff-request-answer", args=[submission.pk]),
        {"status": "answered", "answer": "다음 주 화요일 10시에 상담 가능합니다."},
    )
    client.logout()
    html = client.get(status_url).content.decode()
    assert "답변 완료" in html and "화요일 10시" in html
    with pytest.raises(RequestError):
        request_status_set(submission=submission, actor=staff_user, status="received")


def test_signed_in_requesters_see_their_requests_and_no_one_elses(client, form_page):
    alice, bob = UserFactory(), UserFactory()
    client.force_login(alice)
    client.post(form_page.url, _answers(form_page))
    assert RequestSubmission.objects.get().requester == alice
    assert form_page.title in client.get(reverse("cms:my-requests")).content.decode()
    client.force_login(bob)
    assert (
        form_page.title not in client.get(reverse("cms:my-requests")).content.decode()
    )


def test_only_staff_answer_and_export(client, form_page):
    client.post(form_page.url, _answers(form_page))
    submission = RequestSubmission.objects.get()
    learner = UserFactory()
    client.force_login(learner)
    assert client.get(reverse("cms:staff-requests")).status_code == 403
    assert (
        client.post(
            reverse("cms:staff-request-answer", args=[submission.pk]),
            {"status": "answered", "answer": "x"},
        ).status_code
        == 403
    )
    assert (
        client.get(reverse("cms:staff-requests-csv", args=[form_page.pk])).status_code
        == 403
    )
    client.logout()
    assert client.get(reverse("cms:staff-requests")).status_code == 302


def test_csv_export_opens_safely_in_excel(client, form_page, staff_user):
    client.post(form_page.url, _answers(form_page))
    client.force_login(staff_user)
    response = client.get(reverse("cms:staff-requests-csv", args=[form_page.pk]))
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][3] == "이름"
    assert rows[1][7].startswith("'=")  # formula neutralised
    assert "attachment" in response["Content-Disposition"]


def test_submissions_past_their_retention_are_deleted(client, form_page):
    client.post(form_page.url, _answers(form_page))
    client.post(form_page.url, _answers(form_page))
    old, kept = RequestSubmission.objects.order_by("pk")
    RequestSubmission.objects.filter(pk=old.pk).update(
        retain_until=timezone.now() - dt.timedelta(days=1)
    )
    assert request_submissions_purge() == 1
    assert list(RequestSubmission.objects.all()) == [kept]


def test_form_page_query_count_is_fixed(
    client, form_page, django_assert_max_num_queries
):
    client.get(form_page.url)
    with django_assert_max_num_queries(20):
        assert client.get(form_page.url).status_code == 200
