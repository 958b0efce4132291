"""In CI the browser tests must run, never skip for a missing browser."""

import os

import pytest

from .conftest import AXE_JS, CHROMIUM


@pytest.mark.skipif(
    not os.environ.get("CAMPUS_REQUIRE_BROWSER"),
    reason="only where the browser tests are required (.ci/run)",
)
def test_chromium_and_axe_are_installed_where_required():
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing"
    assert AXE_JS.exists(), f"{AXE_JS} is missing"


def test_a_missing_browser_fails_where_required(monkeypatch):
    from .conftest import _missing

    monkeypatch.setenv("CAMPUS_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception):
        _missing("chromium is missing")
    monkeypatch.delenv("CAMPUS_REQUIRE_BROWSER")
    with pytest.raises(pytest.skip.Exception):
        _missing("chromium is missing")
