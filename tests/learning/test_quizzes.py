"""Quizzes: attempts, the server-kept time limit, grading and tampering."""

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from courses.models import Question, QuestionOption, QuestionType, QuizPageQuestion
from lms.learning.models import EnrollmentStatus, QuizAttempt, QuizAttemptStatus
from lms.learning.services import (
    QuizError,
    quiz_attempt_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)
from lms.learning.services import quizzes as quiz_services
from lms.learning.services.quizzes import quiz_attempts_used

from ..factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(course, grade_item_add):
    """A quiz of three questions (single, numeric, short text), 2 attempts."""
    page = grade_item_add("quiz", attempts_allowed=2, pass_mark=60)
    single = Question.objects.create(
        course=course, type=QuestionType.SINGLE, text="협동조합의 원칙은?"
    )
    right = QuestionOption.objects.create(
        question=single, text="1인 1표", is_correct=True
    )
    QuestionOption.objects.create(question=single, text="1주 1표", is_correct=False)
    numeric = Question.objects.create(
        course=course,
        type=QuestionType.NUMERIC,
        text="5 × 2.5 = ?",
        numeric_answer=Decimal("12.5"),
        numeric_tolerance=Decimal("0.1"),
    )
    short = Question.objects.create(
        course=course,
        type=QuestionType.SHORT_TEXT,
        text="SROI?",
        accepted_answers="SROI",
    )
    for order, question in enumerate([single, numeric, short]):
        QuizPageQuestion.objects.create(page=page, question=question, sort_order=order)
    page.right_option = right
    page.questions = [single, numeric, short]
    return page


@pytest.fixture
def enrolled(active_enrollment):
    return active_enrollment.learner


def _all_right(quiz):
    single, numeric, short = quiz.questions
    return {
        str(single.pk): str(quiz.right_option.pk),
        str(numeric.pk): "12.5",
        str(short.pk): "ｓｒｏｉ",
    }


def test_a_full_marks_attempt_passes(quiz, enrolled):
    attempt = quiz_attempt_start(learner=enrolled, quiz=quiz)
    attempt = quiz_attempt_submit(
        attempt=attempt, answers=_all_right(quiz), learner=enrolled
    )
    assert (attempt.score, attempt.max_score, attempt.percent) == (3, 3, 100)
    assert attempt.passed is True


def test_submitting_twice_changes_nothing(quiz, enrolled):
    attempt = quiz_attempt_start(learner=enrolled, quiz=quiz)
    first = quiz_attempt_submit(
        attempt=attempt, answers=_all_right(quiz), learner=enrolled
    )
    second = quiz_attempt_submit(attempt=attempt, answers={}, learner=enrolled)
    assert second.score == first.score == 3
    assert QuizAttempt.objects.count() == 1


def test_starting_while_an_attempt_is_open_returns_it(quiz, enrolled):
    first = quiz_attempt_start(learner=enrolled, quiz=quiz)
    assert quiz_attempt_start(learner=enrolled, quiz=quiz).pk == first.pk


def test_the_attempt_limit_holds(quiz, enrolled):
    for _ in range(2):
        attempt = quiz_attempt_start(learner=enrolled, quiz=quiz)
        quiz_attempt_submit(attempt=attempt, answers={}, learner=enrolled)
    with pytest.raises(QuizError):
        quiz_attempt_start(learner=enrolled, quiz=quiz)
    assert QuizAttempt.objects.count() == 2


def test_learners_not_enrolled_cannot_start(quiz):
    with pytest.raises(QuizError):
        quiz_attempt_start(learner=UserFactory(), quiz=quiz)
    assert not QuizAttempt.objects.exists()


def test_tampered_answers_earn_nothing(quiz, enrolled, course):
    stranger = Question.objects.create(
        course=course, type=QuestionType.SINGLE, text="x"
    )
    foreign_option = QuestionOption.objects.create(
        question=stranger, text="y", is_correct=True
    )
    single, numeric, _short = quiz.questions
    attempt = quiz_attempt_start(learner=enrolled, quiz=quiz)
    attempt = quiz_attempt_submit(
        attempt=attempt,
        answers={
            str(single.pk): str(foreign_option.pk),  # an option of another question
            str(numeric.pk): ["12.5"],  # a list where a number belongs
            str(stranger.pk): str(foreign_option.pk),  # a question not in the quiz
        },
        learner=enrolled,
    )
    assert attempt.score == 0
    assert str(stranger.pk) not in attempt.answers


def test_answers_sent_after_the_time_limit_do_not_count(quiz, enrolled, monkeypatch):
    quiz.time_limit_minutes = 10
    quiz.save()
    attempt = quiz_attempt_start(learner=enrolled, quiz=quiz)
    single = quiz.questions[0]
    quiz_attempt_save(
        attempt=attempt,
        answers={str(single.pk): str(quiz.right_option.pk)},
        learner=enrolled,
    )
    later = timezone.now() + timedelta(minutes=11)
    monkeypatch.setattr(quiz_services.timezone, "now", lambda: later)
    with pytest.raises(QuizError):
        quiz_attempt_save(attempt=attempt, answers=_all_right(quiz), learner=enrolled)
    attempt = quiz_attempt_submit(
        attempt=attempt, answers=_all_right(quiz), learner=enrolled
    )
    assert attempt.late_answers_refused
    assert attempt.score == 1  # only what was saved in time
    assert attempt.submitted_at == attempt.deadline


