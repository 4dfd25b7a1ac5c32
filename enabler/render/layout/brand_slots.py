"""Our brand layouts as placement sees them: each layout's title and numbered slots, where
they sit, what they hold (text, picture, table) and which are plain (no bullets, own size).

Read once from `templates/brand.pptx`; `enabler.render.layout.placement` maps them onto a customer
template's layouts.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from enabler.render.layout.geometry import Rect

BRAND_TEMPLATE = Path(__file__).resolve().parents[3] / "templates" / "brand.pptx"
TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
DECORATIONS = {
    PP_PLACEHOLDER.DATE,
    PP_PLACEHOLDER.FOOTER,
    PP_PLACEHOLDER.SLIDE_NUMBER,
    PP_PLACEHOLDER.HEADER,
}
_NO_BULLET = f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:buNone')}"
_LVL1_RUN = f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}"


@dataclass(frozen=True, slots=True)
class BrandLayout:
    title: Rect | None
    slots: dict[int, tuple[str, Rect]]  # idx -> (kind, area), brand slide coordinates
    size: tuple[int, int]
    plain: frozenset[int] = frozenset()  # slots whose text has no bullets (headings, quotes)
    sizes: tuple[tuple[int, int], ...] = ()  # (idx, hundredths of a point) of plain slots


def _kind(ph_type) -> str:
    if ph_type == PP_PLACEHOLDER.PICTURE:
        return "pic"
    if ph_type == PP_PLACEHOLDER.TABLE:
        return "tbl"
    return "text"


def shape_rect(shape) -> Rect | None:
    if shape.left is None or shape.top is None or not shape.width or not shape.height:
        return None
    return Rect(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


@functools.cache
def brand_layouts(template: Path = BRAND_TEMPLATE) -> dict[str, BrandLayout]:
    """Each brand layout's title and slots (read once)."""
    prs = Presentation(str(template))
    out = {}
    for layout in prs.slide_layouts:
        title, slots, plain, sizes = None, {}, set(), []
        # python-pptx declares LayoutPlaceholders.__iter__ as an attribute, not a method
        for ph in layout.placeholders:  # type: ignore[misc]
            fmt, rect = ph.placeholder_format, shape_rect(ph)
            if rect is None or fmt.type in DECORATIONS:
                continue
            if fmt.type in TITLES:
                title = rect
            else:
                slots[fmt.idx] = (_kind(fmt.type), rect)
                if ph._element.find(_NO_BULLET) is not None:
                    plain.add(fmt.idx)
                    run = ph._element.find(_LVL1_RUN)
                    if run is not None and run.get("sz"):
                        sizes.append((fmt.idx, int(run.get("sz"))))
        if prs.slide_width is None or prs.slide_height is None:
            raise ValueError(f"{template.name} declares no slide size")
        size = (int(prs.slide_width), int(prs.slide_height))
        out[layout.name] = BrandLayout(title, slots, size, frozenset(plain), tuple(sizes))
    return out
