"""Research in teaching: publications cited in lessons and reading lists, and
"used in courses" on the publication page."""

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction

from courses.models import CoursePageReading, CourseReading
from tests.factories import (
    CourseIndexPageFactory,
    CourseModulePageFactory,
    CoursePageFactory,
    LessonPageFactory,
    translation_tree_create,
)
from tests.factories.research import person_create, publication_create
from tests.research_portal.conftest import author, home, index  # noqa: F401


@pytest.fixture
def catalog(home):  # noqa: F811
    return CourseIndexPageFactory(parent=home, slug="courses")


def _course(catalog, *, readings=(), cited=(), publish=True, **fields):
    """An open course with one lesson citing `cited`, and `readings` as its
    reading list (pairs of publication and required), published."""
    course = CoursePageFactory(parent=catalog, is_open=True, live=False, **fields)
    course.readings = [
        CoursePageReading(publication=p, is_required=required, note="12–30쪽")
        for p, required in readings
    ]
    course.save()
    module = CourseModulePageFactory(parent=course)
    lesson = LessonPageFactory(
        parent=module,
        body=[
            ("paragraph", "<p>읽어 봅시다.</p>"),
            *(("publication", {"publication": p, "note": "요약"}) for p in cited),
        ],
    )
    if publish:
        course.save_revision().publish()
        lesson.save_revision().publish()
        course.refresh_from_db()
        lesson.refresh_from_db()
    return course, lesson


def test_a_lesson_cites_a_publication_with_a_link_in_the_readers_language(
    client,
    catalog,
    index,  # noqa: F811
    author,  # noqa: F811
):
    publication = publication_create(index=index, authors=[author])
    course, lesson = _course(catalog, cited=[publication])
    body = client.get(lesson.url).content.decode()
    assert "최지훈" in body and publication.title in body
    assert f'href="/research/{publication.slug}/"' in body
    assert "요약" in body

    english = translation_tree_create(lesson)
    with translation.override("en"):
        body = client.get(english.url).content.decode()
    assert "Choi, J." in body and publication.title_en in body
    assert f'href="/en/research/{publication.slug}/"' in body


def test_a_draft_publication_is_not_shown_in_a_lesson(
    client,
    catalog,
    index,  # noqa: F811
    author,  # noqa: F811
):
    draft = publication_create(index=index, authors=[author], publish=False)
    _course_page, lesson = _course(catalog, cited=[draft])
    body = client.get(lesson.url).content.decode()
    assert "읽어 봅시다" in body
    assert draft.title not in body


def test_the_course_page_lists_its_readings_in_order_with_required_or_optional(
    client,
    catalog,
    index,  # noqa: F811
    author,  # noqa: F811
):
    first = publication_create(index=index, authors=[author])
    second = publication_create(index=index, authors=[person_create()])
    course, _lesson = _course(catalog, readings=[(first, True), (second, False)])
    body = client.get(course.url).content.decode()
    assert body.index(first.title) < body.index(second.title)
    assert "12–30쪽" in body
    assert f'href="/research/{first.slug}/"' in body


def test_the_reading_list_says_required_and_optional_in_english(
    client,
    catalog,
    index,  # noqa: F811
    author,  # noqa: F811
):
    first = publication_create(index=index, authors=[author])
    second = publication_create(index=index, authors=[author])
    course, _lesson = _course(catalog, readings=[(first, True), (second, False)])
    english = translation_tree_create(course)
    with translation.override("en"):
        body = client.get(english.url).content.decode()
    assert "Required reading" in body and "Optional reading" in body
    assert first.title_en in body
    assert f'href="/en/research/{first.slug}/"' in body


def test_publishing_keeps_one_row_per_citation_as_source_pages(
    catalog,
    index,  # noqa: F811
    author,  # noqa: F811
):
    listed = publication_create(index=index, authors=[author])
    cited = publication_create(index=index, authors=[author])
    course, lesson = _course(catalog, readings=[(listed, True)], cited=[cited])
    rows = set(CourseReading.objects.values_list("publication_id", "lesson_id"))
    assert rows == {(listed.pk, None), (cited.pk, lesson.pk)}
    lesson.unpublish()
    assert set(CourseReading.objects.values_list("publication_id", flat=True)) == {
        listed.pk
    }
    english_lesson = translation_tree_create(lesson)
    alias = cited.get_translation(english_lesson.locale)
    assert alias.alias_of_id == cited.pk
    english_lesson.body = [("publication", {"publication": alias, "note": ""})]
    english_lesson.save_revision().publish()
    # the English lesson cites the English alias: stored as the source page
    english_course = english_lesson.get_parent().get_parent().specific
    assert set(
        CourseReading.objects.filter(course=english_course).values_list(
            "publication_id", flat=True
        )
    ) == {listed.pk, cited.pk}


