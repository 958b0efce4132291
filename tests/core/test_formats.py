"""One set of date, time and number formats, in Korean conventions and English."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from lms.core.formats import date_range_display, number_display

SEOUL = ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    ("start", "end", "korean", "english"),
    [
        (
            dt.date(2027, 1, 13),
            dt.date(2027, 2, 24),
            "2027년 1월 13일 – 2월 24일",
            "13 Jan 2027 – 24 Feb 2027",
        ),
        (
            dt.date(2027, 1, 13),
            dt.date(2027, 1, 24),
            "2027년 1월 13일 – 24일",
            "13 Jan 2027 – 24 Jan 2027",
        ),
        (
            dt.date(2026, 12, 25),
            dt.date(2027, 1, 2),
            "2026년 12월 25일 – 2027년 1월 2일",
            "25 Dec 2026 – 2 Jan 2027",
        ),
        (dt.date(2027, 1, 13), None, "2027년 1월 13일", "13 Jan 2027"),
    ],
)
def test_a_date_range_in_both_languages(start, end, korean, english):
    with translation.override("ko"):
        assert date_range_display(start, end) == korean
    with translation.override("en"):
        assert date_range_display(start, end) == english


def _render(source: str, **context) -> str:
    return Template("{% load formats %}" + source).render(Context(context))


def test_named_formats_follow_korean_conventions():
    moment = dt.datetime(2027, 1, 13, 18, 0, tzinfo=SEOUL)
    day = dt.date(2027, 1, 3)
    with translation.override("ko"):
        assert _render('{{ m|time:"TIME_FORMAT" }}', m=moment) == "오후 6:00"
        assert _render('{{ m|date:"DATETIME_FORMAT" }}', m=moment) == (
            "2027년 1월 13일 오후 6:00"
        )
        assert _render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=day) == "2027-01-03"
        assert _render('{{ d|date:"DATE_FORMAT" }}', d=day) == "2027년 1월 3일"
    with translation.override("en"):
        assert _render('{{ m|time:"TIME_FORMAT" }}', m=moment) == "18:00"
        assert _render('{{ m|date:"DATETIME_FORMAT" }}', m=moment) == (
            "13 Jan 2027, 18:00"
        )
        assert _render('{{ d|date:"DATE_FORMAT" }}', d=day) == "3 Jan 2027"
        assert _render('{{ d|date:"SHORT_DATE_FORMAT" }}', d=day) == "2027-01-03"


def test_the_range_tag_in_a_template():
    with translation.override("ko"):
        html = _render(
            "{% date_range a b %}", a=dt.date(2027, 1, 13), b=dt.date(2027, 2, 24)
        )
    assert html == "2027년 1월 13일 – 2월 24일"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("0.5000"), "0.5"),
        (Decimal("25.0000"), "25"),
        (Decimal("0.125"), "0.125"),
    ],
)
def test_numbers_drop_trailing_zeros(value, shown):
    assert number_display(value) == shown
    assert _render(
        "{{ v|number }} ± {{ t|number }}", v=Decimal("25.0000"), t=value
    ) == (f"25 ± {shown}")
