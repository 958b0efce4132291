"""The funnel chart: each step's share of the first."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .measure import text_fit, text_width, value_format
from .parts import _chart_id, _describe, _empty, _horizontal_layout, _rows, _series
from .shapes import BAR_THICKNESS, SMALL_FONT_SIZE, Bar, Chart, Label


def funnel_chart(
    data: Iterable,
    *,
    title: str,
    description: str = "",
    label_header: str = "",
    value_header: str = "",
    width: int = 560,
    chart_id: str = "",
) -> Chart:
    """A funnel: centred horizontal bars, each as wide as its share of the first.

    Each step is written with its count and its percentage of the first step;
    the table adds that percentage as a column.
    """
    series_list = _series(None, value_header)
    rows = _rows(data, 1)
    chart_id = _chart_id("funnel", title, chart_id)
    label_header = label_header or _("Step")
    if not rows or not any(values[0] for _label, values in rows):
        return _empty("funnel", chart_id, title, width, series_list, label_header)

    first = rows[0][1][0]
    scale = max(values[0] for _label, values in rows)
    label_w, row_h, top, height = _horizontal_layout(rows, 1, width, False)
    texts = [
        f"{value_format(values[0])} ({value_format(_share(values[0], first))}%)"
        for _label, values in rows
    ]
    value_w = max(text_width(text, SMALL_FONT_SIZE) for text in texts) + 8
    plot_x = label_w
    plot_w = width - plot_x - value_w
    bars, labels = [], []
    for i, ((label, values), text) in enumerate(zip(rows, texts, strict=True)):
        row_y = top + i * row_h
        bar_len = plot_w * values[0] / scale
        bars.append(
            Bar(
                label=label,
                value=values[0],
                text=text,
                series=0,
                fill=series_list[0].fill,
                x=round(plot_x + (plot_w - bar_len) / 2, 2),
                y=round(row_y, 2),
                width=round(bar_len, 2),
                height=BAR_THICKNESS + 4,
                text_x=round(width - 2, 2),
                text_y=round(row_y + BAR_THICKNESS / 2 + 6, 2),
                text_anchor="end",
            )
        )
        labels.append(
            Label(
                text=text_fit(label, label_w - 12),
                full=label,
                x=round(label_w - 8, 2),
                y=round(row_y + BAR_THICKNESS / 2 + 6, 2),
                anchor="end",
            )
        )
    share_header = _("Share of the first step")
    return Chart(
        kind="funnel",
        chart_id=chart_id,
        title=title,
        description=description or _describe("funnel", rows, series_list, ""),
        width=width,
        height=height + 4,
        series=series_list,
        label_header=label_header,
        table_headers=[label_header, series_list[0].name, share_header],
        table_rows=[
            (
                label,
                [value_format(values[0]), f"{value_format(_share(values[0], first))}%"],
            )
            for label, values in rows
        ],
        bars=bars,
        labels=labels,
    )


def _share(value: float, first: float) -> float:
    return round(100 * value / first, 1) if first else 0.0
