"""A course's outline: its modules, lessons and assessments in order."""

from dataclasses import dataclass, field
from typing import Any

from lms.core.page_cache import version_cached


@dataclass
class ModuleOutline:
    module: Any
    lessons: list[Any] = field(default_factory=list)
    assessments: list[Any] = field(default_factory=list)

    @property
    def items(self) -> list[Any]:
        """Lessons, quizzes and assignments in the order the editor put them."""
        return sorted([*self.lessons, *self.assessments], key=lambda page: page.path)


@dataclass
class CourseOutline:
    modules: list[ModuleOutline]

    @property
    def lessons(self) -> list[Any]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def required_lessons(self) -> list[Any]:
        return [lesson for lesson in self.lessons if lesson.is_required]

    @property
    def total_minutes(self) -> int:
        return sum(lesson.estimated_minutes for lesson in self.lessons)

    def neighbours(self, *, lesson) -> dict[str, Any]:
        lessons = self.lessons
        ids = [each.pk for each in lessons]
        if lesson.pk not in ids:
            return {"previous_lesson": None, "next_lesson": None}
        position = ids.index(lesson.pk)
        return {
            "previous_lesson": lessons[position - 1] if position > 0 else None,
            "next_lesson": lessons[position + 1]
            if position + 1 < len(lessons)
            else None,
            "lesson_position": position + 1,
            "lesson_count": len(lessons),
        }


def course_outline(*, course) -> CourseOutline:
    """The live modules and lessons of `course`, in tree order.

    Built from four queries (modules, lessons, quizzes, assignments) and kept
    in the cache until content changes (lms.core.page_cache.version_cached),
    and on the course instance, so that the page and the progress shown on it
    share it in a request.
    """
    cached = getattr(course, "_campus_outline", None)
    if cached is None:
        cached = version_cached(
            f"course-outline:{course.pk}", lambda: _outline_build(course)
        )
        course._campus_outline = cached
    return cached


def _outline_build(course) -> CourseOutline:
    from .models import AssignmentPage, CourseModulePage, LessonPage, QuizPage

    modules = {
        module.path: ModuleOutline(module)
        for module in CourseModulePage.objects.child_of(course).live().order_by("path")
    }
    lessons = (
        LessonPage.objects.descendant_of(course)
        .live()
        .order_by("path")
        .defer_streamfields()
    )
    for lesson in lessons:
        parent = modules.get(lesson.path[: -LessonPage.steplen])
        if parent is not None:
            parent.lessons.append(lesson)
    # one query per kind, with their own fields, rather than specific(defer=True),
    # which would fetch each deferred field of each page on first use
    for kind, model in (("quiz", QuizPage), ("assignment", AssignmentPage)):
        for page in (
            model.objects.descendant_of(course)
            .live()
            .order_by("path")
            .defer_streamfields()
        ):
            parent = modules.get(page.path[: -LessonPage.steplen])
            if parent is not None:
                page.assessment_kind = kind
                parent.assessments.append(page)
    for module in modules.values():
        module.assessments.sort(key=lambda page: page.path)
    return CourseOutline(list(modules.values()))
