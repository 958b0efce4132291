"""The Content-Security-Policy in a real browser: the Wagtail admin, the API
docs and the public pages run without one refused script (the `page` fixture
fails the test on any CSP violation Chromium reports)."""

import pytest

from lms.accounts.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def _sign_in(page, base, email):
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_wagtail_admin_works_under_the_policy(page, demo_site):
    base = demo_site["url"]
    _sign_in(page, base, "admin@campus.example")
    page.goto(f"{base}/admin/")
    page.wait_for_load_state("networkidle")
    # the admin's own script ran: it marks the body ready
    page.wait_for_selector("body#wagtail.ready", timeout=10_000)
    home = demo_site["home"]
    page.goto(f"{base}/admin/pages/{home.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # the editor's JavaScript ran: its tabs are interactive
    assert page.locator("[data-controller~='w-tabs'], .w-tabs").count() >= 1
    for path in (f"/admin/pages/{home.pk}/", "/admin/snippets/"):
        response = page.goto(f"{base}{path}")
        page.wait_for_load_state("networkidle")
        assert response.status == 200, path
        assert page.locator("body#wagtail.ready").count() == 1, path


def test_api_docs_render_under_the_policy(page, demo_site):
    base = demo_site["url"]
    page.goto(f"{base}/api/docs/")
    page.wait_for_selector(".swagger-ui .information-container", timeout=20_000)
    # Swagger UI's script ran and drew the schema it fetched (no CSP refusal)
    assert "Campus API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".swagger-ui .opblock").count() > 0


def test_home_page_in_both_languages_under_the_policy(page, demo_site):
    base = demo_site["url"]
    for path in ("/", "/en/"):
        response = page.goto(f"{base}{path}")
        assert response.status == 200
        assert "script-src" in response.headers["content-security-policy"]
