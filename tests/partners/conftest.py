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
    from courses.models import (
        CourseModulePage,
        Question,
        QuestionOption,
        QuestionType,
        QuizPage,
        QuizPageQuestion,
    )

    module = CourseModulePage.objects.child_of(course).first()
    page = QuizPage(title="마무리 퀴즈", slug="final-quiz", grade_category="quiz")
    module.add_child(instance=page)
    question = Question.objects.create(
        course=course, type=QuestionType.SINGLE, text="협동조합의 원칙은?"
    )
    page.right_option = QuestionOption.objects.create(
        question=question, text="1인 1표", is_correct=True
    )
    QuestionOption.objects.create(question=question, text="1주 1표", is_correct=False)
    QuizPageQuestion.objects.create(page=page, question=question, sort_order=0)
    page.question = question
    return page


@pytest.fixture
def eager_retries():
    """Eager tasks retry at once, as a worker would after the countdown
    (Celery re-runs an eager task on Retry only when it does not propagate)."""
    from lms.celery import app

    saved = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = saved
