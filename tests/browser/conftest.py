"""Browser tests: Playwright's sync API driving Debian's Chromium at a live server.

`make browser-deps` (tests/browser/setup.sh) installs Chromium and axe-core; when
either is missing the tests that need it skip with the reason.
"""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Mark every test here `browser`. Those on a live server run on a
    transactional database that restores what the migrations wrote before each
    test (tests/conftest.py)."""
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@contextmanager
def _async_unsafe_allowed():
    """Let the ORM run while Playwright's sync API keeps an event loop running.

    Safe here: the loop only drives the browser. Set for the browser tests only,
    so the rest of the suite keeps Django's check.
    """
    saved = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield
    finally:
        if saved is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = saved


def _missing(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where the browser tests must run
    (`.ci/run` sets CAMPUS_REQUIRE_BROWSER)."""
    if os.environ.get("CAMPUS_REQUIRE_BROWSER"):
        pytest.fail(f"CAMPUS_REQUIRE_BROWSER is set but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """Debian's Chromium, headless, for the tests of one module.

    Module-scoped rather than session-scoped: while Playwright runs, Django sees
    an event loop in the test thread and hands out other connection objects, so
    the loop must stop before the tests of other modules run.
    """
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing: run `make browser-deps` (apt-get chromium)")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with _async_unsafe_allowed(), sync_playwright() as playwright:
        # the connections used from here on need the snapshot of the migrated
        # database that serialized rollback restores before each test
        for alias, contents in snapshots.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
            connections.close_all()


@pytest.fixture
def page(browser):
    """A page in a fresh browser context: no cookies from another test."""
    context = browser.new_context(locale="ko-KR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    # Every page must work under the Content-Security-Policy: Chromium reports
    # each refused script, style or frame on the console.
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
        yield page
    finally:
        context.close()
    assert not violations, "CSP violations:\n" + "\n".join(violations)


@pytest.fixture
def demo_mfa():
    """Ask for it to keep the demo staff's second factor (tests of 2FA itself)."""


@pytest.fixture
def demo_site(live_server, request, settings):
    """The demo site and people, in the database the live server uses.

    The demo staff sign in with a second factor; tests of other features sign
    in with the password alone (the 2FA flow has its own tests: `demo_mfa`).
    """
    from allauth.mfa.models import Authenticator

    from cms.demo import seed_site
    from lms.accounts.demo import seed_people

    home = seed_site()
    people = seed_people()
    if "demo_mfa" not in request.fixturenames:
        Authenticator.objects.filter(user__in=list(people.values())).delete()
        settings.ACCOUNTS_STAFF_MFA_GRACE_DAYS = 30  # set it up later
    return {"home": home, "people": people, "url": live_server.url}


@pytest.fixture
def axe_js():
    if not AXE_JS.exists():
        _missing(f"axe-core is not installed at {AXE_JS}: run `make browser-deps`")
    return AXE_JS


def axe_inject(page, axe_js) -> None:
    """Load axe-core into the page as the test harness, outside the page's CSP.

    `add_script_tag` adds an inline script, which the Content-Security-Policy
    rightly refuses; evaluating the source through the DevTools protocol is
    not subject to it, as a browser extension's would not be.
    """
    page.evaluate(axe_js.read_text(encoding="utf-8"))
    page.wait_for_function("() => typeof window.axe !== 'undefined'")


def consented(user):
    """`user` has agreed to the required consent items, as everyone who signed
    up has: signing in then leads where the test expects, not to the consent form."""
    from lms.accounts.models import Consent
    from lms.accounts.selectors import consent_versions_current
    from lms.accounts.services import consents_record

    required = [version for version in consent_versions_current() if version.required]
    consents_record(
        user=user, choices=dict.fromkeys(required, True), method=Consent.Method.FORM
    )
    return user
