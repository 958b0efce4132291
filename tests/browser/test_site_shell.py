"""The site shell in a real browser: home pages, language switch, accounts, axe."""

import json
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail

from cms.demo import HOME, SPACES
from lms.accounts.demo import DEMO_PASSWORD

from .conftest import axe_inject

CONFIRM_LINK = re.compile(r"https?://\S+?(/(?:en/)?accounts/confirm-email/[^/\s]+/)")


def _profile_link(page):
    return page.locator("nav.account-nav a[href$='/accounts/profile/']")


def _menu_open(page):
    """Open the personal menu (a <details> disclosure) in the header."""
    menu = page.locator("nav.account-nav details.personal-menu")
    if menu.get_attribute("open") is None:
        menu.locator("summary").click()
    return menu


def _submit(page):
    """Submit the page's main form and return the response to it."""
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    return navigation.value


def test_home_page_shows_the_korean_hero_and_six_spaces_then_switches_to_english(
    page, demo_site
):
    response = page.goto(demo_site["url"] + "/")

    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("h1").inner_text() == HOME["ko"]["hero_title"]
    spaces = page.locator("main .space-card h3")
    assert spaces.all_inner_texts() == [space["ko"][0] for space in SPACES]

    with page.expect_navigation():
        page.locator("nav.language-switcher a[lang=en]").click()

    assert urlsplit(page.url).path == "/en/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == HOME["en"]["hero_title"]
    assert spaces.all_inner_texts() == [space["en"][0] for space in SPACES]
    assert page.locator("nav.language-switcher a[lang=ko]").inner_text() == "한국어"


def test_signup_confirm_email_logout_and_login_again_reaches_the_profile(
    page, demo_site
):
    base = demo_site["url"]
    email, password = "new.learner@campus.example", "a-long-Passphrase-2026"

    page.goto(base + "/accounts/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)
    page.check("input[name=consent_learning]")
    assert _submit(page).status == 200
    assert not _profile_link(page).count(), "logged in before confirming the e-mail"

    assert [message.to for message in mail.outbox] == [[email]]
    match = CONFIRM_LINK.search(mail.outbox[0].body)
    assert match, mail.outbox[0].body
    page.goto(base + match.group(1))
    assert _submit(page).status == 200

    assert _menu_open(page).locator("summary").inner_text() == email
    with page.expect_navigation():
        page.locator("nav.account-nav form button[type=submit]").click()
    assert not _profile_link(page).count()
    assert page.locator("nav.account-nav a[href$='/accounts/login/']").is_visible()

    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    assert _submit(page).status == 200
    _menu_open(page)
    _profile_link(page).click()

    assert urlsplit(page.url).path == "/accounts/profile/"
    assert page.locator("main").get_by_text(email).first.is_visible()


def test_login_with_a_wrong_password_shows_an_error_and_no_server_error(
    page, demo_site
):
    page.goto(demo_site["url"] + "/accounts/login/")
    page.fill("input[name=login]", "learner@campus.example")
    page.fill("input[name=password]", DEMO_PASSWORD + "-wrong")

    response = _submit(page)

    assert response.status < 500
    assert urlsplit(page.url).path == "/accounts/login/"
    error = page.locator("main form .errorlist")
    assert error.is_visible()
    assert error.inner_text().strip()
    assert not _profile_link(page).count()


@pytest.mark.parametrize(
    "path",
    ["/", "/en/", "/accounts/login/", "/accounts/signup/"],
    ids=["home-ko", "home-en", "login", "signup"],
)
def test_page_has_no_serious_or_critical_axe_violations(axe_js, page, demo_site, path):
    response = page.goto(demo_site["url"] + path)
    assert response.status == 200
    axe_inject(page, axe_js)

    result = page.evaluate("() => axe.run()")

    assert result["passes"], "axe-core ran no checks"
    violations = [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [
                {"target": node["target"], "summary": node["failureSummary"]}
                for node in violation["nodes"]
            ],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=2)
