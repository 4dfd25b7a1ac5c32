"""Where a shape sits on its slide, in EMU, with group transforms applied (for preflight)."""

from __future__ import annotations

from dataclasses import dataclass

from pptx.oxml.ns import qn

_XFRM_PARTS = (qn("a:off"), qn("a:ext"))


@dataclass(frozen=True, slots=True)
class Box:
    """A shape's place on the slide in EMU (group transforms applied)."""

    left: float
    top: float
    width: float
    height: float


def box_of(xfrm) -> Box:
    if xfrm is None:
        return Box(0, 0, 0, 0)
    off, ext = (xfrm.find(tag) for tag in _XFRM_PARTS)
    x, y = (int(off.get("x", 0)), int(off.get("y", 0))) if off is not None else (0, 0)
    w, h = (int(ext.get("cx", 0)), int(ext.get("cy", 0))) if ext is not None else (0, 0)
    return Box(x, y, w, h)


def group_transform(group, outer):
    """Map a group's child coordinates to slide coordinates (chOff/chExt → off/ext)."""
    xfrm = group.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}")
    if xfrm is None or xfrm.find(qn("a:chExt")) is None:
        return outer
    outer_box = box_of(xfrm)
    ch_off, ch_ext = xfrm.find(qn("a:chOff")), xfrm.find(qn("a:chExt"))
    cx, cy = int(ch_off.get("x", 0)), int(ch_off.get("y", 0))
    sx = outer_box.width / (int(ch_ext.get("cx", 0)) or 1)
    sy = outer_box.height / (int(ch_ext.get("cy", 0)) or 1)

    def transform(box: Box) -> Box:
        mapped = Box(
            outer_box.left + (box.left - cx) * sx,
            outer_box.top + (box.top - cy) * sy,
            box.width * sx,
            box.height * sy,
        )
        return outer(mapped) if outer is not None else mapped

    return transform
