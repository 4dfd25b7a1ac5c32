"""A slide made for another page size: scaled uniformly and centred, never stretched.

`Placement.fit` says how a source page lands on the deck's page (one scale for both axes, an
offset that centres it). `place_tree` moves and scales the top-level shapes of a slide, layout
or master by it (group children follow their group), scales text sizes, spacing, insets and
line widths with it. Backgrounds fill the whole page, so a stretched background picture is
given bars by `letterbox` (see `background.py`), and a 4:3 photograph stays 4:3 on a 16:9 page.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx.oxml.ns import qn

from enabler.render.ooxml import MC_NS, parse_safe, to_xml_bytes

_SHAPE_XFRM = {
    qn("p:sp"): f"{qn('p:spPr')}/{qn('a:xfrm')}",
    qn("p:pic"): f"{qn('p:spPr')}/{qn('a:xfrm')}",
    qn("p:cxnSp"): f"{qn('p:spPr')}/{qn('a:xfrm')}",
    qn("p:grpSp"): f"{qn('p:grpSpPr')}/{qn('a:xfrm')}",
    qn("p:graphicFrame"): qn("p:xfrm"),
}
_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
_SIZED = (qn("a:rPr"), qn("a:defRPr"), qn("a:endParaRPr"))
_INSETS = ("lIns", "tIns", "rIns", "bIns")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a source page goes on the deck's page: scale, then offset (EMU)."""

    scale: float
    dx: int
    dy: int
    width: int  # the placed page's size on the deck's page
    height: int

    @classmethod
    def fit(cls, source: tuple[int, int], target: tuple[int, int]) -> Placement | None:
        """None when the sizes are equal (nothing to do)."""
        (sw, sh), (tw, th) = source, target
        if (sw, sh) == (tw, th) or sw <= 0 or sh <= 0:
            return None
        scale = min(tw / sw, th / sh)
        width, height = round(sw * scale), round(sh * scale)
        return cls(scale, (tw - width) // 2, (th - height) // 2, width, height)

    @property
    def letterboxed(self) -> bool:
        """True when the placed page leaves bars: the aspect ratios differ."""
        return self.dx > 0 or self.dy > 0


def _move(xfrm, p: Placement) -> None:
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is not None:
        off.set("x", str(round(int(off.get("x", "0")) * p.scale) + p.dx))
        off.set("y", str(round(int(off.get("y", "0")) * p.scale) + p.dy))
    if ext is not None:
        ext.set("cx", str(round(int(ext.get("cx", "0")) * p.scale)))
        ext.set("cy", str(round(int(ext.get("cy", "0")) * p.scale)))


def _shapes(sp_tree):
    for child in sp_tree:
        if child.tag == _ALTERNATE:
            for branch in child:
                yield from (c for c in branch if c.tag in _SHAPE_XFRM)
        elif child.tag in _SHAPE_XFRM:
            yield child


def _scale_attr(el, name: str, scale: float, low: int, high: int) -> None:
    value = el.get(name)
    if value is not None and value.lstrip("-").isdigit():
        el.set(name, str(max(low, min(high, round(int(value) * scale)))))


def _scale_sizes(root, scale: float) -> None:
    for el in root.iter(*_SIZED):
        _scale_attr(el, "sz", scale, 100, 400000)
    for el in root.iter(qn("a:spcPts")):
        _scale_attr(el, "val", scale, 0, 158400)
    for el in root.iter(qn("a:bodyPr")):
        for name in _INSETS:
            _scale_attr(el, name, scale, 0, 51206400)
    for el in root.iter(qn("a:ln")):
        _scale_attr(el, "w", scale, 0, 20116800)


def place_tree(root, p: Placement) -> None:
    """Place the slide, layout or master `root` (its `p:cSld`) on the deck's page, in place."""
    c_sld = root.find(qn("p:cSld"))
    if c_sld is None:
        return
    sp_tree = c_sld.find(qn("p:spTree"))
    if sp_tree is not None:
        for shape in _shapes(sp_tree):
            xfrm = shape.find(_SHAPE_XFRM[shape.tag])
            if xfrm is not None:
                _move(xfrm, p)
    if abs(p.scale - 1) > 1e-6:
        _scale_sizes(root, p.scale)


def scale_drawings(slide_part, p: Placement) -> None:
    """Scale the SmartArt drawings of a placed slide: their shapes sit in their frame's space."""
    if abs(p.scale - 1) <= 1e-6:
        return
    for rel in slide_part.rels.values():
        if rel.is_external or not rel.reltype.endswith("/diagramDrawing"):
            continue
        part = rel.target_part
        root = parse_safe(part.blob)
        scaled = Placement(p.scale, 0, 0, 0, 0)
        for el in root.iter():  # shape boxes (a:xfrm) and text boxes (dsp:txXfrm)
            if isinstance(el.tag, str) and el.tag.endswith(("}xfrm", "}txXfrm")):
                _move(el, scaled)
        _scale_sizes(root, p.scale)
        part._blob = to_xml_bytes(root)
