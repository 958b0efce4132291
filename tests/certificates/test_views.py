"""Pages and endpoints: the wallet, downloads, public verification and the
staff screens, with who may see what."""

import json

import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateBatch
from certificates.services import certificate_revoke

from ..factories import UserFactory, course_tree_create, instructor_create
from .conftest import completed_enrollment_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def other_learner(db):
    return UserFactory()


@pytest.fixture
def course_instructor(course):
    return instructor_create(courses=[course])


@pytest.fixture
def other_instructor(catalog):
    return instructor_create(courses=[course_tree_create(index=catalog)])


def _as(client, user):
    if user is not None:
        client.force_login(user)
    return client


# --- the wallet and downloads -------------------------------------------------------


def test_the_wallet_lists_my_certificates_with_downloads_and_a_share_link(
    client, issued, learner
):
    response = _as(client, learner).get(reverse("certificates:wallet"))
    body = response.content.decode()
    assert response.status_code == 200
    assert issued.serial in body and "사회적기업 창업 기초" in body
    assert reverse("certificates:pdf", args=[issued.pk]) in body
    assert reverse("certificates:badge-json", args=[issued.pk]) in body
    assert f"https://campus.example.org/verify/{issued.code}" in body


def test_the_wallet_says_so_when_there_is_nothing_yet(client, learner):
    response = _as(client, learner).get(reverse("certificates:wallet"))
    assert "You have no certificates yet" in response.content.decode() or (
        "아직" in response.content.decode()
    )


