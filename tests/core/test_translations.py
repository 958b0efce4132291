"""Korean is the default and complete: every message is translated and compiled.

The project catalog lives in `lms/locale`; an app may keep its own catalog in
`<app>/locale` (as Wagtail's apps do), which `make messages` fills from that
app's files. Every one of them is checked, and so is the JavaScript catalog
(`djangojs.po`) that completes Wagtail's admin scripts.
"""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "node_modules", "staticfiles", "media"}


def korean_catalogs() -> list[Path]:
    return sorted(
        path
        for path in ROOT.glob("**/locale/ko/LC_MESSAGES/*.po")
        if not SKIP.intersection(path.relative_to(ROOT).parts)
    )


CATALOGS = korean_catalogs()


def test_the_project_catalog_is_among_them():
    assert ROOT / "lms" / "locale" / "ko" / "LC_MESSAGES" / "django.po" in CATALOGS
    assert ROOT / "lms" / "locale" / "ko" / "LC_MESSAGES" / "djangojs.po" in CATALOGS
    apps = {path.relative_to(ROOT).parts[0:-4] for path in CATALOGS}
    assert len(apps) >= 7  # lms, certificates, research portal and four lms apps


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
        (None, "room"): "객실",
        ("lecture room", "room"): "강의실",
        ("event", "Scheduled"): "예정",
        (None, "Scheduled"): "정해진 일정",
        ("event", "Attendance"): "참석 방식",
        (None, "Attendance"): "출결",
        ("request", "answer"): "답변",
        ("submission", "answer"): "답안",
        (None, "Answer"): "정답",
        (None, "Completed"): "수료",
        ("living lab", "Completed"): "완료",
        ("lesson", "Completed"): "완료",
        ("webhook", "Attempts"): "시도 횟수",
        ("publication", "Pages"): "쪽수",
        ("research", "person"): "인물",
        (None, "Certificate issued"): "이수증 발급",
        (None, "Session"): "수업",
    }
    assert {key: merged.get(key) for key in expected} == expected
    glossary = (ROOT / "docs" / "glossary.md").read_text()
    for word in ("강의실", "객실", "예정", "수료", "이수증", "교육 회차"):
        assert word in glossary


# words the catalogs must never use for our ideas (docs/glossary.md, "not")
BANNED = re.compile(
    r"차수|기수|수강생|교육생|수료증|강좌|교수자|일정제|\(으\)로|을\(를\)|이\(가\)|은\(는\)"
)


def test_no_korean_message_uses_a_word_the_glossary_rules_out():
    found = []
    for catalog in CATALOGS:
        for entry in polib.pofile(str(catalog)).translated_entries():
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                if BANNED.search(text):
                    found.append((entry.msgid, text))
    assert found == []


# A word that means two things is written with a context where it means the
# second one; used bare in these places it would show the first one's Korean.
BARE_WORD_NOT_IN = {
    "room": ["cms", "lms/timetable", "courses"],
    "Scheduled": ["cms", "lms/timetable"],
    "attendance": ["cms"],
    "Attendance": ["cms"],
    "answer": ["cms", "lms/learning"],
    "Answer": ["cms"],
    "Completed": ["research_portal", "lms/learning/views/analytics.py"],
    "Attempts": ["lms/partners"],
    "Pages": ["research_portal/templates"],
    "person": ["research_portal"],
    "recorded by": ["lms/timetable"],
    "subject": ["lms/partners"],
}


def _bare_uses(word: str) -> re.Pattern:
    quoted = re.escape(f'"{word}"')
    return re.compile(
        rf"\b(?:_|gettext|gettext_lazy|gettext_noop)\(\s*{quoted}\s*\)"
        rf"|{{%\s*(?:translate|trans)\s+{quoted}\s*(?:as\s+\w+\s*)?%}}"
    )


def test_words_with_two_meanings_carry_their_context_where_needed():
    """The same msgid for two meanings across apps needs a `pgettext` context:
    `_("room")` in the timetable would read 객실 (lodging's guest room)."""
    found = []
    for word, places in BARE_WORD_NOT_IN.items():
        pattern = _bare_uses(word)
        for place in places:
            base = ROOT / place
            files = [base] if base.is_file() else base.rglob("*")
            for path in files:
                if path.suffix not in (".py", ".html", ".txt") or "migrations" in (
                    path.parts
                ):
                    continue
                if pattern.search(path.read_text(encoding="utf-8")):
                    found.append((word, str(path.relative_to(ROOT))))
    assert found == []


def test_the_bare_word_check_finds_a_bare_word():
    pattern = _bare_uses("room")
    assert pattern.search('verbose_name=_("room"),')
    assert pattern.search('{% translate "room" %}')
    assert not pattern.search('pgettext_lazy("lecture room", "room")')
    assert not pattern.search('{% translate "room" context "lecture room" %}')
