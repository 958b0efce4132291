"""What a chart is made of: its palette and sizes, bars, labels, gridlines, a
legend, and the chart itself.
"""

from dataclasses import dataclass, field

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
