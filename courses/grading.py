"""Automatic grading of quiz answers: pure functions, no database.

An answer arrives as the learner sent it (strings from a form) and is graded
against a question. Anything malformed or tampered with (an option that is not
the question's, a number that is not a number) earns no points; it never
raises, so one bad answer cannot spoil an attempt.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .models import Question, QuestionType

_SPACES = re.compile(r"\s+")


def answer_normalise(text: str) -> str:
    """Fold the differences a person would not count as a different answer.

    NFKC folds full-width letters and digits (Ａ, １) to their ASCII forms and
    composes Hangul jamo into syllables; then case and runs of spaces go.
    """
    folded = unicodedata.normalize("NFKC", text or "")
    return _SPACES.sub(" ", folded).strip().casefold()


def number_parse(text: str) -> Decimal | None:
    """A decimal number from a learner's answer ('1,234.5', '１２', ' -3 '), or None."""
    cleaned = answer_normalise(text).replace(",", "").replace(" ", "")
    if not cleaned or len(cleaned) > 40:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def _option_ids(question: Question) -> tuple[set[str], set[str]]:
    options = list(question.options.all())
    return {str(o.pk) for o in options}, {str(o.pk) for o in options if o.is_correct}


def answer_grade(question: Question, answer) -> Decimal:
    """The points `answer` earns for `question` (0 up to question.points)."""
    points = Decimal(question.points)
    if question.type == QuestionType.SINGLE:
        valid, correct = _option_ids(question)
        chosen = answer if isinstance(answer, str) else None
        return points if chosen in correct and chosen in valid else Decimal(0)
    if question.type == QuestionType.MULTIPLE:
        valid, correct = _option_ids(question)
        if not isinstance(answer, list) or not all(isinstance(a, str) for a in answer):
            return Decimal(0)
        chosen = set(answer)
        # all or nothing: exactly the correct options, and nothing from elsewhere
        return points if chosen == correct and chosen <= valid else Decimal(0)
    if question.type == QuestionType.TRUE_FALSE:
        expected = "true" if question.correct_boolean else "false"
        return points if answer == expected else Decimal(0)
    if question.type == QuestionType.SHORT_TEXT:
        if not isinstance(answer, str):
            return Decimal(0)
        given = answer_normalise(answer)
        accepted = {answer_normalise(a) for a in question.accepted_answer_list}
        return points if given and given in accepted else Decimal(0)
    if question.type == QuestionType.NUMERIC:
        value = number_parse(answer) if isinstance(answer, str) else None
        if value is None or question.numeric_answer is None:
            return Decimal(0)
        tolerance = Decimal(question.numeric_tolerance or 0)
        within = abs(value - Decimal(question.numeric_answer)) <= tolerance
        return points if within else Decimal(0)
    return Decimal(0)
