"""What every visitor sees alike is kept until content changes, and no longer.

lms/core/page_cache.py keeps the site, where each URL leads, view restrictions,
course outlines, the main menu and a page's translations under the page-cache
version. These tests change content the ways editors do and check that the
next request, signed in (so the anonymous page cache is not in play), shows it.
"""

import pytest
from django.db import transaction
from wagtail.models import PageViewRestriction

from courses.models import LessonPage
from lms.core.page_cache import page_cache_clear, page_cache_version, version_cached

from ..factories import (
    CourseCategoryFactory,
    CourseModulePageFactory,
    LessonPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, active_enrollment):
    client.force_login(active_enrollment.learner)
    return client


def _warm(client, *urls):
    for url in urls:
        assert client.get(url).status_code == 200


def test_a_new_lesson_shows_in_the_outline_at_once(signed_in, course):
    _warm(signed_in, course.url)
    module = course.get_children().first()
    LessonPageFactory(parent=module, title="새로 더한 차시")
    assert "새로 더한 차시" in signed_in.get(course.url).content.decode()


def test_a_renamed_lesson_shows_its_new_title_once_published(signed_in, course):
    lesson = LessonPage.objects.descendant_of(course).first()
    _warm(signed_in, course.url, lesson.url)
    lesson.title = "고친 제목"
    lesson.save_revision().publish()
    assert "고친 제목" in signed_in.get(course.url).content.decode()
    assert "고친 제목" in signed_in.get(lesson.url).content.decode()


def test_an_unpublished_page_is_gone_from_its_cached_route(signed_in, course):
    lesson = LessonPage.objects.descendant_of(course).first()
    url = lesson.url
    _warm(signed_in, url)
    lesson.unpublish()
    assert signed_in.get(url).status_code == 404


def test_a_moved_page_is_found_at_its_new_address_only(signed_in, course):
    lesson = LessonPage.objects.descendant_of(course).first()
    old_url = lesson.url
    _warm(signed_in, old_url)
    target = CourseModulePageFactory(parent=course, slug="moved-here")
    lesson.move(target, pos="last-child")
    lesson.refresh_from_db()
    assert "/moved-here/" in lesson.url
    # the old address is no route any more: Wagtail's redirect to the new one
    old = signed_in.get(old_url)
    assert old.status_code == 301
    assert old["Location"] == lesson.url
    assert signed_in.get(lesson.url).status_code == 200


def test_a_new_view_restriction_applies_to_a_cached_page(client, course):
    # anonymous: what the restriction keeps out
    _warm(client, course.url)
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(f"{course.url}?after-restriction")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_removing_a_view_restriction_opens_the_page_again(client, course):
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(course.url).status_code == 302
    restriction.delete()
    assert client.get(course.url).status_code == 200


def test_a_new_menu_page_shows_in_the_main_menu(signed_in, catalog):
    url = "/learn/"
    _warm(signed_in, url)
    assert f'href="{catalog.url}"' not in signed_in.get(url).content.decode()
    catalog.show_in_menus = True
    catalog.save_revision().publish()
    assert f'href="{catalog.url}"' in signed_in.get(url).content.decode()


def test_clearing_inside_a_transaction_raises_the_version_again_on_commit(
    django_capture_on_commit_callbacks,
):
    before = page_cache_version()
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            page_cache_clear()
            during = page_cache_version()
    assert during == before + 1
    # a request that read the old rows before the commit kept them under
    # `during`; the commit retires that version too
    assert page_cache_version() == before + 2


def test_a_kept_part_is_built_once_per_version():
    built = []

    def build():
        built.append(1)
        return ["part"]

    assert version_cached("test-part", build) == ["part"]
    assert version_cached("test-part", build) == ["part"]
    assert len(built) == 1
    page_cache_clear()
    assert version_cached("test-part", build) == ["part"]
    assert len(built) == 2


def test_a_renamed_category_shows_on_the_course_page(signed_in, course):
    course.category = CourseCategoryFactory(name="사회적금융")
    course.save_revision().publish()
    _warm(signed_in, course.url)
    category = course.category
    category.name = "사회적 금융과 투자"
    category.save()
    assert "사회적 금융과 투자" in signed_in.get(course.url).content.decode()
