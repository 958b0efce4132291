"""The question bank in the admin: instructors see and use their courses' only."""

import pytest
from django.urls import reverse

from courses.models import CourseModulePage, Question, QuestionType, QuizPage

from ..factories import course_tree_create, instructor_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_a(catalog):
    return course_tree_create(index=catalog, title="과정 A")


@pytest.fixture
def course_b(catalog):
    return course_tree_create(index=catalog, title="과정 B")


def _teacher(course):
    instructor = instructor_create(courses=[course])
    course.save_revision().publish()  # grants the course's pages and its bank
    return instructor


@pytest.fixture
def question_a(course_a):
    return Question.objects.create(
        course=course_a,
        type=QuestionType.TRUE_FALSE,
        text="A의 문항",
        correct_boolean=True,
    )


@pytest.fixture
def question_b(course_b):
    return Question.objects.create(
        course=course_b,
        type=QuestionType.TRUE_FALSE,
        text="B의 문항",
        correct_boolean=True,
    )


def test_an_instructor_lists_their_courses_questions_only(
    client, course_a, question_a, question_b
):
    client.force_login(_teacher(course_a))
    response = client.get(reverse("question_bank:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "A의 문항" in body and "B의 문항" not in body


def test_another_courses_question_cannot_be_edited_or_deleted(
    client, course_a, question_b
):
    client.force_login(_teacher(course_a))
    for name in ("question_bank:edit", "question_bank:delete"):
        url = reverse(name, args=[question_b.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"text": "가로채기"}).status_code == 404
    question_b.refresh_from_db()
    assert question_b.text == "B의 문항"


def test_a_question_can_only_be_added_to_a_taught_course(client, course_a, course_b):
    client.force_login(_teacher(course_a))
    url = reverse("question_bank:add")
    form = client.get(url).context["form"]
    assert list(form.fields["course"].queryset) == [course_a]
    data = {
        "course": course_b.pk,
        "type": QuestionType.TRUE_FALSE,
        "text": "몰래 추가",
        "points": "1",
        "correct_boolean": "true",
        "numeric_tolerance": "0",
        "options-TOTAL_FORMS": "0",
        "options-INITIAL_FORMS": "0",
        "options-MIN_NUM_FORMS": "0",
        "options-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert not Question.objects.filter(text="몰래 추가").exists()
    data["course"] = course_a.pk
    assert client.post(url, data).status_code == 302
    assert Question.objects.get(text="몰래 추가").course_id == course_a.pk


def test_learners_and_visitors_cannot_open_the_bank(client, user, question_a):
    url = reverse("question_bank:index")
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(user)
    assert client.get(url).status_code in (302, 403)


def test_staff_see_every_course_bank(client, staff_user, question_a, question_b):
    client.force_login(staff_user)
    body = client.get(reverse("question_bank:index")).content.decode()
    assert "A의 문항" in body and "B의 문항" in body


def test_a_quiz_offers_only_its_courses_questions(
    client, course_a, question_a, question_b
):
    instructor = _teacher(course_a)
    module = CourseModulePage.objects.child_of(course_a).first()
    quiz = QuizPage(title="퀴즈", slug="quiz", grade_category="quiz")
    module.add_child(instance=quiz)
    client.force_login(instructor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[quiz.pk]))
    assert response.status_code == 200
    formset = response.context["form"].formsets["quiz_questions"]
    assert list(formset.empty_form.fields["question"].queryset) == [question_a]