def test_an_expired_open_attempt_is_closed_when_the_next_starts(
    quiz, enrolled, monkeypatch
):
    quiz.time_limit_minutes = 5
    quiz.save()
    first = quiz_attempt_start(learner=enrolled, quiz=quiz)
    later = timezone.now() + timedelta(minutes=30)
    monkeypatch.setattr(quiz_services.timezone, "now", lambda: later)
    second = quiz_attempt_start(learner=enrolled, quiz=quiz)
    first.refresh_from_db()
    assert first.status == "submitted"
    assert second.number == 2


def test_shuffling_keeps_every_question_and_option(quiz, enrolled):
    quiz.shuffle_questions = quiz.shuffle_options = True
    quiz.save()
    attempt = quiz_attempt_start(learner=enrolled, quiz=quiz)
    assert sorted(item["question"] for item in attempt.layout) == sorted(
        q.pk for q in quiz.questions
    )
    single_layout = next(
        i for i in attempt.layout if i["question"] == quiz.questions[0].pk
    )
    assert sorted(single_layout["options"]) == sorted(
        quiz.questions[0].options.values_list("pk", flat=True)
    )


def test_passing_the_only_required_assessment_completes_the_course(
    quiz, active_enrollment, django_capture_on_commit_callbacks
):
    run = active_enrollment.run
    run.completion_requires_lessons = False
    run.save()
    learner = active_enrollment.learner
    with django_capture_on_commit_callbacks(execute=True):
        attempt = quiz_attempt_start(learner=learner, quiz=quiz)
        quiz_attempt_submit(attempt=attempt, answers=_all_right(quiz), learner=learner)
    active_enrollment.refresh_from_db()
    assert active_enrollment.status == EnrollmentStatus.COMPLETED
    assert active_enrollment.final_grade == 100


# --- through the views ------------------------------------------------------------


def test_a_learner_takes_the_quiz_through_the_pages(client, quiz, enrolled):
    client.force_login(enrolled)
    response = client.post(reverse("learning:quiz-start", args=[quiz.pk]))
    attempt = QuizAttempt.objects.get()
    assert response["Location"] == reverse("learning:quiz-attempt", args=[attempt.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "협동조합의 원칙은?" in page.content.decode()
    single, numeric, short = quiz.questions
    response = client.post(
        reverse("learning:quiz-attempt", args=[attempt.pk]),
        {
            f"q{single.pk}": quiz.right_option.pk,
            f"q{numeric.pk}": "12.5",
            f"q{short.pk}": "nope",
            "action": "submit",
        },
    )
    assert response.status_code == 302
    result = client.get(response["Location"])
    assert result.status_code == 200
    assert "66.67%" in result.content.decode()


def test_another_learner_cannot_open_my_attempt(client, quiz, enrolled):
    attempt = quiz_attempt_start(learner=enrolled, quiz=quiz)
    other = EnrollmentFactory(run=enrolled.enrollments.first().run).learner
    client.force_login(other)
    assert (
        client.get(reverse("learning:quiz-attempt", args=[attempt.pk])).status_code
        == 404
    )
    assert (
        client.post(
            reverse("learning:quiz-attempt", args=[attempt.pk]), {"action": "submit"}
        ).status_code
        == 404
    )
    attempt.refresh_from_db()
    assert attempt.status == "in_progress"


def test_anonymous_visitors_are_sent_to_log_in(client, quiz, enrolled):
    attempt = quiz_attempt_start(learner=enrolled, quiz=quiz)
    for url in (
        reverse("learning:quiz-attempt", args=[attempt.pk]),
        reverse("learning:quiz-result", args=[attempt.pk]),
    ):
        response = client.get(url)
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )


def test_the_quiz_page_is_closed_to_learners_not_enrolled(client, quiz):
    client.force_login(UserFactory())
    assert client.get(quiz.url).status_code == 403


def test_a_refused_start_says_why_in_korean(client, quiz):
    client.force_login(UserFactory())
    response = client.post(reverse("learning:quiz-start", args=[quiz.pk]), follow=True)
    assert "퀴즈" in response.content.decode() or "신청" in response.content.decode()
    assert not QuizAttempt.objects.exists()


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_the_attempt_limit_holds_under_concurrent_starts(
    postgresql, quiz, active_enrollment
):
    """Eight tabs keep starting and submitting at once: exactly two attempts."""
    learner = active_enrollment.learner
    barrier = threading.Barrier(8)
    errors = []

    def take():
        from django.db import connections

        try:
            barrier.wait()
            for _ in range(10):
                try:
                    attempt = quiz_attempt_start(learner=learner, quiz=quiz)
                    quiz_attempt_submit(attempt=attempt, answers={}, learner=learner)
                except QuizError:
                    # refused: the limit, a race for the open attempt, or
                    # an attempt another tab submitted first; ask again
                    pass
                except Exception as error:  # reported below
                    errors.append(error)
                if quiz_attempts_used(learner=learner, quiz=quiz) >= 2:
                    break
        finally:
            connections.close_all()

    threads = [threading.Thread(target=take) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    attempts = QuizAttempt.objects.filter(learner=learner, quiz=quiz)
    assert sorted(attempts.values_list("number", flat=True)) == [1, 2]
    assert {a.status for a in attempts} == {QuizAttemptStatus.SUBMITTED}
