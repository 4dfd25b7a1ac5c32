"""A small, dependency-free SVG line chart of cumulative cash, for the HTML leave-behind.

Every piece of text is XML-escaped (company and line names come from reps); numbers are
formatted by the caller (Babel, the prospect's locale and currency).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape, quoteattr

from enabler.render.text import xml_safe

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 84, 24, 44, 40
INK, TEAL, GRID = "#1F2433", "#13A89E", "#D5DCE6"
FONT = "Lato, 'Open Sans', sans-serif"


def _text(value: str) -> str:
    return escape(xml_safe(value))


def nice_step(span: float, ticks: int = 4) -> float:
    """A 1, 2 or 5 × 10^k step that cuts `span` into about `ticks` parts."""
    raw = span / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return m * power
    return 10 * power  # pragma: no cover - the loop always returns


def cumulative_svg(
    labels: Sequence[str],
    values: Sequence[float],
    fmt: Callable[[float], str],
    title: str,
) -> str:
    """An SVG document: `values` as a line over `labels`, with a zero line and value labels."""
    lo, hi = min(0.0, *values), max(0.0, *values)
    if hi - lo < 1e-9:
        hi = lo + 1.0
    step = nice_step(hi - lo)
    lo, hi = math.floor(lo / step) * step, math.ceil(hi / step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w * i / (len(values) - 1) if len(values) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return TOP + plot_h * (hi - v) / (hi - lo)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label={quoteattr(xml_safe(title))} '
        f'font-family="{FONT}" font-size="12" fill="{INK}">',
        f"<title>{_text(title)}</title>",
        f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{_text(title)}</text>',
    ]
    ticks = round((hi - lo) / step)
    for k in range(ticks + 1):
        v = lo + k * step
        colour, width = (INK, 1.5) if abs(v) < step / 1e6 else (GRID, 1)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
            f'stroke="{colour}" stroke-width="{width}"/>'
        )
        parts.append(
            f'<text x="{LEFT - 8}" y="{y(v) + 4:.1f}" text-anchor="end">{_text(fmt(v))}</text>'
        )
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
    parts.append(f'<polyline points="{points}" fill="none" stroke="{TEAL}" stroke-width="3"/>')
    for i, (label, v) in enumerate(zip(labels, values, strict=True)):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4.5" fill="{TEAL}"/>')
        above = y(v) - 10 if v >= 0 else y(v) + 20
        parts.append(
            f'<text x="{x(i):.1f}" y="{above:.1f}" text-anchor="middle" font-weight="bold">'
            f"{_text(fmt(v))}</text>"
        )
        parts.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - 14}" text-anchor="middle">{_text(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
