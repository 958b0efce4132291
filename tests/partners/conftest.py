import pytest

from lms.partners.lti import http

from .lti_platform import FakePlatform


@pytest.fixture
def platform(db):
    """A registered fake platform whose services answer the tool's requests."""
    fake = FakePlatform()
    fake.registration = fake.register()
    http.transport.fetch = fake.fetch
    yield fake
    http.transport.fetch = None


@pytest.fixture
def catalog(db):
    from ..factories import catalog_create

    return catalog_create()


@pytest.fixture
def course(catalog):
    from ..factories import course_tree_create

    return course_tree_create(index=catalog, modules=1, lessons=2)


@pytest.fixture
def run(course):
    from ..factories import CourseRunFactory

    return CourseRunFactory(course=course)


@pytest.fixture
def lesson(course):
    from courses.models import LessonPage

    return LessonPage.objects.descendant_of(course).first()


@pytest.fixture
def quiz(course):
    from courses.models import CourseModulePage, QuizPage

    module = CourseModulePage.objects.child_of(course).first()
    page = QuizPage(title="마무리 퀴즈", slug="final-quiz", grade_category="quiz")
    module.add_child(instance=page)
    return page
