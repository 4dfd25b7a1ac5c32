"""Which font, size and spacing a piece of slide text really gets, following OOXML inheritance.

A run's properties come from the first of: the run's own `a:rPr`, the shape's list style, the
matching placeholder on the layout, then on the master, the master's title/body/other text
style (or, for plain text boxes, the presentation's default text style). Theme font references
(`+mj-lt`, `+mn-lt`) resolve to the theme's heading and body fonts. Body properties (insets,
wrap, autofit) follow the same chain: shape, layout placeholder, master placeholder.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import overload

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from enabler.render.fit import measure as fitting
from enabler.render.ooxml_read.placeholders import PlaceholderBases, placeholder_of
from enabler.render.ooxml_read.placeholders import master_kind as _master_kind
from enabler.render.ooxml_read.safe_xml import parse_xml
from enabler.render.ooxml_read.text_props import NONE, TextProps, spacing_value

_TITLES = {"title", "ctrTitle"}
_AUTOFITS = {qn("a:normAutofit"): "shrink", qn("a:spAutoFit"): "grow", qn("a:noAutofit"): "none"}
DEFAULT_SIZE_PT = 18.0
_EMU_PER_PT = 12700
# Clark names computed once: these lookups run for every paragraph and run of a deck.
_P_PR = qn("a:pPr")
_LST_STYLE, _BODY_PR, _TX_BODY = qn("a:lstStyle"), qn("a:bodyPr"), qn("p:txBody")
_LVL = {n: qn(f"a:lvl{n}pPr") for n in range(1, 10)}
_SP_XFRM, _FRAME_XFRM = f"{qn('p:spPr')}/{qn('a:xfrm')}", qn("p:xfrm")
_MASTER_STYLES = {"title": qn("p:titleStyle"), "body": qn("p:bodyStyle")}
_OTHER_STYLE = qn("p:otherStyle")
_P, _R_PR, _T, _BR, _END_PR = qn("a:p"), qn("a:rPr"), qn("a:t"), qn("a:br"), qn("a:endParaRPr")
_RUNS = {qn("a:r"), qn("a:fld"), _BR}
# Styles every text of the deck falls back on: the master's text styles, the presentation's
# default. A shape style's font colour (p:style/a:fontRef) ranks above these, below the rest.
_DOCUMENT_WIDE = {qn(f"p:{n}") for n in ("titleStyle", "bodyStyle", "otherStyle")} | {
    qn("p:defaultTextStyle")
}


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
        root = parse_xml(part.blob)
    except (KeyError, etree.XMLSyntaxError):
        return ThemeFonts()
    faces = {}
    for key, tag in (("major", "a:majorFont"), ("minor", "a:minorFont")):
        latin = root.find(f".//{qn(tag)}/{qn('a:latin')}")
        if latin is not None and latin.get("typeface"):
            faces[key] = latin.get("typeface")
    return ThemeFonts(**faces)


class Bases(PlaceholderBases):
    """Where a slide's placeholders inherit from (`enabler.render.ooxml_read`), plus the
    master's text styles and each placeholder's inherited list styles and body properties.

    Built once per layout, since every slide shape asks.
    """

    def __init__(self, layout_el, master_el) -> None:
        super().__init__(layout_el, master_el)
        self.txstyles = master_el.find(qn("p:txStyles"))
        self._inherited: dict[tuple[str, str], tuple[tuple, tuple]] = {}

    def inherited(self, ph) -> tuple[tuple, tuple]:
        """(list styles, a:bodyPr elements or None) a placeholder inherits, nearest first.

        Depends on the placeholder's type and idx only, so it is worked out once for each.
        """
        key = (ph.get("type", "obj"), ph.get("idx", "0"))
        found = self._inherited.get(key)
        if found is None:
            lists, bodies = [], []
            for base in self.chain(ph):
                base_body = base.find(_TX_BODY)
                if base_body is not None:
                    lists.append(base_body.find(_LST_STYLE))
                    bodies.append(base_body.find(_BODY_PR))
            if self.txstyles is not None:
                style = _MASTER_STYLES.get(_master_kind(key[0]), _OTHER_STYLE)
                lists.append(self.txstyles.find(style))
            found = (tuple(el for el in lists if el is not None), tuple(bodies))
            self._inherited[key] = found
        return found


_BASES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def bases_of(layout) -> Bases:
    """The `Bases` of a python-pptx slide layout, built once per layout part."""
    found = _BASES.get(layout.part)
    if found is None:
        found = Bases(layout._element, layout.slide_master._element)
        _BASES[layout.part] = found
    return found


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
    """Resolves paragraph, run and body properties for one text body on a slide.

    `levels` remembers what the list styles give each paragraph level; pass one dict to the
    text bodies of a whole deck: its shapes share a few list-style chains (one per layout
    placeholder) across thousands of paragraphs.
    """

    def __init__(
        self, txbody, lists, bodies, fonts: ThemeFonts, levels: dict | None = None
    ) -> None:
        self.txbody = txbody
        self._lists = tuple(lists)  # list-style elements (a:lstStyle-like), nearest first
        self._bodies = bodies  # a:bodyPr elements, nearest first
        self.fonts = fonts
        self._levels = {} if levels is None else levels  # (lists, level) -> TextProps

    @classmethod
    def for_shape(
        cls, sp, bases: Bases, default_style, fonts: ThemeFonts, levels: dict | None = None
    ) -> TextStyle:
        txbody = sp.find(_TX_BODY)
        ph = placeholder_of(sp)
        if ph is not None:
            lists, bodies = bases.inherited(ph)
        else:
            lists, bodies = (default_style,) if default_style is not None else (), ()
        own = txbody.find(_LST_STYLE)
        if own is not None and len(own):  # an empty a:lstStyle sets nothing
            lists = (own, *lists)
        return cls(txbody, lists, (txbody.find(_BODY_PR), *bodies), fonts, levels)

    @classmethod
    def for_cell(
        cls, txbody, default_style, fonts: ThemeFonts, levels: dict | None = None
    ) -> TextStyle:
        own = txbody.find(_LST_STYLE)
        lists = [el for el in (own, default_style) if el is not None and len(el)]
        return cls(txbody, lists, [], fonts, levels)

    # -- paragraphs ---------------------------------------------------------------------------

    def alignment(self, p) -> str:
        """The paragraph's alignment (l, ctr, r, just…): its own, else its list styles'."""
        ppr = p.find(_P_PR)
        if ppr is not None and ppr.get("algn"):
            return ppr.get("algn")
        level = min(int(ppr.get("lvl", "0")) + 1, 9) if ppr is not None else 1
        for lst in self._lists:
            lvl = lst.find(_LVL[level])
            if lvl is not None and lvl.get("algn"):
                return lvl.get("algn")
        return "l"

    def level_elements(self, p) -> tuple[list, int]:
        """The elements that style paragraph `p`, nearest first: its own `a:pPr`, then each
        list style's entry for its level; and how many at the end are document-wide (the
        master's text style or the presentation's default)."""
        ppr = p.find(_P_PR)
        level = min(int(ppr.get("lvl", "0")) + 1, 9) if ppr is not None else 1
        found = [ppr] if ppr is not None else []
        wide = 0
        for lst in self._lists:
            lvl = lst.find(_LVL[level])
            if lvl is not None:
                found.append(lvl)
                wide += lst.tag in _DOCUMENT_WIDE
        return found, wide

    def paragraph_props(self, p) -> TextProps:
        """What paragraph `p` sets, over what the list styles give its level."""
        ppr = p.find(_P_PR)
        level = min(int(ppr.get("lvl", "0")) + 1, 9) if ppr is not None else 1
        key = (self._lists, level)
        inherited = self._levels.get(key)
        if inherited is None:
            inherited, tag = NONE, _LVL[level]
            for lst in self._lists:  # nearest first: each fills what nearer ones left open
                lvl = lst.find(tag)
                if lvl is not None:
                    inherited = inherited.over(TextProps.of_level(lvl))
            self._levels[key] = inherited
        return TextProps.of_level(ppr).over(inherited) if ppr is not None else inherited

    # -- runs ---------------------------------------------------------------------------------

    def run_font(self, paragraph: TextProps, rpr) -> tuple[str, float, bool, bool]:
        """(family, size in pt, bold, italic) of a run (`rpr` may be None) in a paragraph."""
        own = TextProps.of_run(rpr)  # its values are None or non-empty: `or` picks the nearest
        sz, b, i = (
            own.size or paragraph.size,
            own.bold or paragraph.bold,
            own.italic or paragraph.italic,
        )
        size = int(sz) / 100 if sz else DEFAULT_SIZE_PT
        bold = b in ("1", "true") if b else False
        italic = i in ("1", "true") if i else False
        return self.fonts.resolve(own.face or paragraph.face), size, bold, italic

    # -- body ---------------------------------------------------------------------------------

    @overload
    def body_attr(self, attr: str, default: str) -> str: ...
    @overload
    def body_attr(self, attr: str, default: None = None) -> str | None: ...
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


def for_slide_shape(sp, slide, fonts: ThemeFonts | None = None) -> TextStyle:
    """The text style of a shape on a python-pptx slide (its layout's bases, its deck's
    default text style)."""
    prs = slide.part.package.presentation_part.presentation
    return TextStyle.for_shape(
        sp, bases_of(slide.slide_layout), default_text_style(prs), fonts or ThemeFonts()
    )


def paragraphs(txbody, style: TextStyle) -> tuple[fitting.Paragraph, ...]:
    """The text body as the fitter sees it: styled runs, indents and spacing per paragraph."""
    out = []
    for p in txbody.iter(_P):
        props = style.paragraph_props(p)
        runs = []
        for child in p:
            if child.tag not in _RUNS:
                continue
            family, size, bold, italic = style.run_font(props, child.find(_R_PR))
            if child.tag == _BR:
                text = fitting.LINE_BREAK
            else:
                text = "".join(t.text or "" for t in child.iter(_T))
            runs.append(fitting.Run(text, family, size, bold, italic))
        end = style.run_font(props, p.find(_END_PR))[1]
        first_size = runs[0].size_pt if runs else end
        line = spacing_value(props.line)
        out.append(
            fitting.Paragraph(
                runs=tuple(runs),
                left_pt=_pt(props.left),
                first_indent_pt=_pt(props.indent),
                line_spacing=line[1] if line and line[0] == "pct" else 1.0,
                line_spacing_pt=line[1] if line and line[0] == "pts" else None,
                space_before_pt=space_pt(spacing_value(props.before), first_size),
                space_after_pt=space_pt(spacing_value(props.after), first_size),
                end_size_pt=end,
            )
        )
    return tuple(out)


def _pt(emu: str | None) -> float:
    return (int(emu) if emu is not None else 0) / _EMU_PER_PT


def space_pt(found: tuple[str, float] | None, size_pt: float) -> float:
    """Space before/after in points; a percentage is of one line of the first run's size."""
    if found is None:
        return 0.0
    kind, value = found
    return value if kind == "pts" else value * size_pt * 1.2


def text_of(txbody) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(_T)) for p in txbody.iter(_P))
