"""Course catalog, course, module and lesson pages; instructors."""

import factory

from .accounts import UserFactory
from .pages import ChildPageFactory, site_home_create


class CourseCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.CourseCategory"

    name = factory.Sequence(lambda n: f"사회적기업 창업 {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class CourseIndexPageFactory(ChildPageFactory):
    class Meta:
        model = "courses.CourseIndexPage"

    title = "교육과정"
    slug = factory.Sequence(lambda n: f"courses-{n}")


class CoursePageFactory(ChildPageFactory):
    """A closed, formal, online course; pass `parent=` a CourseIndexPage."""

    class Meta:
        model = "courses.CoursePage"

    title = factory.Sequence(lambda n: f"협동조합 경영 {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "협동조합을 세우고 운영하는 법을 배웁니다."
    learning_mode = "formal"
    delivery = "online"


class CourseModulePageFactory(ChildPageFactory):
    class Meta:
        model = "courses.CourseModulePage"

    title = factory.Sequence(lambda n: f"모듈 {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")


class LessonPageFactory(ChildPageFactory):
    class Meta:
        model = "courses.LessonPage"

    title = factory.Sequence(lambda n: f"차시 {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>사회적경제의 원칙을 살펴봅니다.</p>")]
    )


def course_tree_create(*, index, modules: int = 1, lessons: int = 2, **fields):
    """A live course under `index` with `modules` modules of `lessons` lessons."""
    course = CoursePageFactory(parent=index, **fields)
    for _ in range(modules):
        module = CourseModulePageFactory(parent=course)
        for _ in range(lessons):
            LessonPageFactory(parent=module)
    return course


def catalog_create():
    """A course catalog page under a home page that the default site serves."""
    return CourseIndexPageFactory(parent=site_home_create())


def instructor_create(*, courses=()):
    """A user in the Instructor role, teaching `courses` (not yet published)."""
    from django.contrib.auth.models import Group

    from courses.models import CoursePageInstructor

    instructor = UserFactory()
    instructor.groups.add(Group.objects.get(name="Instructor"))
    for course in courses:
        CoursePageInstructor.objects.create(page=course, user=instructor)
    return instructor
