"""Measuring text and rounding numbers for axes."""

import math
import unicodedata
from decimal import Decimal

from .shapes import FONT_SIZE


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
