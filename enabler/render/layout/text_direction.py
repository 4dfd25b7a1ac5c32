"""Paragraph direction follows the text, not the layout.

A right-to-left template (Arabic, Hebrew) sets `rtl="1"` on its text styles; English text
poured into it then shows its punctuation on the wrong end ("?Tested on…"). Each paragraph we
write on such a layout gets the direction of its first strongly directional character.
"""

from __future__ import annotations

import unicodedata
import weakref

from lxml import etree
from pptx.oxml.ns import qn

from enabler.render.ooxml_read.text_style import Bases, TextStyle, ThemeFonts, default_text_style

_RTL_CLASSES = {"R", "AL"}
_P, _PPR, _T = qn("a:p"), qn("a:pPr"), qn("a:t")
_SP, _TX_BODY, _TC, _CELL_BODY = qn("p:sp"), qn("p:txBody"), qn("a:tc"), qn("a:txBody")
_RTL_LAYOUTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def strong_direction(text: str) -> str | None:
    """'rtl' or 'ltr' from the first strongly directional character, None when none is."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in _RTL_CLASSES:
            return "rtl"
    return None


def set_paragraph_direction(p) -> str | None:
    """Give the `a:p` element the direction of its own text (unchanged when it has none);
    returns the direction set."""
    direction = strong_direction("".join(t.text or "" for t in p.iter(_T)))
    if direction is None:
        return None
    ppr = p.find(_PPR)
    if ppr is None:
        ppr = etree.SubElement(p, _PPR)
        p.remove(ppr)
        p.insert(0, ppr)
    ppr.set("rtl", "1" if direction == "rtl" else "0")
    return direction


def is_rtl_layout(layout) -> bool:
    """Does the layout, or its master, set any text right to left?"""
    part = layout.part
    if part not in _RTL_LAYOUTS:
        master = layout.slide_master
        if master.part not in _RTL_LAYOUTS:
            _RTL_LAYOUTS[master.part] = _has_rtl(master._element)
        _RTL_LAYOUTS[part] = _RTL_LAYOUTS[master.part] or _has_rtl(layout._element)
    return _RTL_LAYOUTS[part]


_ANY_RTL = etree.XPath('boolean(.//*[@rtl="1" or @rtl="true"])')


def _has_rtl(root) -> bool:
    return bool(_ANY_RTL(root))


def follow_text_direction(slide) -> None:
    """On a right-to-left layout, each paragraph of the slide takes its text's direction, and
    an alignment the layout gives by side ("right", meaning "start" for Arabic) is mirrored
    for text running the other way."""
    layout = slide.slide_layout
    if not is_rtl_layout(layout):
        return
    # The shared reading of inherited text styles (preflight's), so alignment is resolved
    # the way the deck check and LibreOffice see it.
    bases = Bases(layout._element, layout.slide_master._element)
    default = default_text_style(slide.part.package.presentation_part.presentation)
    tree = slide.shapes._spTree
    for sp in tree.iter(_SP):
        if sp.find(_TX_BODY) is not None:
            _follow(sp, TextStyle.for_shape(sp, bases, default, ThemeFonts()))
    for cell in tree.iter(_TC):  # table cells
        body = cell.find(_CELL_BODY)
        if body is not None:
            _follow(body, TextStyle.for_cell(body, default, ThemeFonts()))


def _follow(owner, style) -> None:
    for p in owner.iter(_P):
        direction = set_paragraph_direction(p)
        if direction is None:
            continue
        ppr = p.find(_PPR)
        if ppr.get("algn") is None:
            side = style.alignment(p)
            if (direction, side) in (("ltr", "r"), ("rtl", "l")):
                ppr.set("algn", "l" if side == "r" else "r")
