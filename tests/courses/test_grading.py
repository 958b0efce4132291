"""Automatic grading of each question type, with its edge cases."""

import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from courses.grading import answer_grade, answer_normalise, number_parse
from courses.models import Question, QuestionOption, QuestionType


def _question(type_, **fields) -> Question:
    """An unsaved question; options are attached the way prefetching would."""
    options = fields.pop("options", [])
    question = Question(type=type_, text="질문", points=Decimal(2), **fields)
    question.pk = 1
    attached = []
    for pk, (text, correct) in enumerate(options, start=10):
        option = QuestionOption(question=question, text=text, is_correct=correct)
        option.pk = pk
        attached.append(option)
    question.options = _Options(attached)
    return question


class _Options(list):
    def all(self):
        return self


def test_single_choice_scores_only_the_correct_option():
    question = _question(
        QuestionType.SINGLE, options=[("협동조합", True), ("주식회사", False)]
    )
    assert answer_grade(question, "10") == 2
    assert answer_grade(question, "11") == 0
    assert answer_grade(question, "999") == 0  # tampered: not an option
    assert answer_grade(question, ["10"]) == 0  # wrong shape
    assert answer_grade(question, None) == 0


def test_multiple_choice_is_all_or_nothing():
    question = _question(
        QuestionType.MULTIPLE, options=[("a", True), ("b", True), ("c", False)]
    )
    assert answer_grade(question, ["10", "11"]) == 2
    assert answer_grade(question, ["11", "10"]) == 2
    assert answer_grade(question, ["10"]) == 0
    assert answer_grade(question, ["10", "11", "12"]) == 0
    assert answer_grade(question, ["10", "11", "99"]) == 0
    assert answer_grade(question, "10") == 0


def test_true_false():
    question = _question(QuestionType.TRUE_FALSE, correct_boolean=False)
    assert answer_grade(question, "false") == 2
    assert answer_grade(question, "true") == 0
    assert answer_grade(question, "False") == 0  # only the form's values count


def test_short_text_ignores_case_spacing_and_full_width():
    question = _question(
        QuestionType.SHORT_TEXT, accepted_answers="SROI\n사회적 투자수익률"
    )
    for answer in [
        "SROI",
        "sroi",
        "  ｓｒｏｉ ",
        "Ｓ Ｒ Ｏ Ｉ".replace(" ", ""),
        "사회적  투자수익률",
        "사회적 투자수익률 ",
    ]:
        assert answer_grade(question, answer) == 2, answer
    assert answer_grade(question, "ROI") == 0
    assert answer_grade(question, "") == 0
    assert answer_grade(question, ["SROI"]) == 0


def test_numeric_with_tolerance():
    question = _question(
        QuestionType.NUMERIC,
        numeric_answer=Decimal("12.5"),
        numeric_tolerance=Decimal("0.5"),
    )
    for answer in ["12.5", "12", "13", "１２.５", " 12.9 "]:
        assert answer_grade(question, answer) == 2, answer
    for answer in ["11.9", "13.01", "abc", "", "nan", "inf", "1" * 60]:
        assert answer_grade(question, answer) == 0, answer


def test_numbers_with_thousands_separators_parse():
    assert number_parse("1,234,567") == Decimal(1234567)
    assert number_parse("-3") == Decimal(-3)
    assert number_parse("3e2") == Decimal(300)
    assert number_parse("Infinity") is None


@given(st.text(max_size=40))
def test_normalising_is_idempotent(text):
    once = answer_normalise(text)
    assert answer_normalise(once) == once


@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E),
        min_size=1,
        max_size=20,
    )
)
def test_full_width_answers_match_their_ascii_form(text):
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in text)
    assert answer_normalise(full_width) == answer_normalise(text)


@given(st.text(min_size=1, max_size=20), st.integers(0, 3), st.integers(0, 3))
def test_surrounding_and_repeated_spaces_do_not_matter(text, before, after):
    spaced = " " * before + text.replace(" ", "  ") + " " * after
    assert answer_normalise(spaced) == answer_normalise(text)


@settings(max_examples=200)
@given(
    answer=st.decimals(min_value=-(10**6), max_value=10**6, places=3),
    tolerance=st.decimals(min_value=0, max_value=100, places=3),
    offset=st.decimals(min_value=-200, max_value=200, places=3),
)
def test_numeric_answers_within_the_tolerance_and_only_those_score(
    answer, tolerance, offset
):
    question = _question(
        QuestionType.NUMERIC, numeric_answer=answer, numeric_tolerance=tolerance
    )
    given_answer = answer + offset
    expected = Decimal(2) if abs(offset) <= tolerance else Decimal(0)
    assert answer_grade(question, str(given_answer)) == expected


@pytest.mark.parametrize("composed", ["한국", unicodedata.normalize("NFD", "한국")])
def test_hangul_typed_as_jamo_matches_syllables(composed):
    question = _question(QuestionType.SHORT_TEXT, accepted_answers="한국")
    assert answer_grade(question, composed) == 2
