"""A course's outline: live modules and lessons in tree order, in two queries."""

import pytest

from courses.models import CoursePage
from courses.outline import course_outline

from ..factories import (
    CourseModulePageFactory,
    LessonPageFactory,
    course_tree_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalog):
    return course_tree_create(index=catalog, modules=2, lessons=2)


def _fresh(course) -> CoursePage:
    """The course without the outline cached on the instance."""
    return CoursePage.objects.get(pk=course.pk)


def test_outline_lists_modules_and_lessons_in_tree_order(course):
    outline = course_outline(course=_fresh(course))
    assert [len(module.lessons) for module in outline.modules] == [2, 2]
    paths = [lesson.path for lesson in outline.lessons]
    assert paths == sorted(paths)
    assert all(
        lesson.path.startswith(module.module.path)
        for module in outline.modules
        for lesson in module.lessons
    )


def test_outline_leaves_out_unpublished_lessons_and_modules(course):
    module = course_outline(course=_fresh(course)).modules[0].module
    LessonPageFactory(parent=module, live=False)
    draft_module = CourseModulePageFactory(parent=course, live=False)
    LessonPageFactory(parent=draft_module)
    outline = course_outline(course=_fresh(course))
    assert len(outline.modules) == 2
    assert len(outline.lessons) == 4


def test_outline_takes_four_queries_however_many_lessons(
    catalog, django_assert_num_queries
):
    """Modules, lessons, quizzes and assignments: one query each."""
    course = _fresh(course_tree_create(index=catalog, modules=3, lessons=4))
    with django_assert_num_queries(4):
        outline = course_outline(course=course)
    assert len(outline.lessons) == 12


def test_outline_counts_minutes_and_required_lessons(catalog):
    course = course_tree_create(index=catalog, modules=1, lessons=0)
    module = course_outline(course=_fresh(course)).modules[0].module
    LessonPageFactory(parent=module, estimated_minutes=10)
    LessonPageFactory(parent=module, estimated_minutes=20, is_required=False)
    outline = course_outline(course=_fresh(course))
    assert outline.total_minutes == 30
    assert len(outline.required_lessons) == 1


def test_neighbours_cross_module_boundaries(course):
    outline = course_outline(course=_fresh(course))
    lessons = outline.lessons
    around_second = outline.neighbours(lesson=lessons[1])
    assert around_second["previous_lesson"] == lessons[0]
    assert around_second["next_lesson"] == lessons[2]
    assert around_second["lesson_position"] == 2
    assert around_second["lesson_count"] == 4


def test_first_and_last_lessons_have_one_neighbour(course):
    outline = course_outline(course=_fresh(course))
    lessons = outline.lessons
    assert outline.neighbours(lesson=lessons[0])["previous_lesson"] is None
    assert outline.neighbours(lesson=lessons[-1])["next_lesson"] is None


def test_lesson_knows_its_course(course):
    lesson = course_outline(course=_fresh(course)).lessons[0]
    assert lesson.course.pk == course.pk
