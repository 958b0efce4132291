"""The catalog search reads both languages' text and answers in the reader's."""

import pytest
from wagtail.models import Locale

from lms.learning.selectors import CatalogQuery, course_catalog

from ..factories import course_tree_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated_course(catalog):
    course = course_tree_create(index=catalog, title="지역 먹거리 판로 개척")
    english, _ = Locale.objects.get_or_create(language_code="en")
    catalog_en = catalog.copy_for_translation(english, copy_parents=True)
    catalog_en.save_revision().publish()
    course_en = course.copy_for_translation(english)
    course_en.title = "Local food marketing"
    course_en.save_revision().publish()
    return course, course_en, catalog_en


def test_an_english_word_finds_the_korean_course_in_the_korean_catalog(
    catalog, translated_course
):
    course, _course_en, _catalog_en = translated_course
    found = list(
        course_catalog(index=catalog, query=CatalogQuery(q="marketing"))["courses"]
    )
    assert [page.pk for page in found] == [course.pk]


def test_a_korean_word_finds_the_english_page_in_the_english_catalog(
    translated_course,
):
    _course, course_en, catalog_en = translated_course
    found = list(
        course_catalog(index=catalog_en, query=CatalogQuery(q="먹거리"))["courses"]
    )
    assert [page.pk for page in found] == [course_en.pk]


def test_a_word_in_neither_language_finds_nothing(catalog, translated_course):
    result = course_catalog(index=catalog, query=CatalogQuery(q="회계"))
    assert result["result_count"] == 0