def test_the_publication_page_lists_the_live_public_courses_citing_it(
    client,
    catalog,
    index,  # noqa: F811
    author,  # noqa: F811
):
    publication = publication_create(index=index, authors=[author])
    listing, _ = _course(
        catalog, title="읽기 목록 과정", readings=[(publication, True)]
    )
    citing, _ = _course(catalog, title="차시 인용 과정", cited=[publication])
    draft, _ = _course(
        catalog, title="초안 과정", readings=[(publication, True)], publish=False
    )
    private, _ = _course(catalog, title="비공개 과정", cited=[publication])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    withdrawn, _ = _course(catalog, title="내린 과정", readings=[(publication, True)])
    withdrawn.unpublish()

    body = client.get(f"/research/{publication.slug}/").content.decode()
    assert f'<a href="{listing.url}">읽기 목록 과정</a>' in body
    assert f'<a href="{citing.url}">차시 인용 과정</a>' in body
    for hidden in ("초안 과정", "비공개 과정", "내린 과정"):
        assert hidden not in body


def test_used_in_courses_is_in_the_readers_language(
    client,
    catalog,
    index,  # noqa: F811
    author,  # noqa: F811
):
    publication = publication_create(index=index, authors=[author])
    course, _ = _course(catalog, title="협동조합 읽기", readings=[(publication, True)])
    english = translation_tree_create(course)
    english.title = "Reading on cooperatives"
    english.save_revision().publish()
    with translation.override("en"):
        body = client.get(f"/en/research/{publication.slug}/").content.decode()
    assert f'<a href="{english.url}">Reading on cooperatives</a>' in body
    assert "협동조합 읽기" not in body
    body = client.get(f"/research/{publication.slug}/").content.decode()
    assert "협동조합 읽기" in body and "Reading on cooperatives" not in body


def test_a_publication_nobody_teaches_has_no_used_in_section(
    client,
    index,  # noqa: F811
    author,  # noqa: F811
):
    publication = publication_create(index=index, authors=[author])
    with translation.override("en"):
        body = client.get(f"/en/research/{publication.slug}/").content.decode()
    assert "Used in courses" not in body


# --- queries ----------------------------------------------------------------------


@pytest.mark.parametrize("courses", [1, 4])
def test_publication_page_queries_do_not_grow_with_citing_courses(
    client,
    catalog,
    index,  # noqa: F811
    author,  # noqa: F811
    django_assert_num_queries,
    courses,
):
    publication = publication_create(index=index, authors=[author])
    for _ in range(courses):
        _course(catalog, readings=[(publication, True)], cited=[publication])
    url = f"/research/{publication.slug}/"
    client.get(url)
    with django_assert_num_queries(PUBLICATION_PAGE_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("readings", [1, 4])
@pytest.mark.parametrize("which", ["course", "lesson"])
def test_course_and_lesson_queries_do_not_grow_with_readings(
    client,
    catalog,
    index,  # noqa: F811
    django_assert_num_queries,
    readings,
    which,
):
    publications = [
        publication_create(index=index, authors=[person_create(), person_create()])
        for _ in range(readings)
    ]
    course, lesson = _course(
        catalog,
        readings=[(p, True) for p in publications],
        cited=publications,
    )
    page, pinned = {
        "course": (course, COURSE_QUERIES),
        "lesson": (lesson, LESSON_QUERIES),
    }[which]
    client.get(page.url + "?warm")
    with django_assert_num_queries(pinned):
        response = client.get(page.url + f"?n={readings}")
    assert response.status_code == 200
    assert response.content.decode().count('class="block-reading"') == readings


# the publication page's own (tests/research_portal/test_pages.py) and the two
# of "used in courses" (view restrictions, the courses)
PUBLICATION_PAGE_QUERIES = 9
# anonymous, warm: the course's own (tests/learning/test_page_queries.py), the
# reading list (1) and its publications (4: publication_readings)
COURSE_QUERIES = 9
# anonymous, open course: the lesson's own, its publication blocks' pages (1)
# and their citations (4: publication_readings)
LESSON_QUERIES = 9
