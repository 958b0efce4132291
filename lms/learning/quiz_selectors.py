"""Reads about quizzes: an attempt's questions as shown, and the quiz page's state."""

from dataclasses import dataclass, field
from decimal import Decimal

from courses.models import Question

from .models import QuizAttempt, QuizAttemptStatus


@dataclass
class ShownQuestion:
    question: Question
    options: list = field(default_factory=list)
    answer: object = None
    earned: Decimal | None = None

    @property
    def chosen(self) -> set[str]:
        if isinstance(self.answer, list):
            return set(self.answer)
        return {self.answer} if self.answer else set()

    @property
    def correct(self) -> bool:
        return self.earned is not None and self.earned >= self.question.points


def attempt_questions(*, attempt: QuizAttempt, with_results: bool = False) -> list:
    """The attempt's questions and options in the order they were shown."""
    ids = [item["question"] for item in attempt.layout]
    questions = {
        q.pk: q for q in Question.objects.filter(pk__in=ids).prefetch_related("options")
    }
    shown = []
    for item in attempt.layout:
        question = questions.get(item["question"])
        if question is None:
            continue
        options = {o.pk: o for o in question.options.all()}
        entry = ShownQuestion(
            question=question,
            options=[options[pk] for pk in item["options"] if pk in options],
            answer=attempt.answers.get(str(question.pk)),
        )
        if with_results and str(question.pk) in attempt.results:
            entry.earned = Decimal(attempt.results[str(question.pk)])
        shown.append(entry)
    return shown


def quiz_state(*, learner, quiz) -> dict:
    """For the quiz page: attempts so far, the open one, what is left; the same
    in every language of the quiz."""
    if not learner.is_authenticated:
        return {}
    attempts = list(
        QuizAttempt.objects.filter(
            learner=learner, quiz__translation_key=quiz.translation_key
        ).order_by("number")
    )
    open_attempt = next(
        (a for a in attempts if a.status == QuizAttemptStatus.IN_PROGRESS), None
    )
    submitted = [a for a in attempts if a.status == QuizAttemptStatus.SUBMITTED]
    left = None
    if quiz.attempts_allowed:
        left = max(quiz.attempts_allowed - len(attempts), 0)
    best = max((a.percent for a in submitted if a.percent is not None), default=None)
    return {
        "attempts": submitted,
        "open_attempt": open_attempt,
        "attempts_left": left,
        "best_percent": best,
        "passed": any(a.passed for a in submitted),
    }
