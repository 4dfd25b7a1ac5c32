"""Which font, size and spacing a piece of slide text really gets, following OOXML inheritance.

A run's properties come from the first of: the run's own `a:rPr`, the shape's list style, the
matching placeholder on the layout, then on the master, the master's title/body/other text
style (or, for plain text boxes, the presentation's default text style). Theme font references
(`+mj-lt`, `+mn-lt`) resolve to the theme's heading and body fonts. Body properties (insets,
wrap, autofit) follow the same chain: shape, layout placeholder, master placeholder.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from enabler.render import fit as fitting

_SAFE = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
_PH = f"*/{qn('p:nvPr')}/{qn('p:ph')}"  # under p:nvSpPr, p:nvPicPr, p:nvGraphicFramePr…
_TITLES = {"title", "ctrTitle"}
_OTHER = {"dt", "ftr", "sldNum", "hdr"}
_AUTOFITS = {qn("a:normAutofit"): "shrink", qn("a:spAutoFit"): "grow", qn("a:noAutofit"): "none"}
DEFAULT_SIZE_PT = 18.0
_EMU_PER_PT = 12700
# Clark names computed once: these lookups run for every paragraph and run of a deck.
_P_PR, _DEF_RPR, _LATIN = qn("a:pPr"), qn("a:defRPr"), qn("a:latin")
_LST_STYLE, _BODY_PR, _TX_BODY = qn("a:lstStyle"), qn("a:bodyPr"), qn("p:txBody")
_LVL = {n: qn(f"a:lvl{n}pPr") for n in range(1, 10)}
_SP_XFRM, _FRAME_XFRM = f"{qn('p:spPr')}/{qn('a:xfrm')}", qn("p:xfrm")
_SPC = {t: qn(f"a:{t}") for t in ("lnSpc", "spcBef", "spcAft")}
_SPC_PCT, _SPC_PTS = qn("a:spcPct"), qn("a:spcPts")
_P, _R_PR, _T, _BR, _END_PR = qn("a:p"), qn("a:rPr"), qn("a:t"), qn("a:br"), qn("a:endParaRPr")
_RUNS = {qn("a:r"), qn("a:fld"), _BR}


@dataclass(frozen=True, slots=True)
class ThemeFonts:
    major: str = "Lato"
    minor: str = "Open Sans"

    def resolve(self, typeface: str | None) -> str:
        if not typeface:
            return self.minor
        if typeface.startswith("+mj"):
            return self.major
        if typeface.startswith("+mn"):
            return self.minor
        return typeface


def theme_fonts(master) -> ThemeFonts:
    """The heading (major) and body (minor) Latin fonts of a slide master's theme."""
    try:
        part = master.part.part_related_by(RT.THEME)
        root = etree.fromstring(part.blob, _SAFE)
    except (KeyError, etree.XMLSyntaxError):
        return ThemeFonts()
    faces = {}
    for key, tag in (("major", "a:majorFont"), ("minor", "a:minorFont")):
        latin = root.find(f".//{qn(tag)}/{qn('a:latin')}")
        if latin is not None and latin.get("typeface"):
            faces[key] = latin.get("typeface")
    return ThemeFonts(**faces)


def placeholder_of(sp):
    """The shape's `p:ph` element, or None for a plain shape."""
    return sp.find(_PH)


def _master_kind(kind: str) -> str:
    if kind in _TITLES:
        return "title"
    return kind if kind in _OTHER else "body"


class Bases:
    """Where a slide's placeholders inherit from: the layout's and the master's placeholders.

    Built once per layout (lookups by idx and type), since every slide shape asks.
    """

    def __init__(self, layout_el, master_el) -> None:
        self.by_idx: dict[str, object] = {}
        self.layout_title = None
        for sp in layout_el.iter(qn("p:sp")):
            ph = placeholder_of(sp)
            if ph is None:
                continue
            if ph.get("type", "obj") in _TITLES and self.layout_title is None:
                self.layout_title = sp
            self.by_idx.setdefault(ph.get("idx", "0"), sp)
        self.master: dict[str, object] = {}
        for sp in master_el.iter(qn("p:sp")):
            ph = placeholder_of(sp)
            if ph is not None:
                self.master.setdefault(_master_kind(ph.get("type", "obj")), sp)
        self.txstyles = master_el.find(qn("p:txStyles"))

    def chain(self, ph) -> list:
        """The layout and master shapes `ph` inherits from, nearest first."""
        kind = ph.get("type", "obj")
        layout = self.layout_title if kind in _TITLES else self.by_idx.get(ph.get("idx", "0"))
        return [sp for sp in (layout, self.master.get(_master_kind(kind))) if sp is not None]


def inherited_xfrm(sp, bases: Bases | None):
    """The `a:xfrm` that places a shape: its own, else its placeholder's on layout or master."""
    own = sp.find(_SP_XFRM)
    if own is None:
        own = sp.find(_FRAME_XFRM)  # graphic frames keep theirs here
    if own is not None or bases is None:
        return own
    ph = placeholder_of(sp)
    if ph is None:
        return None
    for base in bases.chain(ph):
        xfrm = base.find(_SP_XFRM)
        if xfrm is not None:
            return xfrm
    return None


