"""Which layout and master placeholders a slide placeholder inherits from.

PowerPoint's rule, as LibreOffice applies it too: a title inherits from the layout's title; any
other placeholder from the layout placeholder with the same `idx`, else the one of the same
type; then from the master's placeholder of its family (title, body, or a decoration: date,
footer, slide number). A `p:ph` without a type is an `obj`; without an idx it is 0. Files
saved by LibreOffice number every placeholder 0, so an idx that leads a body to the layout's
title is not followed: the body inherits from the layout's body of its own type instead.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn

TITLE_TYPES = frozenset({"title", "ctrTitle"})
DECORATION_TYPES = frozenset({"dt", "ftr", "sldNum", "hdr"})
DEFAULT_TYPE = "obj"  # ECMA-376: p:ph/@type defaults to obj
_PH = f"*/{qn('p:nvPr')}/{qn('p:ph')}"  # under p:nvSpPr, p:nvPicPr, p:nvGraphicFramePr…
_SP = qn("p:sp")


def placeholder_of(sp):
    """The shape's `p:ph` element, or None for a plain shape."""
    return sp.find(_PH)


def ph_type(ph) -> str:
    return ph.get("type", DEFAULT_TYPE)


def ph_idx(ph) -> str:
    return ph.get("idx", "0")


def master_kind(kind: str) -> str:
    """The master placeholder family a placeholder type inherits from."""
    if kind in TITLE_TYPES:
        return "title"
    return kind if kind in DECORATION_TYPES else "body"


class PlaceholderBases:
    """The placeholders of one layout and its master, looked up by idx, type and family.

    Built once per layout: every placeholder on every slide of that layout asks.
    """

    def __init__(self, layout_el, master_el) -> None:
        self.by_idx: dict[str, object] = {}
        self.by_type: dict[str, object] = {}
        self.layout_title = None
        for sp in layout_el.iter(_SP):
            ph = placeholder_of(sp)
            if ph is None:
                continue
            kind = ph_type(ph)
            if kind in TITLE_TYPES and self.layout_title is None:
                self.layout_title = sp
            self.by_idx.setdefault(ph_idx(ph), sp)
            self.by_type.setdefault(kind, sp)
        self.master: dict[str, object] = {}
        for sp in master_el.iter(_SP):
            ph = placeholder_of(sp)
            if ph is not None:
                self.master.setdefault(master_kind(ph_type(ph)), sp)

    def layout_base(self, ph):
        """The layout placeholder `ph` inherits from, or None."""
        kind = ph_type(ph)
        if kind in TITLE_TYPES:
            return self.layout_title
        found = self.by_idx.get(ph_idx(ph))
        if found is not None and ph_type(placeholder_of(found)) in TITLE_TYPES:
            found = None  # an idx shared with the title (idx-0 files): not this one's base
        return found if found is not None else self.by_type.get(kind)

    def master_base(self, ph):
        return self.master.get(master_kind(ph_type(ph)))

    def chain(self, ph) -> list:
        """The layout and master shapes `ph` inherits from, nearest first."""
        return [sp for sp in (self.layout_base(ph), self.master_base(ph)) if sp is not None]


def paired_bases(slide_sps, layout_el) -> list[tuple[etree._Element, etree._Element]]:
    """(slide placeholder, layout placeholder) pairs where a layout numbers several
    placeholders the same: the n-th of a type on the slide takes the n-th of that type on the
    layout (a slide made from the layout lists them in the layout's order)."""
    by_type: dict[str, list] = {}
    for sp in layout_el.iter(_SP):
        ph = placeholder_of(sp)
        if ph is not None and ph_type(ph) not in DECORATION_TYPES:
            by_type.setdefault(ph_type(ph), []).append(sp)
    pairs = []
    for sp in slide_sps:
        ph = placeholder_of(sp)
        queue = by_type.get(ph_type(ph)) if ph is not None else None
        if queue:
            pairs.append((sp, queue.pop(0)))
    return pairs
