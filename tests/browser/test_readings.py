"""Research in teaching in a real browser: a course's reading list, a lesson
citing a publication and "used in courses" on the publication page have no
serious axe-core violation, and the reading's link opens the publication."""

import pytest

from .test_research_portal import _serious_violations, research  # noqa: F401


@pytest.fixture
def readings(demo_site, research):  # noqa: F811
    from courses.models import CoursePageReading
    from tests.factories import (
        CourseIndexPageFactory,
        CourseModulePageFactory,
        CoursePageFactory,
        LessonPageFactory,
    )

    care = research["care"]
    catalog = CourseIndexPageFactory(parent=demo_site["home"], slug="reading-courses")
    course = CoursePageFactory(
        parent=catalog, slug="care-course", title="돌봄 협동조합 운영", is_open=True
    )
    course.readings = [CoursePageReading(publication=care, note="12–30쪽")]
    course.save_revision().publish()
    module = CourseModulePageFactory(parent=course)
    lesson = LessonPageFactory(
        parent=module,
        slug="care-reading",
        body=[("publication", {"publication": care, "note": "요약을 읽으세요"})],
    )
    lesson.save_revision().publish()
    return {"course": course, "lesson": lesson, "care": care}


@pytest.mark.parametrize(
    "path",
    [
        "/reading-courses/care-course/",
        "/reading-courses/care-course/{module}/care-reading/",
        "/research/care-cooperatives/",
        "/en/research/care-cooperatives/",
    ],
)
def test_reading_pages_have_no_serious_axe_violations(
    page, demo_site, readings, axe_js, path
):
    module = readings["lesson"].get_parent().slug
    response = page.goto(demo_site["url"] + path.format(module=module))
    assert response.status == 200
    if not path.startswith("/en/"):  # no course is translated: nothing cites it there
        assert page.locator(".block-reading, .used-in").count() >= 1
    assert _serious_violations(page, axe_js) == []


def test_the_reading_link_opens_the_publication(page, demo_site, readings):
    page.goto(demo_site["url"] + "/reading-courses/care-course/")
    page.locator(".reading-list a").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/research/care-cooperatives/")
    assert page.locator(".used-in a", has_text="돌봄 협동조합 운영").count() == 1
