"""Issuing a certificate by hand asks in a real <dialog> that the keyboard
drives, on a desktop and on a 390 × 844 phone, and axe finds nothing serious
with the dialog open."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from lms.accounts.demo import DEMO_PASSWORD

from .conftest import axe_inject

STAFF = "staff@campus.example"


@pytest.fixture
def waiting(demo_site, settings, tmp_path):
    """A finished run with one completion and no certificate yet."""
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
    enrollment = Enrollment.objects.create(
        run=run, learner=UserFactory(name_ko="박서준"), status="completed"
    )
    return {**demo_site, "run": run, "enrollment": enrollment}


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}]
)
def test_issuing_asks_in_a_dialog_by_keyboard(browser, waiting, viewport, axe_js):
    from certificates.models import Certificate

    context = browser.new_context(locale="ko-KR", viewport=viewport)
    context.set_default_timeout(10_000)
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    try:
        page.goto(waiting["url"] + "/accounts/login/")
        page.fill("input[name=login]", STAFF)
        page.fill("input[name=password]", DEMO_PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.goto(waiting["url"] + f"/certificates/manage/runs/{waiting['run'].pk}/")
        dialog_id = f"issue-dialog-{waiting['enrollment'].pk}"
        trigger = page.locator(f"[data-confirm-dialog='{dialog_id}']")
        dialog = page.locator(f"dialog#{dialog_id}")
        assert not dialog.evaluate("d => d.open")

        # Enter on the button opens the dialog, focus goes in, Escape closes it
        # and gives focus back: nothing issued
        trigger.focus()
        page.keyboard.press("Enter")
        assert dialog.evaluate("d => d.open")
        assert dialog.evaluate("d => d.contains(document.activeElement)")
        assert "박서준 님에게 이수증을 발급할까요?" in dialog.inner_text()
        axe_inject(page, axe_js)
        result = page.evaluate("id => axe.run(document.getElementById(id))", dialog_id)
        serious = [
            v["id"]
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == []
        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open")
        assert (
            page.evaluate("document.activeElement.getAttribute('data-confirm-dialog')")
            == dialog_id
        )
        # "Go back" closes it too
        page.keyboard.press("Enter")
        assert dialog.evaluate("d => d.open")
        dialog.locator("[data-confirm-close]").press("Enter")
        assert not dialog.evaluate("d => d.open")
        assert not Certificate.objects.filter(enrollment=waiting["enrollment"]).exists()

        # confirmed by keyboard: issued once, back on the run page
        page.keyboard.press("Enter")
        with page.expect_navigation():
            dialog.locator("button[type=submit]").press("Enter")
        certificate = Certificate.objects.get(enrollment=waiting["enrollment"])
        assert certificate.serial in page.locator("main").inner_text()
        assert page.locator(f"[data-confirm-dialog='{dialog_id}']").count() == 0
    finally:
        context.close()
    assert not violations, "CSP violations:\n" + "\n".join(violations)
