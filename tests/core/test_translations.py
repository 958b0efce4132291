"""Korean is the default and complete: every message is translated and compiled.

The project catalog lives in `lms/locale`; an app may keep its own catalog in
`<app>/locale` (as Wagtail's apps do), which `make messages` fills from that
app's files. Every one of them is checked.
"""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "node_modules", "staticfiles", "media"}


def korean_catalogs() -> list[Path]:
    return sorted(
        path
        for path in ROOT.glob("**/locale/ko/LC_MESSAGES/django.po")
        if not SKIP.intersection(path.relative_to(ROOT).parts)
    )


CATALOGS = korean_catalogs()


def test_the_project_catalog_is_among_them():
    assert ROOT / "lms" / "locale" / "ko" / "LC_MESSAGES" / "django.po" in CATALOGS


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_korean_message_is_translated(catalog):
    po = polib.pofile(str(catalog))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_compiled_catalog_matches_the_source(catalog):
    po = polib.pofile(str(catalog))
    mo = polib.mofile(str(catalog.with_suffix(".mo")))
    compiled = {entry.msgid: entry.msgstr for entry in mo}
    for entry in po.translated_entries():
        if not entry.msgid_plural:
            assert compiled.get(entry.msgid) == entry.msgstr, entry.msgid
