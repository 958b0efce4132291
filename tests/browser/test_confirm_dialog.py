"""Withdrawing asks in a real <dialog> that the keyboard drives, on a desktop
and on a 390 × 844 phone."""

import pytest

from .conftest import consented

PASSWORD = "correct horse 77"


@pytest.fixture
def enrolled(live_server):
    from lms.learning.models import EnrollmentStatus
    from lms.learning.services import enrollment_create

    from ..factories import (
        CourseRunFactory,
        UserFactory,
        catalog_create,
        course_tree_create,
    )

    course = course_tree_create(index=catalog_create(), title="대화상자 과정")
    learner = consented(UserFactory())
    enrollment = enrollment_create(learner=learner, run=CourseRunFactory(course=course))
    assert enrollment.status == EnrollmentStatus.ACTIVE
    return {
        "url": live_server.url,
        "course": course,
        "learner": learner,
        "e": enrollment,
    }


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 390, "height": 844}]
)
def test_withdraw_asks_in_a_dialog_by_keyboard(browser, enrolled, viewport):
    from lms.learning.models import Enrollment, EnrollmentStatus

    context = browser.new_context(locale="ko-KR", viewport=viewport)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(enrolled["url"] + "/accounts/login/")
        page.fill("input[name=login]", enrolled["learner"].email)
        page.fill("input[name=password]", PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
        page.goto(enrolled["url"] + enrolled["course"].url)
        trigger = page.locator("[data-confirm-dialog]")
        dialog = page.locator("dialog#withdraw-dialog")
        trigger.focus()
        page.keyboard.press("Enter")
        assert dialog.evaluate("d => d.open")
        assert dialog.evaluate("d => d.contains(document.activeElement)")
        page.keyboard.press("Escape")
        assert not dialog.evaluate("d => d.open")
        assert page.evaluate(
            "document.activeElement.hasAttribute('data-confirm-dialog')"
        )
        assert (
            Enrollment.objects.get(pk=enrolled["e"].pk).status
            == EnrollmentStatus.ACTIVE
        )
        page.keyboard.press("Enter")
        with page.expect_navigation():
            dialog.locator("button[type=submit]").press("Enter")
        assert (
            Enrollment.objects.get(pk=enrolled["e"].pk).status
            == EnrollmentStatus.WITHDRAWN
        )
    finally:
        context.close()
