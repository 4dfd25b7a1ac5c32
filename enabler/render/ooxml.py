"""The few places Enabler touches slide XML directly (lxml), named for the element they touch."""

from __future__ import annotations

from pptx.oxml.ns import qn

_SP = qn("p:sp")
_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_TEXT = qn("a:t")
_SLOT_ONLY_TYPES = {"pic", "tbl", "chart", "media", "clipArt", "dgm", "obj"}


def drop_empty_placeholder_sps(sp_tree) -> int:
    """Remove `p:sp` placeholders with no text, and unfilled picture/table slots.

    A filled table or chart slot is a `p:graphicFrame` and a filled picture a `p:pic`, so only
    `p:sp` elements are candidates. Returns how many were removed.
    """
    removed = 0
    for sp in list(sp_tree.iterchildren(_SP)):
        ph = sp.find(_PH_PATH)
        if ph is None:
            continue
        text = "".join(t.text or "" for t in sp.iter(_TEXT))
        if ph.get("type") in _SLOT_ONLY_TYPES or not text.strip():
            sp_tree.remove(sp)
            removed += 1
    return removed
