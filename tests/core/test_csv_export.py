"""The one CSV writer: BOM, formula escaping, filenames, streaming."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest

from lms.core.csv_export import csv_filename, csv_response, csv_safe_cell


@pytest.mark.parametrize(
    "value",
    ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"],
)
def test_text_that_would_start_a_formula_is_escaped(value):
    assert csv_safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        (-3, "-3"),
        (Decimal("-1.50"), "-1.50"),
        (True, "1"),
        (date(2027, 1, 13), "2027-01-13"),
        ("이하늘", "이하늘"),
    ],
)
def test_numbers_dates_and_plain_text_are_kept(value, expected):
    assert csv_safe_cell(value) == expected


def test_filename_keeps_korean_and_drops_what_headers_choke_on():
    assert csv_filename("run", 15, "명단") == "run-15-명단.csv"
    assert csv_filename('a"b;c', extension="txt") == "abc.txt"
    assert csv_filename("", None) == "none.csv"


def test_response_streams_bom_header_and_safe_rows():
    rows = ((name, score) for name, score in [("=cmd()", 90), ("김하나", -1)])
    response = csv_response(rows, filename="run-15-명단.csv", header=["이름", "점수"])
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert parsed == [["이름", "점수"], ["'=cmd()", "90"], ["김하나", "-1"]]
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="run-15-')
    assert "filename*=UTF-8''run-15-%EB%AA%85%EB%8B%A8.csv" in disposition
    assert response["Content-Type"] == "text/csv; charset=utf-8"