def test_my_pdf_downloads_as_an_attachment(client, issued, learner):
    response = _as(client, learner).get(reverse("certificates:pdf", args=[issued.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'attachment; filename="{issued.file_name}"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_a_missing_pdf_is_drawn_on_download(client, enrollment, learner):
    from certificates.services import certificate_issue

    certificate, _ = certificate_issue(enrollment_id=enrollment.pk)
    assert certificate.pdf_name == ""
    response = _as(client, learner).get(
        reverse("certificates:pdf", args=[certificate.pk])
    )
    assert response.status_code == 200
    assert Certificate.objects.get(pk=certificate.pk).pdf_name


@pytest.mark.parametrize("name", ["pdf", "badge-json", "badge-jwt"])
def test_who_may_download_a_certificate(
    client,
    issued,
    learner,
    other_learner,
    course_instructor,
    other_instructor,
    staff,
    name,
):
    url = reverse(f"certificates:{name}", args=[issued.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    for user in (other_learner, course_instructor, other_instructor):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    for user in (learner, staff):
        client.force_login(user)
        assert client.get(url).status_code == 200, user


def test_a_revoked_certificate_is_no_longer_downloadable_by_its_holder(
    client, issued, learner, staff
):
    certificate_revoke(certificate=issued, actor=staff, reason="부정 이수")
    url = reverse("certificates:pdf", args=[issued.pk])
    assert _as(client, learner).get(url).status_code == 404
    assert _as(client, staff).get(url).status_code == 200


def test_the_badge_downloads_are_the_credential_and_its_jwt(client, issued, learner):
    _as(client, learner)
    credential = json.loads(
        client.get(reverse("certificates:badge-json", args=[issued.pk])).content
    )
    assert "OpenBadgeCredential" in credential["type"]
    token = client.get(reverse("certificates:badge-jwt", args=[issued.pk]))
    assert token.content.decode() == issued.badge_jwt
    assert token["Content-Disposition"].startswith("attachment")


# --- public verification -------------------------------------------------------------


def test_the_verification_page_shows_the_facts_and_nothing_more(client, issued):
    response = client.get(f"/verify/{issued.code}")
    body = response.content.decode()
    assert response.status_code == 200
    for fact in ("김하늘", "Haneul Kim", "사회적기업 창업 기초", issued.serial, "24"):
        assert fact in body
    assert "사회적경제 네트워크 혁신타운 교육센터" in body
    assert issued.learner.email not in body
    assert "92.5" not in body  # the grade is not a verifier's business


def test_the_verification_page_works_in_english_and_with_a_slash(client, issued):
    response = client.get(f"/en/verify/{issued.code}/")
    assert response.status_code == 200
    assert "This certificate is valid." in response.content.decode()


def test_revocation_shows_on_the_verification_page_and_in_json(client, issued, staff):
    certificate_revoke(certificate=issued, actor=staff, reason="부정 이수 확인")
    page = client.get(f"/en/verify/{issued.code}").content.decode()
    assert "has been revoked" in page
    assert "부정 이수 확인" not in page  # the reason stays in the record
    answer = client.get(f"/verify/{issued.code}.json").json()
    assert answer["valid"] is False and answer["status"] == "revoked"


def test_the_json_variant(client, issued):
    response = client.get(reverse("certificates:verify-json", args=[issued.code]))
    answer = response.json()
    assert response["Access-Control-Allow-Origin"] == "*"
    assert answer["valid"] is True
    assert answer["holder"] == {"name_ko": "김하늘", "name_en": "Haneul Kim"}
    assert answer["course"]["credit_hours"] == 24
    assert "email" not in json.dumps(answer)


@pytest.mark.parametrize("code", ["a" * 26, "short", "A" * 26, "0" * 26])
def test_unknown_or_malformed_codes_are_not_found(client, db, code):
    assert client.get(f"/verify/{code}").status_code == 404
    assert client.get(f"/verify/{code}.json").status_code == 404


def test_lookup_by_serial_and_name_finds_the_certificate(client, issued):
    url = reverse("certificates:verify-lookup")
    assert client.get(url).status_code == 200
    for name in ("김하늘", "haneul kim", " HANEUL  KIM "):
        response = client.post(url, {"serial": issued.serial.lower(), "name": name})
        assert response.status_code == 302, name
        assert response["Location"] == reverse(
            "certificates:verify", args=[issued.code]
        )


def test_lookup_with_a_wrong_name_or_serial_says_nothing_matches(client, issued):
    url = reverse("certificates:verify-lookup")
    wrong_name = client.post(url, {"serial": issued.serial, "name": "홍길동"})
    wrong_serial = client.post(url, {"serial": "JBSE-2026-999999", "name": "김하늘"})
    empty = client.post(url, {"serial": "", "name": ""})
    assert (
        wrong_name.status_code == wrong_serial.status_code == empty.status_code == 400
    )
    message = "No certificate matches this serial number and name."
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}
    wrong_name = client.post(
        "/en" + url, {"serial": issued.serial, "name": "홍길동"}, **english
    )
    wrong_serial = client.post(
        "/en" + url, {"serial": "JBSE-2026-999999", "name": "김하늘"}, **english
    )
    # one message for either half: no oracle for serials or for names
    assert message in wrong_name.content.decode()
    assert message in wrong_serial.content.decode()


def test_verification_is_rate_limited(client, issued, settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "certificates.verify": ["3/h"],
        "certificates.lookup": ["2/h"],
    }
    statuses = [client.get(f"/verify/{issued.code}").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get(f"/verify/{issued.code}.json").status_code == 429
    url = reverse("certificates:verify-lookup")
    lookups = [
        client.post(url, {"serial": issued.serial, "name": "x"}).status_code
        for _ in range(3)
    ]
    assert lookups == [400, 400, 429]


# --- staff screens --------------------------------------------------------------------


def _staff_urls(issued, run):
    return [
        reverse("certificates:manage"),
        reverse("certificates:manage-detail", args=[issued.pk]),
        reverse("certificates:manage-runs"),
        reverse("certificates:manage-run", args=[run.pk]),
    ]


def test_staff_screens_are_for_center_staff_only(
    client, issued, run, learner, course_instructor, other_instructor, staff
):
    for url in _staff_urls(issued, run):
        response = client.get(url)
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )
        for user in (learner, course_instructor, other_instructor):
            client.force_login(user)
            assert client.get(url).status_code == 403, (url, user)
        client.force_login(staff)
        assert client.get(url).status_code == 200, url
        client.logout()
    for name, args in [
        ("manage-revoke", [issued.pk]),
        ("manage-reissue", [issued.pk]),
        ("manage-run-issue", [run.pk]),
        ("manage-run-bulk", [run.pk]),
    ]:
        client.force_login(learner)
        assert (
            client.post(reverse(f"certificates:{name}", args=args)).status_code == 403
        )
    assert Certificate.objects.get(pk=issued.pk).is_valid


def test_the_register_searches_and_filters(client, issued, staff):
    _as(client, staff)
    url = reverse("certificates:manage")
    assert issued.serial in client.get(url, {"q": "김하늘"}).content.decode()
    assert issued.serial not in client.get(url, {"q": "없는사람"}).content.decode()
    assert issued.serial not in client.get(url, {"status": "revoked"}).content.decode()


def test_revoking_without_a_reason_is_refused_with_a_message(client, issued, staff):
    _as(client, staff)
    response = client.post(
        reverse("certificates:manage-revoke", args=[issued.pk]), {"reason": ""}
    )
    assert response.status_code == 400
    assert Certificate.objects.get(pk=issued.pk).is_valid


def test_staff_revoke_and_reissue(
    client, issued, staff, django_capture_on_commit_callbacks
):
    _as(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:manage-reissue", args=[issued.pk]),
            {"reason": "영문 이름 수정", "name_ko": "김하늘", "name_en": "Ha-neul Kim"},
        )
    new = Certificate.objects.get(enrollment=issued.enrollment, is_current=True)
    assert response.status_code == 302
    assert response["Location"] == reverse("certificates:manage-detail", args=[new.pk])
    assert new.learner_name_en == "Ha-neul Kim" and new.pdf_name
    page = client.get(response["Location"]).content.decode()
    assert issued.serial in page and "영문 이름 수정" in page  # the history
    client.post(
        reverse("certificates:manage-revoke", args=[new.pk]), {"reason": "오발급"}
    )
    assert Certificate.objects.get(pk=new.pk).status == "revoked"


def test_staff_issue_by_hand(client, run, staff, django_capture_on_commit_callbacks):
    enrollment = completed_enrollment_create(run=run)
    _as(client, staff)
    url = reverse("certificates:manage-run-issue", args=[run.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"enrollment": enrollment.pk})
    assert response.status_code == 302
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.issued_by == staff and certificate.pdf_name
    client.post(url, {"enrollment": enrollment.pk})  # again: nothing new
    assert Certificate.objects.filter(enrollment=enrollment).count() == 1
    other_run_enrollment = client.post(url, {"enrollment": 999999})
    assert other_run_enrollment.status_code == 400
    assert "수강 신청한 학습자가 아닙니다" in other_run_enrollment.content.decode()


def test_staff_cannot_issue_to_an_enrolment_that_is_not_completed(client, run, staff):
    from ..factories import EnrollmentFactory

    enrollment = EnrollmentFactory(run=run, status="active")
    _as(client, staff)
    response = client.post(
        reverse("certificates:manage-run-issue", args=[run.pk]),
        {"enrollment": enrollment.pk},
    )
    assert response.status_code == 400
    assert "수료한 학습자에게만" in response.content.decode()
    assert not Certificate.objects.exists()


def test_my_certificates_are_in_my_personal_data_export(issued, learner):
    from lms.accounts.selectors import user_personal_data

    exported = user_personal_data(user=learner)["certificates"]
    assert [entry["serial"] for entry in exported] == [issued.serial]
    assert exported[0]["verification_url"].endswith(issued.code)


def test_bulk_issue_and_its_progress(
    client, run, staff, django_capture_on_commit_callbacks
):
    enrollments = [completed_enrollment_create(run=run) for _ in range(3)]
    _as(client, staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("certificates:manage-run-bulk", args=[run.pk]),
            {"mode": "issue_missing"},
        )
    assert response.status_code == 302
    batch = CertificateBatch.objects.get(run=run)
    progress = client.get(
        reverse("certificates:batch-progress", args=[batch.pk])
    ).json()
    assert progress == {
        "id": batch.pk,
        "status": "done",
        "status_display": batch.get_status_display(),
        "total": 3,
        "processed": 3,
        "issued": 3,
        "percent": 100,
        "done": True,
    }
    assert (
        Certificate.objects.filter(enrollment__in=enrollments, is_current=True).count()
        == 3
    )
    page = client.get(
        reverse("certificates:manage-run", args=[run.pk])
    ).content.decode()
    assert 'value="100"' in page


def test_a_bulk_reissue_needs_a_reason(client, issued, run, staff):
    _as(client, staff)
    response = client.post(
        reverse("certificates:manage-run-bulk", args=[run.pk]),
        {"mode": "reissue_all", "reason": ""},
    )
    assert response.status_code == 400
    assert not CertificateBatch.objects.exists()


def test_the_batch_progress_is_for_staff_only(client, run, learner, staff):
    batch = CertificateBatch.objects.create(run=run, mode="issue_missing", total=2)
    url = reverse("certificates:batch-progress", args=[batch.pk])
    assert client.get(url).status_code == 302
    assert _as(client, learner).get(url).status_code == 403
    assert _as(client, staff).get(url).json()["percent"] == 0
