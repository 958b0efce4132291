"""Accounts in a real browser: consents, renewal, sessions, two-factor sign-in.

Each page is checked with axe-core and its main task done with the keyboard.
"""

import json

import pytest

from lms.accounts.demo import DEMO_PASSWORD, demo_totp_code

from .conftest import axe_inject

LEARNER = "learner@campus.example"


def _axe(page, axe_js):
    axe_inject(page, axe_js)
    result = page.evaluate("() => axe.run()")
    assert result["passes"], "axe-core ran no checks"
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "nodes": [n["target"] for n in v["nodes"]],
        }
        for v in result["violations"]
    ]
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=2)


def _sign_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


@pytest.mark.parametrize("path", ["/accounts/signup/", "/en/accounts/signup/"])
def test_the_consent_form_is_accessible_and_unticked(axe_js, page, demo_site, path):
    page.goto(demo_site["url"] + path)
    boxes = page.locator("input[type=checkbox][name^=consent_]")
    assert boxes.count() == 5  # "agree to all" and four items
    assert not any(boxes.nth(i).is_checked() for i in range(boxes.count()))
    _axe(page, axe_js)


def test_a_learner_withdraws_an_optional_consent_by_keyboard(axe_js, page, demo_site):
    from lms.accounts.models import User
    from lms.accounts.selectors import consent_given

    base = demo_site["url"]
    _sign_in(page, base, LEARNER)
    page.goto(base + "/accounts/profile/")
    _axe(page, axe_js)
    button = page.locator("button[name=action][value=withdraw]").first
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".message-success").is_visible()
    learner = User.objects.get(email=LEARNER)
    assert not consent_given(learner, "partners")

    page.goto(base + "/accounts/sessions/")
    assert page.locator("tbody tr").count() == 1
    _axe(page, axe_js)


def test_a_changed_required_item_is_asked_at_sign_in(axe_js, page, demo_site):
    from lms.accounts.models import ConsentItem
    from lms.accounts.services import consent_item_save

    item = ConsentItem.objects.get(purpose="learning")
    item.items_ko += ", 생년월일"
    consent_item_save(item=item)
    base = demo_site["url"]
    _sign_in(page, base, LEARNER)
    page.goto(base + "/")
    assert "/accounts/consent/" in page.url
    _axe(page, axe_js)
    page.locator("input[name=consent_learning]").focus()
    page.keyboard.press("Space")
    page.locator("main button[type=submit]").first.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/consent/" not in page.url


def test_demo_staff_sign_in_with_the_demo_code(axe_js, page, demo_site, demo_mfa):
    base = demo_site["url"]
    _sign_in(page, base, "staff@campus.example")
    assert "/accounts/2fa/authenticate/" in page.url
    _axe(page, axe_js)
    page.fill("input[name=code]", demo_totp_code())
    with page.expect_navigation():
        page.press("input[name=code]", "Enter")
    page.goto(base + "/accounts/2fa/")
    assert page.locator("main").is_visible()
    _axe(page, axe_js)


@pytest.mark.parametrize("path", ["/accounts/privacy/", "/en/accounts/privacy/v1/"])
def test_the_privacy_policy_pages_are_accessible(axe_js, page, demo_site, path):
    page.goto(demo_site["url"] + path)
    assert page.locator("main h1").is_visible()
    assert page.locator("main .prose p").count() >= 1
    _axe(page, axe_js)
