"""Quiz views: start an attempt, answer, submit, see the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from courses.models import QuizPage

from ..models import QuizAttempt, QuizAttemptStatus
from ..quiz_selectors import attempt_questions
from ..services import (
    QuizError,
    quiz_answers_visible,
    quiz_attempt_save,
    quiz_attempt_start,
    quiz_attempt_submit,
)


def _answers_from(request, attempt: QuizAttempt) -> dict:
    """The answers in a POST: field q<id>, several values for multiple choice."""
    answers = {}
    for item in attempt.layout:
        key = f"q{item['question']}"
        values = request.POST.getlist(key)
        if not values:
            continue
        answers[str(item["question"])] = (
            values
            if len(values) > 1 or (request.POST.get(f"{key}-multiple"))
            else values[0]
        )
    return answers


@login_required
@require_POST
def quiz_start(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    try:
        attempt = quiz_attempt_start(learner=request.user, quiz=quiz)
    except QuizError as error:
        messages.error(request, error.message)
        return redirect(quiz.url)
    return redirect("learning:quiz-attempt", attempt_id=attempt.pk)


def _own_attempt(request, attempt_id: int) -> QuizAttempt:
    return get_object_or_404(
        QuizAttempt.objects.select_related("quiz"), pk=attempt_id, learner=request.user
    )


@login_required
@require_http_methods(["GET", "POST"])
def quiz_attempt(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if attempt.status == QuizAttemptStatus.SUBMITTED:
        return redirect("learning:quiz-result", attempt_id=attempt.pk)
    if request.method == "POST":
        answers = _answers_from(request, attempt)
        try:
            if request.POST.get("action") == "save":
                quiz_attempt_save(
                    attempt=attempt, answers=answers, learner=request.user
                )
                messages.success(request, _("Your answers are saved."))
                return redirect("learning:quiz-attempt", attempt_id=attempt.pk)
            attempt = quiz_attempt_submit(
                attempt=attempt, answers=answers, learner=request.user
            )
        except QuizError as error:
            messages.error(request, error.message)
            response = redirect("learning:quiz-result", attempt_id=attempt.pk)
            response.status_code = 303
            return response
        if getattr(attempt, "late_answers_refused", False):
            messages.error(
                request,
                _(
                    "The time limit had passed: your attempt was graded on the "
                    "answers saved before it."
                ),
            )
            return render(
                request,
                "learning/quiz_result.html",
                _result_context(attempt),
                status=400,
            )
        return redirect("learning:quiz-result", attempt_id=attempt.pk)
    return render(
        request,
        "learning/quiz_attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "questions": attempt_questions(attempt=attempt),
        },
    )


def _result_context(attempt: QuizAttempt) -> dict:
    show = quiz_answers_visible(attempt=attempt)
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "show_answers": show,
        "questions": attempt_questions(attempt=attempt, with_results=True),
    }


@login_required
def quiz_result(request, attempt_id: int):
    attempt = _own_attempt(request, attempt_id)
    if attempt.status != QuizAttemptStatus.SUBMITTED:
        return HttpResponseBadRequest(_("This attempt is still open."))
    return render(request, "learning/quiz_result.html", _result_context(attempt))


urlpatterns = [
    path("quizzes/<int:quiz_id>/start/", quiz_start, name="quiz-start"),
    path("attempts/<int:attempt_id>/", quiz_attempt, name="quiz-attempt"),
    path("attempts/<int:attempt_id>/result/", quiz_result, name="quiz-result"),
]
