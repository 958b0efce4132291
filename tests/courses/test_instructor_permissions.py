"""Publishing a course gives its instructors its pages, and no other course's."""

import pytest
from django.contrib.auth.models import Group

from courses.outline import course_outline
from courses.services import course_instructor_group_name

from ..factories import course_tree_create, instructor_create

pytestmark = pytest.mark.django_db


def _publish(page) -> None:
    page.save_revision().publish()


@pytest.fixture
def course_a(catalog):
    return course_tree_create(index=catalog, title="과정 A")


@pytest.fixture
def course_b(catalog):
    return course_tree_create(index=catalog, title="과정 B")


@pytest.fixture
def instructor_a(course_a, course_b):
    instructor = instructor_create(courses=[course_a])
    _publish(course_a)
    return instructor


@pytest.fixture
def instructor_b(course_a, course_b):
    instructor = instructor_create(courses=[course_b])
    _publish(course_b)
    return instructor


def test_instructor_can_edit_their_published_course(instructor_a, course_a):
    assert course_a.permissions_for_user(instructor_a).can_edit()


def test_instructor_can_edit_and_add_lessons_of_their_course(instructor_a, course_a):
    outline = course_outline(course=course_a)
    module, lesson = outline.modules[0].module, outline.lessons[0]
    assert lesson.permissions_for_user(instructor_a).can_edit()
    assert module.permissions_for_user(instructor_a).can_add_subpage()


def test_instructor_cannot_edit_another_course(instructor_a, instructor_b, course_b):
    assert not course_b.permissions_for_user(instructor_a).can_edit()
    lesson = course_outline(course=course_b).lessons[0]
    assert not lesson.permissions_for_user(instructor_a).can_edit()


def test_instructor_cannot_publish_without_staff(instructor_a, course_a):
    """Instructors draft and submit; publishing goes through staff."""
    assert not course_a.permissions_for_user(instructor_a).can_publish()


def test_instructor_cannot_edit_the_catalog(instructor_a, catalog):
    assert not catalog.permissions_for_user(instructor_a).can_edit()


def test_admin_edit_view_opens_own_course_and_refuses_another(
    client, instructor_a, instructor_b, course_a, course_b
):
    client.force_login(instructor_a)
    assert client.get(f"/admin/pages/{course_a.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{course_b.pk}/edit/").status_code in (302, 403)


def test_unpublished_course_grants_nothing(catalog):
    draft = course_tree_create(index=catalog)
    instructor = instructor_create(courses=[draft])
    assert not draft.permissions_for_user(instructor).can_edit()


def test_course_group_holds_exactly_the_courses_instructors(course_a, instructor_a):
    group = Group.objects.get(name=course_instructor_group_name(course_a))
    assert list(group.user_set.all()) == [instructor_a]


def test_instructor_removed_from_a_course_loses_it_on_the_next_publish(
    course_a, instructor_a
):
    course_a.instructor_links.all().delete()
    _publish(course_a)
    assert not course_a.permissions_for_user(instructor_a).can_edit()


def test_republishing_does_not_duplicate_the_group_or_its_permissions(
    course_a, instructor_a
):
    _publish(course_a)
    group = Group.objects.get(name=course_instructor_group_name(course_a))
    assert group.page_permissions.count() == 2
