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
    compiled = {(entry.msgctxt, entry.msgid): entry.msgstr for entry in mo}
    for entry in po.translated_entries():
        if not entry.msgid_plural:
            key = (entry.msgctxt, entry.msgid)
            assert compiled.get(key) == entry.msgstr, entry.msgid


def test_one_message_means_one_thing_across_the_catalogs():
    """gettext merges every catalog into one: a msgid that two apps translate
    differently shows one app's word on the other's page (lodging's 객실 for the
    timetable's lecture room). Such a word needs a `pgettext` context."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for catalog in CATALOGS:
        for entry in polib.pofile(str(catalog)).translated_entries():
            key = (entry.msgctxt, entry.msgid)
            translation = entry.msgstr or str(sorted(entry.msgstr_plural.items()))
            seen.setdefault(key, {})[str(catalog.relative_to(ROOT))] = translation
    clashes = {
        key: where for key, where in seen.items() if len(set(where.values())) > 1
    }
    assert clashes == {}


def test_the_glossary_terms_are_the_ones_the_catalogs_use():
    """docs/glossary.md fixes one Korean word per idea; the catalogs follow it."""
    merged: dict[tuple[str | None, str], str] = {}
    for catalog in CATALOGS:
        for entry in polib.pofile(str(catalog)).translated_entries():
            merged[(entry.msgctxt, entry.msgid)] = entry.msgstr
    expected = {
        ("lecture room", "Room"): "강의실",
        (None, "Room"): "객실",
        ("timetable", "Scheduled"): "예정",
        ("timetable", "Free"): "빈 시간",
        (None, "Course run"): "교육 회차",
        (None, "Learner"): "학습자",
    }
    assert {key: merged.get(key) for key in expected} == expected
    glossary = (ROOT / "docs" / "glossary.md").read_text()
    for word in ("강의실", "객실", "예정", "수료", "이수증", "교육 회차"):
        assert word in glossary
