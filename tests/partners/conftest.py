import datetime

import pytest
from rest_framework.test import APIClient

from lms.partners.lti import http

from ..factories import CourseRunFactory, course_tree_create
from .lti_platform import FakePlatform

ALL_SCOPES = [
    "catalog:read",
    "content:read",
    "enrolments:write",
    "progress:read",
    "webhooks:manage",
    "courses:publish",
]


@pytest.fixture
def course(catalog):
    """A live course of one module with two lessons."""
    return course_tree_create(index=catalog, modules=1, lessons=2)


@pytest.fixture
def other_course(catalog):
    """A course outside every agreement."""
    return course_tree_create(index=catalog, modules=1, lessons=1)


@pytest.fixture
def run(course):
    return CourseRunFactory(course=course, capacity=10)


@pytest.fixture
def partner_a(db):
    from lms.partners.models import PartnerInstitution

    return PartnerInstitution.objects.create(
        slug="hanbit", name_ko="한빛대학교", name_en="Hanbit University"
    )


@pytest.fixture
def partner_b(db):
    from lms.partners.models import PartnerInstitution

    return PartnerInstitution.objects.create(
        slug="nuri", name_ko="누리대학교", name_en="Nuri University"
    )


def agreement_make(institution, courses, licence="view", **fields):
    from lms.partners.models import PartnerAgreement

    fields.setdefault("starts_on", datetime.date(2020, 1, 1))
    agreement = PartnerAgreement.objects.create(
        institution=institution,
        title=f"{institution.slug} agreement",
        licence=licence,
        **fields,
    )
    agreement.courses.set(courses)
    return agreement


@pytest.fixture
def agreement_a(partner_a, course):
    return agreement_make(partner_a, [course])


@pytest.fixture
def agreement_b(partner_b, course):
    return agreement_make(partner_b, [course])


@pytest.fixture
def token_for():
    """token_for(institution, scopes=[...]) -> the raw token."""
    from lms.partners.services.tokens import api_token_create

    def make(institution, scopes=ALL_SCOPES, **kwargs):
        _token, raw = api_token_create(
            institution=institution, name="test", scopes=scopes, **kwargs
        )
        return raw

    return make


@pytest.fixture
def api_for(token_for):
    """api_for(institution, scopes=...) -> an APIClient sending its token."""

    def make(institution, scopes=ALL_SCOPES, **kwargs):
        client = APIClient()
        client.credentials(
            HTTP_AUTHORIZATION=f"Bearer {token_for(institution, scopes, **kwargs)}"
        )
        return client

    return make


@pytest.fixture
def api_a(api_for, partner_a, agreement_a):
    return api_for(partner_a)


@pytest.fixture
def api_b(api_for, partner_b, agreement_b):
    return api_for(partner_b)


@pytest.fixture
def platform(db):
    """A registered fake platform whose services answer the tool's requests."""
    fake = FakePlatform()
    fake.registration = fake.register()
    http.transport.fetch = fake.fetch
    yield fake
    http.transport.fetch = None


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
