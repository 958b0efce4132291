"""Certificates in a real browser: the learner's wallet and PDF download, the
public verification page the QR code opens, staff's bulk issue with its
progress bar, and axe on each page."""

import json
from urllib.parse import urlsplit

import pypdfium2
import pytest
import zxingcpp
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from lms.accounts.demo import DEMO_PASSWORD

from .conftest import axe_inject

LEARNER = "learner@campus.example"
STAFF = "staff@campus.example"


@pytest.fixture
def certificates_site(demo_site, settings, tmp_path):
    """A finished run with learner@'s certificate issued, and two more
    completions waiting, in the live server's database."""
    from certificates.services import certificate_issue, certificate_pdf_generate
    from lms.learning.models import Enrollment

    from ..factories import (
        CourseIndexPageFactory,
        CourseRunFactory,
        UserFactory,
        course_tree_create,
    )

    private = tmp_path / "private"
    private.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(private), "base_url": None},
        },
    }
    settings.CERTIFICATES_SIGNING_KEY = (
        rsa.generate_private_key(public_exponent=65537, key_size=2048)
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    settings.SITE_URL = demo_site["url"]
    catalog = CourseIndexPageFactory(parent=demo_site["home"], slug="courses")
    course = course_tree_create(index=catalog, title="사회적기업 창업 기초")
    run = CourseRunFactory(course=course, title="1기")
    learner = demo_site["people"][LEARNER]
    enrollments = [
        Enrollment.objects.create(run=run, learner=person, status="completed")
        for person in (learner, UserFactory(), UserFactory())
    ]
    certificate, _ = certificate_issue(enrollment_id=enrollments[0].pk)
    certificate_pdf_generate(certificate_id=certificate.pk)
    return {**demo_site, "certificate": certificate, "run": run}


def _log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert page.locator("nav.account-nav a[href$='/accounts/profile/']").count()


def _axe(page, axe_js) -> list:
    axe_inject(page, axe_js)
    result = page.evaluate("() => axe.run()")
    assert result["passes"], "axe-core ran no checks"
    return [
        {"id": v["id"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_learner_downloads_the_pdf_whose_qr_code_opens_the_verification_page(
    page, browser, certificates_site, tmp_path
):
    base, certificate = certificates_site["url"], certificates_site["certificate"]
    _log_in(page, base, LEARNER)
    page.goto(base + "/certificates/")
    card = page.locator(".certificate-card")
    assert card.count() == 1
    assert certificate.serial in card.inner_text()

    with page.expect_download() as download_info:
        card.locator("a[href$='/pdf/']").click()
    download = download_info.value
    assert download.suggested_filename == f"{certificate.serial}.pdf"
    path = tmp_path / "certificate.pdf"
    download.save_as(path)
    document = pypdfium2.PdfDocument(str(path))
    try:
        decoded = [
            r.text for r in zxingcpp.read_barcodes(document[0].render(scale=3).to_pil())
        ]
    finally:
        document.close()
    assert decoded == [card.locator("input[type=url]").input_value()]

    # the share link, opened by someone who is not signed in
    stranger = browser.new_context(locale="ko-KR").new_page()
    response = stranger.goto(decoded[0])
    assert response.status == 200
    assert (
        stranger.locator(".verify-valid h2")
        .inner_text()
        .endswith("유효한 이수증입니다.")
    )
    assert "이하늘" in stranger.locator(".verify-result").inner_text()
    stranger.context.close()


def test_staff_bulk_issue_fills_the_progress_bar(page, certificates_site):
    from certificates.models import Certificate

    base, run = certificates_site["url"], certificates_site["run"]
    _log_in(page, base, STAFF)
    page.goto(base + f"/certificates/manage/runs/{run.pk}/")
    page.check("input[name=mode][value=issue_missing]")
    with page.expect_navigation():
        page.locator("form[action$='/bulk/'] button[type=submit]").click()
    bar = page.locator(".batch-progress progress")
    bar.wait_for()
    assert bar.get_attribute("value") == "100"
    assert Certificate.objects.filter(run=run, is_current=True).count() == 3
    assert page.locator("tbody .certificate-status-valid").count() == 3


@pytest.mark.parametrize(
    "path, who",
    [
        ("/certificates/", LEARNER),
        ("/verify/{code}", None),
        ("/en/verify/{code}", None),
        ("/verify/", None),
        ("/certificates/manage/", STAFF),
        ("/certificates/manage/runs/{run}/", STAFF),
    ],
)
def test_certificate_pages_have_no_serious_axe_violations(
    axe_js, page, certificates_site, path, who
):
    base = certificates_site["url"]
    if who:
        _log_in(page, base, who)
    url = base + path.format(
        code=certificates_site["certificate"].code, run=certificates_site["run"].pk
    )
    response = page.goto(url)
    assert response.status == 200, urlsplit(url).path
    assert _axe(page, axe_js) == [], json.dumps(_axe(page, axe_js), ensure_ascii=False)
