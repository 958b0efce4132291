"""On a 390 × 844 phone no page scrolls sideways (wide tables scroll in their
own box) and the signed-in header is one row with a menu button; on a desktop
the menu is simply there."""

import pytest

from lms.accounts.demo import DEMO_PASSWORD

STAFF = "staff@campus.example"
LEARNER = "learner@campus.example"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def lodging_site(demo_site):
    from lms.lodging.demo import seed_inventory

    seed_inventory()
    return demo_site


def _log_in(browser, base, email, viewport):
    context = browser.new_context(locale="ko-KR", viewport=viewport)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    return page


def _page_scrolls_sideways(page) -> int:
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("path", ["/lodging/staff/", "/learn/teaching/", "/timetable/"])
def test_staff_pages_do_not_scroll_sideways_on_a_phone(browser, lodging_site, path):
    page = _log_in(browser, lodging_site["url"], STAFF, PHONE)
    try:
        page.goto(lodging_site["url"] + path)
        assert _page_scrolls_sideways(page) == 0
        if path == "/lodging/staff/":
            grid = page.locator(".occupancy-scroll")
            assert grid.evaluate("el => el.scrollWidth > el.clientWidth")
    finally:
        page.context.close()


def test_the_signed_in_header_is_one_row_with_a_menu_button_on_a_phone(
    browser, demo_site
):
    page = _log_in(browser, demo_site["url"], LEARNER, PHONE)
    try:
        header = page.locator(".site-header")
        assert header.bounding_box()["height"] <= 80
        button = page.locator(".menu-toggle")
        assert button.is_visible()
        assert not page.locator("#site-menu").is_visible()
        assert _page_scrolls_sideways(page) == 0
        # by keyboard: focus the button, open, Escape closes and keeps focus
        button.focus()
        page.keyboard.press("Enter")
        assert button.get_attribute("aria-expanded") == "true"
        assert page.locator("#site-menu nav.main-nav").is_visible()
        page.keyboard.press("Escape")
        assert button.get_attribute("aria-expanded") == "false"
        assert not page.locator("#site-menu").is_visible()
        assert page.evaluate("document.activeElement.className") == "menu-toggle"
    finally:
        page.context.close()


def test_on_a_desktop_the_menu_is_there_without_a_button(browser, demo_site):
    page = _log_in(browser, demo_site["url"], LEARNER, DESKTOP)
    try:
        assert not page.locator(".menu-toggle").is_visible()
        assert page.locator("#site-menu nav.main-nav").is_visible()
        assert _page_scrolls_sideways(page) == 0
    finally:
        page.context.close()
