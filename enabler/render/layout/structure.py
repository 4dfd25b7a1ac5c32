"""Choose a template layout for a brand layout by its placeholders' roles and geometry.

Layout names are no guide on a customer template: they may be Arabic ("شريحة عنوان"), or
generic ("Title, 2 Content"). What a layout is for shows in its placeholders: a centred title
and a subtitle make a cover, a title over one large body a bullet slide, a title low on the
slide a section header. Each template layout is scored against the brand layout by how many
placeholder roles they share (Jaccard) and how much the placeholders of each role cover the
same share of the slide; the best score wins.

A brand layout with a short heading over each body (Two Column) may also land on a layout with
one placeholder per column: placement then puts each heading at the top of its column. That
reading counts only where it fits clearly better (`MERGED_PENALTY`): a template's own
comparison layout, headings and all, keeps winning where it has one.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from enabler.render.layout.geometry import Rect

_SCALE = 10_000  # normalised slide coordinates
_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_SKIP = {
    PP_PLACEHOLDER.DATE,
    PP_PLACEHOLDER.FOOTER,
    PP_PLACEHOLDER.SLIDE_NUMBER,
    PP_PLACEHOLDER.HEADER,
    PP_PLACEHOLDER.VERTICAL_TITLE,
    PP_PLACEHOLDER.VERTICAL_BODY,
    PP_PLACEHOLDER.VERTICAL_OBJECT,
}
_VERTICAL = {
    PP_PLACEHOLDER.VERTICAL_TITLE,
    PP_PLACEHOLDER.VERTICAL_BODY,
    PP_PLACEHOLDER.VERTICAL_OBJECT,
}
GEOMETRY_WEIGHT = 2.0  # where things are matters more than how many there are
COVER_BONUS = 0.5  # a centred title (cover) on both sides
MERGED_PENALTY = 0.5  # a heading carved out of a column's placeholder is second best
# A heading over a body: at most this far above it and a third of its height, in the same column.
_HEADING_GAP, _HEADING_SHARE, _SAME_COLUMN = 300, 3, 200


@dataclass(frozen=True, slots=True)
class Shape:
    role: str  # "title" or "content"
    rect: Rect  # normalised to _SCALE x _SCALE
    centred_title: bool


@dataclass(frozen=True, slots=True)
class Structure:
    shapes: tuple[Shape, ...]
    vertical: bool  # has vertical text: never chosen for our horizontal content

    @property
    def roles(self) -> Counter:
        return Counter(s.role for s in self.shapes)

    @property
    def cover(self) -> bool:
        return any(s.centred_title for s in self.shapes)


def structure(layout, width: int, height: int) -> Structure:
    """The layout's placeholders as roles and normalised areas."""
    shapes, vertical = [], False
    for ph in layout.placeholders:
        kind = ph.placeholder_format.type
        vertical |= kind in _VERTICAL
        if kind in _SKIP or ph.left is None or not ph.width or not ph.height:
            continue
        rect = Rect(
            ph.left * _SCALE // width,
            ph.top * _SCALE // height,
            ph.width * _SCALE // width,
            ph.height * _SCALE // height,
        )
        role = "title" if kind in _TITLES else "content"
        shapes.append(Shape(role, rect, kind == PP_PLACEHOLDER.CENTER_TITLE))
    return Structure(tuple(shapes), vertical)


def score(want: Structure, have: Structure) -> float:
    """How well `have` (a template layout) can stand in for `want` (a brand layout)."""
    if have.vertical:
        return -1.0
    a, b = want.roles, have.roles
    union = sum((a | b).values())
    jaccard = sum((a & b).values()) / union if union else 1.0
    fits = [
        max((s.rect.iou(h.rect) for h in have.shapes if h.role == s.role), default=0.0)
        for s in want.shapes
    ]
    geometry = sum(fits) / len(fits) if fits else 0.0
    bonus = COVER_BONUS if want.cover and have.cover else 0.0
    return jaccard + GEOMETRY_WEIGHT * geometry + bonus


def _heads(a: Shape, b: Shape) -> bool:
    """Is `a` a short heading right above body `b`, in the same column?"""
    gap = b.rect.top - (a.rect.top + a.rect.height)
    return (
        a.role == b.role == "content"
        and abs(a.rect.left - b.rect.left) <= _SAME_COLUMN
        and abs(a.rect.width - b.rect.width) <= _SAME_COLUMN
        and 0 <= gap <= _HEADING_GAP
        and a.rect.height * _HEADING_SHARE <= b.rect.height
    )


def merged_headings(want: Structure) -> Structure | None:
    """`want` with each heading and the body below it as one column; None without headings."""
    shapes = list(want.shapes)
    below = {i: j for i, a in enumerate(shapes) for j, b in enumerate(shapes) if _heads(a, b)}
    if not below:
        return None
    out = []
    for i, a in enumerate(shapes):
        if i in below.values():
            continue
        if i in below:
            body = shapes[below[i]].rect
            column = Rect(a.rect.left, a.rect.top, a.rect.width, body.bottom - a.rect.top)
            a = Shape(a.role, column, False)
        out.append(a)
    return Structure(tuple(out), want.vertical)


@functools.cache
def brand_structures(template: Path) -> dict[str, Structure]:
    prs = Presentation(str(template))
    width, height = prs.slide_width, prs.slide_height
    if width is None or height is None:
        raise ValueError(f"{template.name} declares no slide size")
    return {layout.name: structure(layout, width, height) for layout in prs.slide_layouts}


def best_layout(prs, want: Structure):
    """The layout of `prs` that stands in best for a brand layout of structure `want`."""
    width, height = prs.slide_width, prs.slide_height
    columns = merged_headings(want)

    def fit(have: Structure) -> float:
        best = score(want, have)
        if columns is not None:
            best = max(best, score(columns, have) - MERGED_PENALTY)
        return best

    scored = [
        (fit(structure(layout, width, height)), -n, layout)
        for n, layout in enumerate(prs.slide_layouts)
    ]
    return max(scored, key=lambda s: s[:2])[2]
