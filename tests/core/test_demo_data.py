"""`lms.core.demo_data`: the demo's YAML and Markdown, read and checked."""

import pytest

from lms.core.demo_data import (
    DemoDataError,
    demo_load,
    markdown_blocks,
    markdown_file_blocks,
)


def test_markdown_becomes_paragraph_callout_and_link_blocks():
    body = (
        "First, with <b>bold</b> and *emphasis*.\n\n"
        "Second.\n\n"
        "> [!WARNING]\n> Mind the step.\n\n"
        "[Cooperatives portal](https://www.coop.go.kr/)\nModel articles."
    )
    assert markdown_blocks(body) == [
        ("paragraph", "<p>First, with <b>bold</b> and <em>emphasis</em>.</p>"),
        ("paragraph", "<p>Second.</p>"),
        ("callout", {"kind": "warning", "text": "<p>Mind the step.</p>"}),
        (
            "link",
            {
                "title": "Cooperatives portal",
                "url": "https://www.coop.go.kr/",
                "description": "Model articles.",
            },
        ),
    ]


def test_a_quote_that_is_no_known_callout_names_its_file_and_block():
    with pytest.raises(DemoDataError, match=r"lesson\.ko\.md: block 2: .*\[!TIP\]"):
        markdown_blocks("Text.\n\n> [!NOTE]\n> Hm.", source="lesson.ko.md")


@pytest.fixture
def demo_dir(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    (tmp_path / "demo").mkdir()
    return tmp_path / "demo"


def test_a_wrong_value_names_the_file_and_the_key_path(demo_dir):
    (demo_dir / "course.yaml").write_text(
        "modules:\n- lessons:\n  - minutes: twenty\n    title: {ko: 가, en: A}\n",
        encoding="utf-8",
    )
    course = demo_load("course.yaml")
    lesson = course.nodes("modules")[0].nodes("lessons")[0]
    assert lesson.bilingual_text("title") == {"ko": "가", "en": "A"}
    with pytest.raises(DemoDataError) as error:
        lesson.whole("minutes")
    assert str(error.value) == (
        "demo/course.yaml: modules[0].lessons[0].minutes: "
        "expected a whole number, got 'twenty'"
    )
    with pytest.raises(DemoDataError, match=r"modules\[0\]\.slug: missing"):
        course.nodes("modules")[0].text("slug")


def test_a_missing_language_or_file_is_an_error_not_a_blank(demo_dir):
    (demo_dir / "x.yaml").write_text("title: {ko: 가}\n", encoding="utf-8")
    with pytest.raises(DemoDataError, match=r"demo/x\.yaml: title: expected the keys"):
        demo_load("x.yaml").bilingual_text("title")
    with pytest.raises(DemoDataError, match=r"demo/y\.ko\.md: no such file"):
        markdown_file_blocks("y.ko.md")
    with pytest.raises(DemoDataError, match=r"demo/z\.yaml: no such file"):
        demo_load("z.yaml")


def test_every_demo_course_has_both_bodies_of_every_lesson():
    """The files under demo/courses/ read without an error (no database), and
    no body lies there unused."""
    from courses.demo import COURSES
    from lms.core.demo_data import demo_root

    lessons = 0
    for course in COURSES:
        for module in course["modules"]:
            for lesson in module["lessons"]:
                for code in ("ko", "en"):
                    path = f"courses/{course['slug']}/{lesson['slug']}.{code}.md"
                    assert markdown_file_blocks(path)[0][0] == "paragraph", path
                lessons += 1
    assert len(COURSES) == 7 and lessons == 34
    assert len(list((demo_root() / "courses").glob("*/*.md"))) == 2 * lessons
