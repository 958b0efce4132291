"""The static background (frame, guilloche pattern, images), compiled once per
template version and kept in memory.
"""

import io
import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

from reportlab.lib.utils import ImageReader

from .content import (
    BACKGROUND_CACHE_SIZE,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TemplateSpec,
)


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4))


def _tint(colour: str, amount: float) -> tuple[float, float, float]:
    """`colour` mixed with white: amount 0 is the colour, 1 is white."""
    return tuple(c + (1 - c) * amount for c in _rgb(colour))


def _f(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _colour(rgb: tuple[float, float, float], operator: str) -> str:
    """A colour operator: `RG` strokes, `rg` fills."""
    return " ".join(_f(c) for c in rgb) + f" {operator}"


# --- the static background, compiled once per template version ----------------------


@dataclass
class Background:
    """PDF operators for the frame and pattern, and the decoded images."""

    operators: str
    logo: ImageReader | None = None
    seal: ImageReader | None = None
    signatures: tuple[ImageReader | None, ...] = ()


def _guilloche(cx: float, cy: float, radius: float, petals: int, curves: int) -> list:
    """Closed rosette curves (hypotrochoid-like), each a list of points."""
    paths = []
    steps = 240
    for curve in range(curves):
        phase = 2 * math.pi * curve / curves / petals
        points = []
        for step in range(steps + 1):
            t = 2 * math.pi * step / steps
            r = radius * (0.78 + 0.22 * math.cos(petals * t + phase))
            wobble = 0.06 * radius * math.sin(3 * petals * t - phase)
            points.append(
                (cx + (r + wobble) * math.cos(t), cy + (r + wobble) * math.sin(t))
            )
        paths.append(points)
    return paths


def _wave(x0: float, y0: float, x1: float, y1: float, amplitude: float, period: float):
    """A sine wave along the rectangle's edges, as one closed path of points."""
    points = []
    edges = [((x0, y0), (x1, y0)), ((x1, y0), (x1, y1)), ((x1, y1), (x0, y1))]
    edges.append(((x0, y1), (x0, y0)))
    for (ax, ay), (bx, by) in edges:
        length = math.hypot(bx - ax, by - ay)
        nx, ny = (ay - by) / length, (bx - ax) / length
        steps = max(int(length / 4), 1)
        for step in range(steps):
            s = step / steps
            offset = amplitude * math.sin(2 * math.pi * s * length / period)
            points.append(
                (ax + (bx - ax) * s + nx * offset, ay + (by - ay) * s + ny * offset)
            )
    return points


def _path_ops(points: list, *, close: bool) -> str:
    first, *rest = points
    ops = [f"{_f(first[0])} {_f(first[1])} m"]
    ops += [f"{_f(x)} {_f(y)} l" for x, y in rest]
    ops.append("h S" if close else "S")
    return "\n".join(ops)


def background_operators(spec: TemplateSpec) -> str:
    """The frame, corner marks and security pattern as PDF content operators."""
    w, h = PAGE_WIDTH, PAGE_HEIGHT
    primary, accent = _rgb(spec.primary), _rgb(spec.accent)
    ops = ["q"]
    if spec.show_pattern:
        ops.append(_colour(_tint(spec.primary, 0.9), "RG") + " 0.3 w")
        for points in _guilloche(w / 2, h / 2 - 14, 175, 9, 14):
            ops.append(_path_ops(points, close=True))
        ops.append(_colour(_tint(spec.accent, 0.8), "RG") + " 0.3 w")
        ops.append(
            _path_ops(
                _wave(MARGIN + 4, MARGIN + 4, w - MARGIN - 4, h - MARGIN - 4, 1.6, 9),
                close=True,
            )
        )
    # the frame: a strong outer line and a fine inner one
    ops.append(_colour(primary, "RG") + " 2.4 w")
    ops.append(f"{MARGIN} {MARGIN} {_f(w - 2 * MARGIN)} {_f(h - 2 * MARGIN)} re S")
    inner = MARGIN + 9
    ops.append(_colour(primary, "RG") + " 0.7 w")
    ops.append(f"{inner} {inner} {_f(w - 2 * inner)} {_f(h - 2 * inner)} re S")
    # corner marks in the accent colour
    ops.append(_colour(accent, "rg"))
    for x, y in (
        (inner, inner),
        (w - inner, inner),
        (inner, h - inner),
        (w - inner, h - inner),
    ):
        ops.append(
            f"{_f(x)} {_f(y + 6)} m {_f(x + 6)} {_f(y)} l {_f(x)} {_f(y - 6)} l "
            f"{_f(x - 6)} {_f(y)} l h f"
        )
    # the rule under the title
    ops.append(_colour(accent, "RG") + " 1.2 w")
    ops.append(f"{_f(w / 2 - 60)} {_f(h - 158)} m {_f(w / 2 + 60)} {_f(h - 158)} l S")
    ops.append("Q")
    return "\n".join(ops)


def _image(data: bytes | None) -> ImageReader | None:
    if not data:
        return None
    reader = ImageReader(io.BytesIO(data))
    reader.getRGBData()  # decode now, once, not in every certificate
    return reader


def background_compile(spec: TemplateSpec) -> Background:
    return Background(
        operators=background_operators(spec),
        logo=_image(spec.logo),
        seal=_image(spec.seal),
        signatures=tuple(_image(s.signature) for s in spec.signatories),
    )


_backgrounds: OrderedDict[str, Background] = OrderedDict()
_backgrounds_lock = threading.Lock()


def background_for(spec: TemplateSpec) -> Background:
    """The compiled background of `spec`'s version, built on first use."""
    with _backgrounds_lock:
        background = _backgrounds.get(spec.key)
        if background is not None:
            _backgrounds.move_to_end(spec.key)
            return background
    background = background_compile(spec)
    with _backgrounds_lock:
        _backgrounds[spec.key] = background
        while len(_backgrounds) > BACKGROUND_CACHE_SIZE:
            _backgrounds.popitem(last=False)
    return background
