"""Quiz attempts: start, answer, submit, grade. The server keeps the time."""

import random
from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.grading import answer_grade
from courses.models import QuizPage, QuizPageQuestion, ShowAnswers
from courses.translations import page_canonical
from lms.accounts.models import User

from ..models import Enrollment, QuizAttempt, QuizAttemptStatus
from ..permissions import lesson_access_allowed
from .completion import learner_completion_evaluate
from .enrollment import EnrollmentError

# answers sent this long after the deadline still count (network, clocks)
GRACE = timedelta(seconds=30)
MAX_ANSWER_LENGTH = 500


class QuizError(EnrollmentError):
    """A refused quiz action, with a message for the learner."""


def _questions(quiz: QuizPage) -> list:
    return [
        link.question
        for link in quiz.quiz_questions.select_related("question")
        .prefetch_related("question__options")
        .order_by("sort_order")
    ]


def _questions_of_every_language(quiz: QuizPage) -> dict:
    """The questions of the quiz in any of its languages, by id: an attempt
    started on one language's page is graded on the questions it showed."""
    return {
        link.question.pk: link.question
        for link in QuizPageQuestion.objects.filter(
            page__translation_key=quiz.translation_key
        )
        .select_related("question")
        .prefetch_related("question__options")
    }


def quiz_attempts_used(*, learner: User, quiz: QuizPage) -> int:
    """Attempts at `quiz` in any language: one count for every language."""
    return QuizAttempt.objects.filter(
        learner=learner, quiz_id=page_canonical(quiz).pk
    ).count()


@transaction.atomic
def quiz_attempt_start(*, learner: User, quiz: QuizPage) -> QuizAttempt:
    """Open an attempt, or return the one already open.

    The learner's enrolment row is locked while attempts are counted, so two
    tabs starting at once cannot both take the last attempt; the unique
    (learner, quiz, number) constraint backs that up.

    Whichever language's page the learner starts from, the attempt is one of
    the quiz's (its canonical page's): one count and one grade for all
    languages. The questions are those of the page the learner is reading.
    """
    if not lesson_access_allowed(user=learner, course=quiz.course):
        raise QuizError(_("Enrol in this course to take its quizzes."))
    shown, quiz = quiz, page_canonical(quiz)
    enrollment = (
        Enrollment.objects.select_for_update()
        .filter(
            learner=learner,
            run__course__translation_key=quiz.course.translation_key,
            status__in=["active", "completed"],
        )
        .order_by("-status_changed_at")
        .first()
    )
    open_attempt = QuizAttempt.objects.filter(
        learner=learner, quiz=quiz, status=QuizAttemptStatus.IN_PROGRESS
    ).first()
    if open_attempt is not None:
        if open_attempt.deadline and timezone.now() > open_attempt.deadline + GRACE:
            quiz_attempt_submit(
                attempt=open_attempt, answers=open_attempt.answers, learner=learner
            )
        else:
            return open_attempt
    used = quiz_attempts_used(learner=learner, quiz=quiz)
    if quiz.attempts_allowed and used >= quiz.attempts_allowed:
        raise QuizError(_("You have used all your attempts at this quiz."))
    questions = _questions(shown) or _questions(quiz)
    if not questions:
        raise QuizError(_("This quiz has no questions yet."))
    rng = random.SystemRandom()
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    layout = []
    for question in questions:
        options = [o.pk for o in question.options.all()]
        if quiz.shuffle_options:
            rng.shuffle(options)
        layout.append({"question": question.pk, "options": options})
    now = timezone.now()
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                learner=learner,
                quiz=quiz,
                enrollment=enrollment,
                number=used + 1,
                started_at=now,
                deadline=now + timedelta(minutes=quiz.time_limit_minutes)
                if quiz.time_limit_minutes
                else None,
                layout=layout,
                max_score=sum((Decimal(q.points) for q in questions), Decimal(0)),
            )
    except IntegrityError as error:
        raise QuizError(_("Another attempt was started at the same time.")) from error


def _clean_answers(attempt: QuizAttempt, answers: dict) -> dict:
    """Keep only answers to this attempt's questions, in the expected shapes."""
    shown = {str(item["question"]) for item in attempt.layout}
    cleaned = {}
    for key, value in (answers or {}).items():
        key = str(key)
        if key not in shown:
            continue
        if isinstance(value, list):
            cleaned[key] = [str(v)[:MAX_ANSWER_LENGTH] for v in value[:50]]
        elif value is not None:
            cleaned[key] = str(value)[:MAX_ANSWER_LENGTH]
    return cleaned


@transaction.atomic
def quiz_attempt_submit(
    *, attempt: QuizAttempt, answers: dict, learner: User
) -> QuizAttempt:
    """Grade and close an attempt. Submitting twice changes nothing.

    After the deadline (plus a short grace) the answers sent now are refused:
    the attempt is graded on what was saved before the deadline.
    """
    attempt = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.learner_id != learner.pk:
        raise QuizError(_("This is not your attempt."))
    if attempt.status == QuizAttemptStatus.SUBMITTED:
        return attempt
    now = timezone.now()
    late = attempt.deadline is not None and now > attempt.deadline + GRACE
    if not late:
        attempt.answers = _clean_answers(attempt, answers)
    quiz = attempt.quiz
    questions = _questions_of_every_language(quiz)
    score = Decimal(0)
    results = {}
    for item in attempt.layout:
        question = questions.get(item["question"])
        if question is None:  # removed from the quiz since: no points either way
            continue
        earned = answer_grade(question, attempt.answers.get(str(question.pk)))
        results[str(question.pk)] = str(earned)
        score += earned
    attempt.results = results
    attempt.score = score
    attempt.percent = (
        (score * 100 / attempt.max_score).quantize(Decimal("0.01"))
        if attempt.max_score
        else Decimal(0)
    )
    attempt.passed = attempt.percent >= quiz.pass_mark
    attempt.status = QuizAttemptStatus.SUBMITTED
    attempt.submitted_at = attempt.deadline if late else now
    attempt.save()
    learner_completion_evaluate(learner=learner, course=quiz.course)
    # the view tells the learner that what they sent late was not counted
    attempt.late_answers_refused = late
    return attempt


@transaction.atomic
def quiz_attempt_save(
    *, attempt: QuizAttempt, answers: dict, learner: User
) -> QuizAttempt:
    """Keep the answers so far (autosave), while the time limit allows."""
    attempt = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    if attempt.learner_id != learner.pk:
        raise QuizError(_("This is not your attempt."))
    if attempt.status != QuizAttemptStatus.IN_PROGRESS:
        raise QuizError(_("This attempt has already been submitted."))
    if attempt.deadline and timezone.now() > attempt.deadline + GRACE:
        raise QuizError(_("The time limit has passed."))
    attempt.answers = _clean_answers(attempt, answers)
    attempt.save(update_fields=["answers"])
    return attempt


def quiz_answers_visible(*, attempt: QuizAttempt) -> bool:
    quiz = attempt.quiz
    if attempt.status != QuizAttemptStatus.SUBMITTED:
        return False
    if quiz.show_answers == ShowAnswers.AFTER_SUBMIT:
        return True
    if quiz.show_answers == ShowAnswers.AFTER_LAST_ATTEMPT:
        used = quiz_attempts_used(learner=attempt.learner, quiz=quiz)
        return bool(attempt.passed) or bool(
            quiz.attempts_allowed and used >= quiz.attempts_allowed
        )
    return False


__all__ = [
    "QuizError",
    "quiz_answers_visible",
    "quiz_attempt_save",
    "quiz_attempt_start",
    "quiz_attempt_submit",
    "quiz_attempts_used",
]
