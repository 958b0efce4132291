"""Server-rendered SVG charts: geometry computed here, drawn by templates.

Pure functions turn (label, value) rows into a `Chart` whose bars and texts
carry their coordinates in the SVG's viewBox, so templates only place them and
tests can check the geometry without a browser. Labels are kept as given and
escaped by the templates' autoescaping; nothing here marks text safe.

Every chart is drawn with its numbers as a table (`Chart.table_rows`), for
screen readers, for phones where the SVG is small, and for copying.
"""

import hashlib
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Fills of at least 3:1 against white (WCAG 1.4.11, graphical objects).
PALETTE = ("#0f6b4f", "#b3471b", "#3b5ba5", "#7a4fa0", "#8a6d00")
INK = "#1b1f24"  # text: 16:1 on white
MUTED = "#4a5360"  # axis text: 7.6:1 on white
GRID = "#d5dbd8"

FONT_SIZE = 13
SMALL_FONT_SIZE = 12
ROW_GAP = 10
BAR_THICKNESS = 18


@dataclass(frozen=True)
class Series:
    name: str
    fill: str


@dataclass(frozen=True)
class Bar:
    """One rectangle, and where its value is written (if it fits)."""

    label: str
    value: float
    text: str
    series: int
    fill: str
    x: float
    y: float
    width: float
    height: float
    text_x: float
    text_y: float
    text_anchor: str = "middle"
    show_text: bool = True
    series_name: str = ""


@dataclass(frozen=True)
class Label:
    """A category label on the axis, shortened to fit; `full` is the whole one."""

    text: str
    full: str
    x: float
    y: float
    anchor: str = "middle"


@dataclass(frozen=True)
class Gridline:
    text: str
    x1: float
    y1: float
    x2: float
    y2: float
    text_x: float
    text_y: float
    text_anchor: str = "end"


@dataclass(frozen=True)
class LegendItem:
    name: str
    fill: str
    x: float
    y: float

    @property
    def text_x(self) -> float:
        return round(self.x + 20, 2)

    @property
    def text_y(self) -> float:
        return round(self.y + 12, 2)


@dataclass
class Chart:
    """A chart ready to draw: viewBox size, shapes, and the table of its numbers."""

    kind: str  # "bar", "horizontal_bar" or "funnel"
    chart_id: str
    title: str
    description: str
    width: int
    height: int
    series: list[Series]
    label_header: str
    table_headers: list[str] = field(default_factory=list)
    table_rows: list[tuple[str, list[str]]] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    gridlines: list[Gridline] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    axis: tuple[float, float, float, float] | None = None  # x1, y1, x2, y2
    font_size: int = FONT_SIZE
    small_font_size: int = SMALL_FONT_SIZE

    @property
    def is_empty(self) -> bool:
        return not self.bars

    @property
    def template_name(self) -> str:
        return f"core/charts/{self.kind}_chart.html"


# --- text measuring ------------------------------------------------------------


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of `text`'s rendered width: Hangul and CJK are full-width."""
    width = 0.0
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            width += size
        elif char in " .,:;'|!il1":
            width += size * 0.35
        else:
            width += size * 0.6
    return width


def text_fit(text: str, max_width: float, size: float = FONT_SIZE) -> str:
    """`text`, cut with an ellipsis so that it fits in `max_width`."""
    if text_width(text, size) <= max_width:
        return text
    ellipsis_width = text_width("…", size)
    kept = ""
    for char in text:
        if text_width(kept + char, size) + ellipsis_width > max_width:
            break
        kept += char
    return kept.rstrip() + "…"


# --- numbers -------------------------------------------------------------------


def _number(value) -> float:
    if value is None:
        return 0.0
    if isinstance(value, Decimal):
        return float(value)
    return float(value)


def value_format(value: float, unit: str = "") -> str:
    """12,345 or 12.5, with `unit` after it."""
    if float(value).is_integer():
        text = f"{int(value):,}"
    else:
        text = f"{value:,.1f}"
    return f"{text}{unit}"


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above `value` (1 for nothing)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value - 1e-9:
            return float(candidate)
    return float(10 ** (exponent + 1))


def _ticks(scale: float, count: int = 4) -> list[float]:
    return [scale * i / count for i in range(count + 1)]


def integer_axis(scale: float) -> tuple[float, int]:
    """A scale and a tick count whose ticks are whole numbers, for counts of
    people (no "0.5 learners"): 2 → 0, 1, 2; 5 → 0 … 5; 25 → 0, 5 … 25."""
    whole = max(1, math.ceil(scale))
    if whole <= 5:
        return float(whole), whole
    for count in (4, 5, 2, 3):
        if whole % count == 0:
            return float(whole), count
    return float(whole + (-whole) % 4), 4


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


# --- the charts ----------------------------------------------------------------


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
    return Chart(
        kind="bar",
        chart_id=chart_id,
        title=title,
        description=description or _describe("bar", rows, series_list, unit),
        width=width,
        height=height,
        series=series_list,
        label_header=label_header,
        table_headers=[label_header, *(s.name for s in series_list)],
        table_rows=_table(rows, unit),
        bars=bars,
        labels=labels,
        gridlines=gridlines,
        legend=_legend(series_list, x=plot_x, y=6),
        axis=(plot_x, baseline, plot_x + plot_w, baseline),
    )


def _horizontal_layout(rows, series_count: int, width: int, legend: bool):
    """Label column, plot area and row height shared by bars and funnels."""
    widest = max(text_width(label) for label, _v in rows)
    label_w = min(widest, width * 0.36) + 12
    row_h = BAR_THICKNESS * series_count + ROW_GAP
    top = 8 + (24 if legend else 0)
    height = int(top + row_h * len(rows) + 8)
    return label_w, row_h, top, height


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
    return Chart(
        kind="horizontal_bar",
        chart_id=chart_id,
        title=title,
        description=description or _describe("horizontal_bar", rows, series_list, unit),
        width=width,
        height=height,
        series=series_list,
        label_header=label_header,
        table_headers=[label_header, *(s.name for s in series_list)],
        table_rows=_table(rows, unit),
        bars=bars,
        labels=labels,
        legend=_legend(series_list, x=plot_x, y=6),
        axis=(plot_x, top - 4, plot_x, height - 8),
    )


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
