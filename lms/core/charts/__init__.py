"""Server-rendered SVG charts: geometry computed here, drawn by templates.

Pure functions turn (label, value) rows into a `Chart` whose bars and texts
carry their coordinates in the SVG's viewBox, so templates only place them and
tests can check the geometry without a browser. Labels are kept as given and
escaped by the templates' autoescaping; nothing here marks text safe.

Every chart is drawn with its numbers as a table (`Chart.table_rows`), for
screen readers, for phones where the SVG is small, and for copying.
"""

from .bars import (
    bar_chart,
    horizontal_bar_chart,
)
from .funnel import funnel_chart
from .measure import (
    integer_axis,
    nice_ceiling,
    text_fit,
    text_width,
    value_format,
)
from .parts import _chart_id
from .shapes import (
    BAR_THICKNESS,
    FONT_SIZE,
    GRID,
    INK,
    MUTED,
    PALETTE,
    ROW_GAP,
    SMALL_FONT_SIZE,
    Bar,
    Chart,
    Gridline,
    Label,
    LegendItem,
    Series,
)

__all__ = [
    "BAR_THICKNESS",
    "Bar",
    "Chart",
    "FONT_SIZE",
    "GRID",
    "Gridline",
    "INK",
    "Label",
    "LegendItem",
    "MUTED",
    "PALETTE",
    "ROW_GAP",
    "SMALL_FONT_SIZE",
    "Series",
    "_chart_id",
    "bar_chart",
    "funnel_chart",
    "horizontal_bar_chart",
    "integer_axis",
    "nice_ceiling",
    "text_fit",
    "text_width",
    "value_format",
]
