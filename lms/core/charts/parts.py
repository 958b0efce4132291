"""Pieces every chart shares: rows read from the data, ids, series, the
description for screen readers, the table, the empty chart, the legend, and
the layout of horizontal rows.
"""

import hashlib
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .measure import _number, text_width, value_format
from .shapes import (
    BAR_THICKNESS,
    PALETTE,
    ROW_GAP,
    SMALL_FONT_SIZE,
    Chart,
    LegendItem,
    Series,
)


def _rows(data: Iterable, series_count: int) -> list[tuple[str, list[float]]]:
    rows = []
    for item in data:
        label, *values = item
        if len(values) == 1 and isinstance(values[0], list | tuple):
            values = list(values[0])
        values = [_number(v) for v in values][:series_count]
        values += [0.0] * (series_count - len(values))
        rows.append((str(label), values))
    return rows


def _chart_id(kind: str, title: str, chart_id: str) -> str:
    if chart_id:
        return chart_id
    digest = hashlib.sha1(f"{kind}:{title}".encode(), usedforsecurity=False)
    return f"chart-{digest.hexdigest()[:8]}"


def _series(names: Sequence[str] | None, value_header: str) -> list[Series]:
    names = list(names or [value_header or _("Value")])
    return [
        Series(name=str(name), fill=PALETTE[i % len(PALETTE)])
        for i, name in enumerate(names)
    ]


def _describe(kind: str, rows, series: list[Series], unit: str) -> str:
    """A one-sentence summary for the SVG's <desc>: how many, and the highest."""
    first = [(label, values[0]) for label, values in rows]
    top_label, top_value = max(first, key=lambda row: row[1])
    if kind == "funnel":
        last_label, last_value = first[-1]
        return _(
            "%(steps)d steps, from %(first)s at %(first_label)s "
            "to %(last)s at %(last_label)s."
        ) % {
            "steps": len(first),
            "first": value_format(first[0][1], unit),
            "first_label": first[0][0],
            "last": value_format(last_value, unit),
            "last_label": last_label,
        }
    summary = ngettext("%(count)d category.", "%(count)d categories.", len(first)) % {
        "count": len(first)
    }
    return (
        summary
        + " "
        + _("Highest %(series)s: %(label)s, %(value)s.")
        % {
            "series": series[0].name,
            "label": top_label,
            "value": value_format(top_value, unit),
        }
    )


def _table(rows, unit: str) -> list[tuple[str, list[str]]]:
    return [(label, [value_format(v, unit) for v in values]) for label, values in rows]


def _empty(kind, chart_id, title, width, series, label_header) -> Chart:
    return Chart(
        kind=kind,
        chart_id=chart_id,
        title=title,
        description=_("No data yet."),
        width=width,
        height=0,
        series=series,
        label_header=label_header,
        table_headers=[label_header, *(s.name for s in series)],
    )


def _legend(series: list[Series], *, x: float, y: float) -> list[LegendItem]:
    if len(series) < 2:
        return []
    items = []
    for each in series:
        items.append(LegendItem(name=each.name, fill=each.fill, x=x, y=y))
        x += 14 + 6 + text_width(each.name, SMALL_FONT_SIZE) + 18
    return items


def _horizontal_layout(rows, series_count: int, width: int, legend: bool):
    """Label column, plot area and row height shared by bars and funnels."""
    widest = max(text_width(label) for label, _v in rows)
    label_w = min(widest, width * 0.36) + 12
    row_h = BAR_THICKNESS * series_count + ROW_GAP
    top = 8 + (24 if legend else 0)
    height = int(top + row_h * len(rows) + 8)
    return label_w, row_h, top, height
