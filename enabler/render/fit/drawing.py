"""Fit a generated slide's drawing (charts, tables, timelines) into a template's content area.

Generated slides (ROI, criteria, decision timeline) draw at positions made for our 16:9 brand
slide. On a customer template of another size, or with a taller title, the drawing would run
off the slide or under the title. Here it is scaled uniformly, text sizes and table grids with
it, into the room under the title, and centred across.
"""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from enabler.render.layout.geometry import Rect, union
from enabler.render.layout.placement import foreign, shape_rect

_GAP = 91440  # 0.1 in under the title
_BODY_BELOW_TITLE = 0.15  # a master body further below the title is not where content starts
_SPREAD = 1.2  # how much further apart than they shrink shapes may be placed, at most
_MIN_SIZE = 600  # hundredths of a point: 6 pt is the smallest text we shrink to
_SIZED = (qn("a:rPr"), qn("a:endParaRPr"), qn("a:defRPr"))
# Table cell margins and their OOXML defaults (0.1 in left and right, 0.05 in top and bottom).
_CELL_MARGINS = (("marL", 91440), ("marR", 91440), ("marT", 45720), ("marB", 45720))


def _master_body_top(slide) -> int | None:
    """Where the template's master starts its body text: below a title band drawn into a
    background picture, say, which no shape reveals."""
    for ph in slide.slide_layout.slide_master.placeholders:
        if ph.placeholder_format.type == PP_PLACEHOLDER.BODY and ph.top is not None:
            return int(ph.top)
    return None


def content_area(slide) -> Rect:
    """The slide below its title, less a margin of 3 % on each side. On a customer template
    it starts no higher than the master's body text (when that is just below the title)."""
    prs = slide.part.package.presentation_part.presentation
    width, height = int(prs.slide_width), int(prs.slide_height)
    margin = round(min(width, height) * 0.03)
    title = slide.shapes.title
    title_rect = shape_rect(title) if title is not None else None
    top = title_rect.bottom + _GAP if title_rect else margin
    body_top = _master_body_top(slide) if title_rect and foreign(prs) else None
    if body_top is not None and top < body_top <= top + height * _BODY_BELOW_TITLE:
        top = body_top
    return Rect(margin, top, width - 2 * margin, height - margin - top)


def fit_drawing(slide) -> float:
    """Scale the slide's own drawings into its content area when they leave it; the factor."""
    placed = [
        (s, rect)
        for s in slide.shapes
        if not s.is_placeholder and (rect := shape_rect(s)) is not None
    ]
    bounds = union(rect for _, rect in placed)
    area = content_area(slide)
    if bounds is None or bounds.inside(area, tolerance=_GAP):
        return 1.0
    scale = min(1.0, area.width / bounds.width, area.height / bounds.height)
    # Shrunk text does not shrink its margins and line gaps as much, so tables grow taller than
    # their scaled frames: where the width set the scale, the room left below spaces shapes
    # apart a little more (up to a fifth) than they shrink.
    spread = min(area.height / bounds.height, scale * _SPREAD) if scale < 1.0 else scale
    spread = max(spread, scale)
    left = area.left + (area.width - round(bounds.width * scale)) // 2
    top = area.top
    for shape, rect in placed:
        shape.left = left + round((rect.left - bounds.left) * scale)
        shape.top = top + round((rect.top - bounds.top) * spread)
        shape.width = round(rect.width * scale)
        shape.height = round(rect.height * scale)
        if scale < 1.0:
            _scale_inside(shape._element, scale)
    return scale


def _scale_inside(element, scale: float) -> None:
    """Text sizes, table columns, rows and cell margins inside a scaled shape (a group's
    children scale with the group's transform, so only their text is touched)."""
    for el in element.iter(*_SIZED):
        size = el.get("sz")
        if size is not None:
            el.set("sz", str(max(_MIN_SIZE, round(int(size) * scale))))
    for col in element.iter(qn("a:gridCol")):
        col.set("w", str(round(int(col.get("w", "0")) * scale)))
    for row in element.iter(qn("a:tr")):
        row.set("h", str(round(int(row.get("h", "0")) * scale)))
    # Margins scale too: unscaled, they keep rows tall and columns narrow, and a long table
    # grows past its frame into what is under it.
    for cell in element.iter(qn("a:tc")):
        tc_pr = cell.find(qn("a:tcPr"))
        if tc_pr is None:
            tc_pr = cell.makeelement(qn("a:tcPr"), {})
            cell.append(tc_pr)  # a:tcPr closes a:tc (after a:txBody)
        for name, default in _CELL_MARGINS:
            tc_pr.set(name, str(round(int(tc_pr.get(name, default)) * scale)))
