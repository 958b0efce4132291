"""Bar charts: vertical, one or more series side by side, and horizontal."""

import math
from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _

from .measure import (
    _number,
    _ticks,
    integer_axis,
    nice_ceiling,
    text_fit,
    text_width,
    value_format,
)
from .parts import (
    _chart_id,
    _describe,
    _empty,
    _horizontal_layout,
    _legend,
    _rows,
    _series,
    _table,
)
from .shapes import BAR_THICKNESS, SMALL_FONT_SIZE, Bar, Chart, Gridline, Label


def bar_chart(
    data: Iterable,
    *,
    title: str,
    description: str = "",
    series: Sequence[str] | None = None,
    label_header: str = "",
    value_header: str = "",
    unit: str = "",
    width: int = 560,
    height: int = 280,
    chart_id: str = "",
    maximum: float | None = None,
    counts: bool = False,
) -> Chart:
    """Vertical bars, one group per row; rows are (label, value, [value…]).

    `counts`: the values count people or things, so the axis ticks are whole
    numbers (0, 1, 2, not 0, 0.5, 1).

    Bar heights are proportional to the values on a scale from 0 to a round
    number at or above the largest (or `maximum`, if larger). Labels that
    would overlap are written every other (or every n-th) bar; the table has
    all of them.
    """
    series_list = _series(series, value_header)
    rows = _rows(data, len(series_list))
    chart_id = _chart_id("bar", title, chart_id)
    label_header = label_header or _("Category")
    if not rows or not any(v for _label, values in rows for v in values):
        return _empty("bar", chart_id, title, width, series_list, label_header)

    top = max(v for _label, values in rows for v in values)
    scale = nice_ceiling(max(top, _number(maximum)))
    count = 4
    if counts:
        scale, count = integer_axis(scale)
    ticks = _ticks(scale, count)
    tick_width = max(text_width(value_format(t, unit), SMALL_FONT_SIZE) for t in ticks)
    legend_height = 24 if len(series_list) > 1 else 0
    plot_x = tick_width + 12
    plot_y = 20 + legend_height
    plot_w = width - plot_x - 8
    plot_h = height - plot_y - 32
    baseline = plot_y + plot_h

    slot = plot_w / len(rows)
    group = slot * 0.72
    bar_w = group / len(series_list)
    widest_label = max(text_width(label, SMALL_FONT_SIZE) for label, _v in rows)
    step = max(1, math.ceil((widest_label + 6) / slot))
    label_room = slot * step - 6

    bars, labels = [], []
    for i, (label, values) in enumerate(rows):
        group_x = plot_x + i * slot + (slot - group) / 2
        for j, value in enumerate(values):
            bar_h = plot_h * value / scale
            x = group_x + j * bar_w
            text = value_format(value, unit)
            bars.append(
                Bar(
                    label=label,
                    value=value,
                    text=text,
                    series=j,
                    fill=series_list[j].fill,
                    series_name=series_list[j].name,
                    x=round(x, 2),
                    y=round(baseline - bar_h, 2),
                    width=round(bar_w - (2 if len(values) > 1 else 0), 2),
                    height=round(bar_h, 2),
                    text_x=round(x + bar_w / 2, 2),
                    text_y=round(baseline - bar_h - 4, 2),
                    show_text=text_width(text, SMALL_FONT_SIZE) <= bar_w + 4,
                )
            )
        if i % step == 0:
            labels.append(
                Label(
                    text=text_fit(label, label_room, SMALL_FONT_SIZE),
                    full=label,
                    x=round(plot_x + i * slot + slot / 2, 2),
                    y=round(baseline + 18, 2),
                )
            )
    gridlines = [
        Gridline(
            text=value_format(t, unit),
            x1=plot_x,
            y1=round(baseline - plot_h * t / scale, 2),
            x2=plot_x + plot_w,
            y2=round(baseline - plot_h * t / scale, 2),
            text_x=plot_x - 6,
            text_y=round(baseline - plot_h * t / scale + 4, 2),
        )
        for t in ticks
    ]
    return _bars_chart(
        "bar",
        rows,
        series_list,
        unit,
        chart_id=chart_id,
        title=title,
        description=description,
        label_header=label_header,
        width=width,
        height=height,
        legend_x=plot_x,
        bars=bars,
        labels=labels,
        gridlines=gridlines,
        axis=(plot_x, baseline, plot_x + plot_w, baseline),
    )


def horizontal_bar_chart(
    data: Iterable,
    *,
    title: str,
    description: str = "",
    series: Sequence[str] | None = None,
    label_header: str = "",
    value_header: str = "",
    unit: str = "",
    width: int = 560,
    chart_id: str = "",
    maximum: float | None = None,
) -> Chart:
    """Horizontal bars, one row per category: for long labels and many rows.

    The height grows with the number of rows; bar lengths are proportional to
    the values, on a scale from 0 to the largest (or `maximum`, if larger: the
    number of learners, say, so that a full bar means all of them).
    """
    series_list = _series(series, value_header)
    rows = _rows(data, len(series_list))
    chart_id = _chart_id("horizontal_bar", title, chart_id)
    label_header = label_header or _("Category")
    if not rows or not any(v for _label, values in rows for v in values):
        return _empty(
            "horizontal_bar", chart_id, title, width, series_list, label_header
        )

    label_w, row_h, top, height = _horizontal_layout(
        rows, len(series_list), width, len(series_list) > 1
    )
    scale = max(max(v for _label, values in rows for v in values), _number(maximum))
    value_w = max(
        text_width(value_format(v, unit), SMALL_FONT_SIZE)
        for _label, values in rows
        for v in values
    )
    plot_x = label_w
    plot_w = width - plot_x - value_w - 10

    bars, labels = [], []
    for i, (label, values) in enumerate(rows):
        row_y = top + i * row_h
        for j, value in enumerate(values):
            bar_len = plot_w * value / scale
            y = row_y + j * BAR_THICKNESS
            bars.append(
                Bar(
                    label=label,
                    value=value,
                    text=value_format(value, unit),
                    series=j,
                    fill=series_list[j].fill,
                    series_name=series_list[j].name,
                    x=round(plot_x, 2),
                    y=round(y, 2),
                    width=round(bar_len, 2),
                    height=BAR_THICKNESS - 2,
                    text_x=round(plot_x + bar_len + 4, 2),
                    text_y=round(y + BAR_THICKNESS / 2 + 3, 2),
                    text_anchor="start",
                )
            )
        labels.append(
            Label(
                text=text_fit(label, label_w - 12),
                full=label,
                x=round(label_w - 8, 2),
                y=round(row_y + BAR_THICKNESS * len(values) / 2 + 4, 2),
                anchor="end",
            )
        )
    return _bars_chart(
        "horizontal_bar",
        rows,
        series_list,
        unit,
        chart_id=chart_id,
        title=title,
        description=description,
        label_header=label_header,
        width=width,
        height=height,
        legend_x=plot_x,
        bars=bars,
        labels=labels,
        axis=(plot_x, top - 4, plot_x, height - 8),
    )


def _bars_chart(
    kind, rows, series_list, unit, *, description, label_header, legend_x, **parts
) -> Chart:
    """A bar chart of either direction: its description, its table (a value a
    series) and its legend, with the shapes `parts` the layout drew."""
    return Chart(
        kind=kind,
        description=description or _describe(kind, rows, series_list, unit),
        series=series_list,
        label_header=label_header,
        table_headers=[label_header, *(s.name for s in series_list)],
        table_rows=_table(rows, unit),
        legend=_legend(series_list, x=legend_x, y=6),
        **parts,
    )
