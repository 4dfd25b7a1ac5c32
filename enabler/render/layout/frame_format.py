"""How a frame placed on a customer template's slide is shaped and formatted.

Helpers of `enabler.render.layout.placement`: give a placeholder an explicit position (python-pptx
would otherwise move it where an idx-0 title is), let its text wrap and shrink, and make a
heading, quote or figure look as on our own layouts (no bullet, our size).
"""

from __future__ import annotations

from pptx.oxml.ns import qn

from enabler.render.layout.geometry import Rect
from enabler.render.ooxml_read.placeholders import paired_bases

_PH = qn("p:ph")


def pin_unnumbered(slide) -> None:
    """Give each placeholder its layout placeholder's position when the layout numbers
    several the same (files saved by LibreOffice leave every `idx` 0): python-pptx would
    otherwise place them all where the first one, the title, is."""
    layout = slide.slide_layout
    idxs = [ph.get("idx", "0") for ph in layout._element.iter(_PH)]
    if len(idxs) == len(set(idxs)):
        return
    shapes = {id(ph._element): ph for ph in slide.placeholders}
    pairs = paired_bases([ph._element for ph in slide.placeholders], layout._element)
    for sp, base in pairs:
        xfrm = base.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
        if xfrm is None:
            continue
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is None or ext is None:
            continue
        rect = Rect(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
        move(shapes[id(sp)], rect)


def move(shape, rect: Rect) -> None:
    shape.left, shape.top, shape.width, shape.height = rect.left, rect.top, rect.width, rect.height


def no_bullets(shape, size: int | None = None) -> None:
    """A heading, quote or figure: no bullet and no hanging indent, whatever the template's
    body style says, in our size (`size`, hundredths of a point) as on our own layouts."""
    if not shape.has_text_frame:
        return
    tx_body = shape.text_frame._txBody
    lst = tx_body.find(qn("a:lstStyle"))
    if lst is None:
        lst = tx_body.makeelement(qn("a:lstStyle"), {})
        tx_body.insert(1, lst)  # after a:bodyPr
    lvl = lst.find(qn("a:lvl1pPr"))
    if lvl is None:
        lvl = lst.makeelement(qn("a:lvl1pPr"), {})
        lst.insert(0, lvl)
    lvl.set("marL", "0")
    lvl.set("indent", "0")
    if lvl.find(qn("a:buNone")) is None:
        later = [lvl.find(qn(t)) for t in ("a:tabLst", "a:defRPr", "a:extLst")]
        later = [el for el in later if el is not None]
        bu_none = lvl.makeelement(qn("a:buNone"), {})
        if later:
            later[0].addprevious(bu_none)
        else:
            lvl.append(bu_none)
    if size:
        run = lvl.find(qn("a:defRPr"))
        if run is None:
            run = lvl.makeelement(qn("a:defRPr"), {})
            ext = lvl.find(qn("a:extLst"))
            if ext is not None:
                ext.addprevious(run)
            else:
                lvl.append(run)
        run.set("sz", str(size))


def shrink_on_overflow(shape) -> None:
    """Let the text wrap, and shrink when it is longer than the template's frame (as
    PowerPoint's 'Shrink text on overflow'): a customer layout's frames are rarely sized for
    our content."""
    if not shape.has_text_frame:
        return
    body_pr = shape.text_frame._txBody.bodyPr
    for child in list(body_pr):
        if child.tag in (qn("a:noAutofit"), qn("a:spAutoFit"), qn("a:normAutofit")):
            body_pr.remove(child)
    body_pr.insert(0, body_pr.makeelement(qn("a:normAutofit"), {}))
    body_pr.set("wrap", "square")  # some templates say "none": our text is meant to wrap