class TextStyle:
    """Resolves paragraph, run and body properties for one text body on a slide."""

    def __init__(self, txbody, lists: list, bodies: list, fonts: ThemeFonts) -> None:
        self.txbody = txbody
        self._lists = lists  # list-style elements (a:lstStyle-like), nearest first
        self._bodies = bodies  # a:bodyPr elements, nearest first
        self.fonts = fonts

    @classmethod
    def for_shape(cls, sp, bases: Bases, default_style, fonts: ThemeFonts) -> TextStyle:
        txbody = sp.find(_TX_BODY)
        lists, bodies = [txbody.find(_LST_STYLE)], [txbody.find(_BODY_PR)]
        ph = placeholder_of(sp)
        if ph is not None:
            for base in bases.chain(ph):
                base_body = base.find(_TX_BODY)
                if base_body is not None:
                    lists.append(base_body.find(_LST_STYLE))
                    bodies.append(base_body.find(_BODY_PR))
            name = {"title": "p:titleStyle", "body": "p:bodyStyle"}.get(
                _master_kind(ph.get("type", "obj")), "p:otherStyle"
            )
            if bases.txstyles is not None:
                lists.append(bases.txstyles.find(qn(name)))
        else:
            lists.append(default_style)
        return cls(txbody, [el for el in lists if el is not None], bodies, fonts)

    @classmethod
    def for_cell(cls, txbody, default_style, fonts: ThemeFonts) -> TextStyle:
        lists = [txbody.find(_LST_STYLE), default_style]
        return cls(txbody, [el for el in lists if el is not None], [], fonts)

    # -- paragraphs ---------------------------------------------------------------------------

    def levels(self, p) -> list:
        """The paragraph's own a:pPr, then its level's pPr in each list style, nearest first."""
        ppr = p.find(_P_PR)
        level = min(int(ppr.get("lvl", "0")) + 1, 9) if ppr is not None else 1
        found = [ppr] if ppr is not None else []
        tag = _LVL[level]
        for lst in self._lists:
            lvl = lst.find(tag)
            if lvl is not None:
                found.append(lvl)
        return found

    @staticmethod
    def para_emu(levels: list, attr: str) -> int:
        for el in levels:
            value = el.get(attr)
            if value is not None:
                return int(value)
        return 0

    @staticmethod
    def spacing(levels: list, tag: str) -> tuple[str, float] | None:
        """('pct', 1.0) or ('pts', 12.0) for a:lnSpc / a:spcBef / a:spcAft, if set."""
        child_tag = _SPC[tag]
        for el in levels:
            child = el.find(child_tag)
            if child is None:
                continue
            pct, pts = child.find(_SPC_PCT), child.find(_SPC_PTS)
            if pct is not None:
                return "pct", int(pct.get("val", "100000")) / 100000
            if pts is not None:
                return "pts", int(pts.get("val", "0")) / 100
        return None

    # -- runs ---------------------------------------------------------------------------------

    def run_font(self, levels: list, rpr) -> tuple[str, float, bool, bool]:
        """(family, size in pt, bold, italic) of a run (`rpr` may be None)."""
        chain = [rpr] if rpr is not None else []
        for el in levels:
            default = el.find(_DEF_RPR)
            if default is not None:
                chain.append(default)
        size = next((int(el.get("sz")) / 100 for el in chain if el.get("sz")), DEFAULT_SIZE_PT)
        bold = next((el.get("b") in ("1", "true") for el in chain if el.get("b")), False)
        italic = next((el.get("i") in ("1", "true") for el in chain if el.get("i")), False)
        face = None
        for el in chain:
            latin = el.find(_LATIN)
            if latin is not None and latin.get("typeface"):
                face = latin.get("typeface")
                break
        return self.fonts.resolve(face), size, bold, italic

    # -- body ---------------------------------------------------------------------------------

    def body_attr(self, attr: str, default: str | None = None) -> str | None:
        for body in self._bodies:
            if body is not None and body.get(attr) is not None:
                return body.get(attr)
        return default

    def autofit(self) -> tuple[str, float]:
        """('shrink' | 'grow' | 'none', fontScale already applied by PowerPoint)."""
        for body in self._bodies:
            if body is None:
                continue
            for child in body:
                kind = _AUTOFITS.get(child.tag)
                if kind:
                    return kind, int(child.get("fontScale", "100000")) / 100000
        return "none", 1.0


def default_text_style(prs):
    """The presentation's default text style (what plain text boxes and tables inherit)."""
    return prs.part._element.find(qn("p:defaultTextStyle"))


def paragraphs(txbody, style: TextStyle) -> tuple[fitting.Paragraph, ...]:
    """The text body as the fitter sees it: styled runs, indents and spacing per paragraph."""
    out = []
    for p in txbody.iter(_P):
        levels = style.levels(p)
        runs = []
        for child in p:
            if child.tag not in _RUNS:
                continue
            family, size, bold, italic = style.run_font(levels, child.find(_R_PR))
            if child.tag == _BR:
                text = fitting.LINE_BREAK
            else:
                text = "".join(t.text or "" for t in child.iter(_T))
            runs.append(fitting.Run(text, family, size, bold, italic))
        end = style.run_font(levels, p.find(_END_PR))[1]
        first_size = runs[0].size_pt if runs else end
        line = style.spacing(levels, "lnSpc")
        out.append(
            fitting.Paragraph(
                runs=tuple(runs),
                left_pt=style.para_emu(levels, "marL") / _EMU_PER_PT,
                first_indent_pt=style.para_emu(levels, "indent") / _EMU_PER_PT,
                line_spacing=line[1] if line and line[0] == "pct" else 1.0,
                line_spacing_pt=line[1] if line and line[0] == "pts" else None,
                space_before_pt=space_pt(style.spacing(levels, "spcBef"), first_size),
                space_after_pt=space_pt(style.spacing(levels, "spcAft"), first_size),
                end_size_pt=end,
            )
        )
    return tuple(out)


def space_pt(found: tuple[str, float] | None, size_pt: float) -> float:
    """Space before/after in points; a percentage is of one line of the first run's size."""
    if found is None:
        return 0.0
    kind, value = found
    return value if kind == "pts" else value * size_pt * 1.2


def text_of(txbody) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(_T)) for p in txbody.iter(_P))
