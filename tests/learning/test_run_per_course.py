"""One course run for every language: the Korean and English pages of a course
offer the same runs, seats and waitlist, and a learner's progress, attempts and
submissions count once whichever language they were made in."""

import pytest
from django.urls import reverse
from django.utils import translation

from courses.models import (
    LessonPage,
    Question,
    QuestionOption,
    QuestionType,
    QuizPageQuestion,
)
from lms.learning.models import CourseRun, Enrollment, LessonProgress, QuizAttempt
from lms.learning.selectors import course_progress, learner_dashboard
from lms.learning.services import (
    enrollment_create,
    lesson_progress_complete,
    lesson_progress_view,
    quiz_attempt_start,
    quiz_attempt_submit,
    submission_create,
)
from lms.learning.services.quizzes import quiz_attempts_used

from ..factories import (
    CourseRunFactory,
    EnrollmentFactory,
    UserFactory,
    translation_tree_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(course):
    """The English translation of `course`, with its modules and lessons."""
    return translation_tree_create(course)


def _lessons(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def _offered(client, page) -> list[tuple[int, int | None]]:
    response = client.get(page.url)
    assert response.status_code == 200
    return [(run.pk, run.seats_left) for run in response.context["runs"]]


def test_korean_and_english_pages_offer_the_same_runs_and_seats(
    client, course, english, learner
):
    full = CourseRunFactory(course=course, capacity=2, title_en="Spring")
    open_run = CourseRunFactory(course=english, capacity=5)
    for other in UserFactory.create_batch(3):
        enrollment_create(learner=other, run=full)
    client.force_login(learner)
    korean = _offered(client, course)
    with translation.override("en"):
        english_offer = _offered(client, english)
    assert korean == english_offer == [(full.pk, 0), (open_run.pk, 5)]


def test_a_run_made_on_the_english_page_belongs_to_the_course(course, english):
    run = CourseRunFactory(course=english, title="2027 봄")
    assert run.course_id == course.pk
    assert list(CourseRun.objects.for_course(english)) == [run]
    assert list(CourseRun.objects.for_course(course)) == [run]


def test_the_run_title_is_in_the_readers_language(course):
    run = CourseRunFactory(course=course, title_ko="2기", title_en="Cohort 2")
    assert run.title == "2기"
    with translation.override("en"):
        assert run.title == "Cohort 2"
    run.title_en = ""
    with translation.override("en"):
        assert run.title == "2기"  # no English title: the Korean one


def test_enrolling_through_the_english_page_takes_a_seat_of_the_one_run(
    client, course, english, learner
):
    run = CourseRunFactory(course=course, capacity=1)
    client.force_login(learner)
    with translation.override("en"):
        [(offered, _)] = _offered(client, english)
        response = client.post(reverse("learning:run-enroll", args=[offered]))
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(learner=learner)
    assert enrollment.run_id == run.pk and enrollment.status == "active"
    # the Korean page shows the same enrolment and no seat left
    response = client.get(course.url)
    assert response.context["enrollment"] == enrollment
    assert [r.seats_left for r in response.context["runs"]] == [0]
    second = enrollment_create(learner=UserFactory(), run=run)
    assert second.status == "waitlisted"


def test_a_lesson_read_in_english_is_done_in_korean_too(course, english, run):
    learner = EnrollmentFactory(run=run).learner
    korean_lessons, english_lessons = _lessons(course), _lessons(english)
    lesson_progress_view(learner=learner, lesson=english_lessons[0])
    lesson_progress_complete(learner=learner, lesson=english_lessons[0])
    lesson_progress_complete(learner=learner, lesson=korean_lessons[0])
    assert LessonProgress.objects.filter(learner=learner).count() == 1
    record = LessonProgress.objects.get(learner=learner)
    assert (record.lesson_id, record.course_id) == (korean_lessons[0].pk, course.pk)
    for page, lessons in ((course, korean_lessons), (english, english_lessons)):
        progress = course_progress(learner=learner, course=page)
        assert (progress.required_done, progress.required_total) == (1, 2)
        assert progress.completed_ids == {lessons[0].pk}
        assert progress.next_lesson == lessons[1]
        assert progress.resume_lesson == lessons[0]


def test_finishing_the_lessons_in_two_languages_completes_the_one_enrolment(
    course, english, run
):
    learner = EnrollmentFactory(run=run).learner
    lesson_progress_complete(learner=learner, lesson=_lessons(english)[0])
    lesson_progress_complete(learner=learner, lesson=_lessons(course)[1])
    assert Enrollment.objects.get(learner=learner).status == "completed"


@pytest.fixture
def quiz(course, grade_item_add):
    page = grade_item_add("quiz", attempts_allowed=2, pass_mark=60)
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


def test_quiz_attempts_count_once_across_languages(course, quiz, run):
    english_course = translation_tree_create(course)
    english_quiz = english_course.get_descendants().type(type(quiz)).get().specific
    learner = EnrollmentFactory(run=run).learner
    attempt = quiz_attempt_start(learner=learner, quiz=english_quiz)
    assert attempt.quiz_id == quiz.pk
    answers = {str(quiz.question.pk): str(quiz.right_option.pk)}
    attempt = quiz_attempt_submit(attempt=attempt, answers=answers, learner=learner)
    assert attempt.passed
    second = quiz_attempt_start(learner=learner, quiz=quiz)
    assert second.number == 2
    assert quiz_attempts_used(learner=learner, quiz=english_quiz) == 2
    assert QuizAttempt.objects.filter(learner=learner).count() == 2


def test_submissions_in_two_languages_are_versions_of_one_assignment(
    course, make_assignment, run, private_media
):
    assignment = make_assignment()
    english_course = translation_tree_create(course)
    english_assignment = (
        english_course.get_descendants().type(type(assignment)).get().specific
    )
    learner = EnrollmentFactory(run=run).learner
    first = submission_create(learner=learner, assignment=english_assignment, text="A")
    second = submission_create(learner=learner, assignment=assignment, text="B")
    assert (first.assignment_id, first.version) == (assignment.pk, 1)
    assert (second.assignment_id, second.version) == (assignment.pk, 2)
    first.refresh_from_db()
    assert first.status == "superseded"


def test_the_english_dashboard_shows_the_english_course(client, course, english, run):
    learner = EnrollmentFactory(run=run).learner
    with translation.override("en"):
        [entry] = learner_dashboard(learner=learner)["entries"]
        assert entry.enrollment.run.course.pk == english.pk
        assert entry.enrollment.run.course_id == course.pk
        assert entry.progress.required_total == 2
    [entry] = learner_dashboard(learner=learner)["entries"]
    assert entry.enrollment.run.course.pk == course.pk


def test_the_english_catalog_lists_the_courses_runs(client, course, english, run):
    with translation.override("en"):
        response = client.get(english.get_parent().url)
    [shown] = response.context["courses"]
    assert shown.pk == english.pk
    assert [r.pk for r in shown.open_runs] == [run.pk]
