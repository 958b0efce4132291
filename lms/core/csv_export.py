"""One CSV writer for every export: Excel-ready, streamed, never a live formula.

Korean staff open these files in Excel, which needs the UTF-8 byte-order mark
to read Hangul, and which runs a cell starting with `=`, `+`, `-`, `@`, a tab
or a carriage return as a formula (CSV injection, OWASP). Every exporter goes
through `csv_response`, so both are handled once.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import quote

from django.http import StreamingHttpResponse
from django.utils.text import slugify

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe_cell(value) -> str:
    """The cell as text a spreadsheet shows and never evaluates.

    Numbers stay numbers (a negative amount is not a formula); text that would
    start a formula gets a leading apostrophe, which Excel hides.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def csv_filename(*parts, extension: str = "csv") -> str:
    """A filename from parts: `csv_filename("run", 15, "roster")` → `run-15-roster.csv`.

    Korean parts are kept (slugify with unicode), anything a header or a file
    system would choke on is dropped.
    """
    words = [slugify(str(part), allow_unicode=True) for part in parts]
    stem = "-".join(word for word in words if word) or "export"
    return f"{stem}.{extension}"


class _Echo:
    """A file-like object whose `write` hands the line back to the generator."""

    def write(self, value: str) -> str:
        return value


def csv_rows(rows: Iterable[Iterable], *, header: Iterable | None = None):
    """The lines of the file, BOM first, each cell made safe."""
    writer = csv.writer(_Echo())
    yield BOM
    if header is not None:
        yield writer.writerow([csv_safe_cell(cell) for cell in header])
    for row in rows:
        yield writer.writerow([csv_safe_cell(cell) for cell in row])


def _content_disposition(filename: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "_", filename).strip("_") or "export.csv"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


def csv_response(
    rows: Iterable[Iterable], *, filename: str, header: Iterable | None = None
) -> StreamingHttpResponse:
    """A streamed CSV download; rows may be a generator over a large queryset."""
    response = StreamingHttpResponse(
        csv_rows(rows, header=header), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = _content_disposition(filename)
    return response
