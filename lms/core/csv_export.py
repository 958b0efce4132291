"""CSV downloads (provisional copy of the lead's shared helper; main's version
replaces it at the merge)."""

import csv
import re

from django.http import StreamingHttpResponse

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe_cell(value) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_filename(*parts, extension: str = "csv") -> str:
    stem = "-".join(str(part) for part in parts if str(part))
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "export"
    return f"{stem}.{extension}"


class _Echo:
    def write(self, value):
        return value


def csv_response(rows, *, filename: str, header=None) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        if header is not None:
            yield writer.writerow([csv_safe_cell(cell) for cell in header])
        for row in rows:
            yield writer.writerow([csv_safe_cell(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
