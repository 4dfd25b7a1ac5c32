"""Text stays readable on the deck's template: contrast at least 4.5:1 (WCAG 2, AA).

A designed slide put on the deck's template ("use the deck's template") keeps its theme colour
references, so a title whose colour is `tx1` may turn from black-on-white into dark-on-navy.
`make_readable` finds, for every run of text, the colour it shows (its own, else its shape's,
layout's and master's text styles) and the colour behind it (its shape's fill, else the slide
background) and, below 4.5:1, gives the run the theme's text or background colour, whichever
reads better (pure black or white when neither does). `unreadable_texts` lists what reads
badly in a built deck, for preflight.
"""

from __future__ import annotations

import functools

from pptx.oxml.ns import qn

from enabler.domain.preflight import LowContrast
from enabler.render.colour.resolve import READABLE, RGB, ColourContext, contrast

_q = functools.cache(qn)  # tag names are asked for thousands of times per deck

WARN_BELOW = 2.5
_LEVEL_FILLS = {
    n: f"{_q(f'a:lvl{n}pPr')}/{_q('a:defRPr')}/{_q('a:solidFill')}" for n in range(1, 10)
}
_TITLE_TYPES = {"title", "ctrTitle"}
_BODY_TYPES = {"body", "subTitle", "obj", None}
_TEXT_FILLS = {_q(f"a:{n}") for n in ("noFill", "solidFill", "gradFill", "blipFill", "pattFill")}
_PH = f"{_q('p:nvSpPr')}/{_q('p:nvPr')}/{_q('p:ph')}"


def _level(paragraph) -> int:
    ppr = paragraph.find(_q("a:pPr"))
    try:
        return min(9, int(ppr.get("lvl", "0")) + 1) if ppr is not None else 1
    except ValueError:
        return 1


def _style_fill(lst_style, level: int):
    if lst_style is None:
        return None
    return lst_style.find(_LEVEL_FILLS[level])


def _matching_placeholder(part, ph):
    kind, idx = ph.get("type"), ph.get("idx")
    for sp in part._element.iter(_q("p:sp")):
        other = sp.find(_PH)
        if other is None:
            continue
        if (idx is not None and other.get("idx") == idx) or (kind and other.get("type") == kind):
            return sp
    return None


class _Resolver:
    def __init__(self, slide_part, themes: dict | None = None, shared: dict | None = None):
        """`themes` and `shared` carry what one deck's slides have in common between them."""
        self.ctx = ColourContext(slide_part, themes)
        self._shared: dict[tuple[object, ...], object] = {} if shared is None else shared
        self.background = self.ctx.background()
        self.picture = self.ctx.picture_background
        styles = self.ctx.master_part._element.find(_q("p:txStyles"))
        self.styles = {} if styles is None else {c.tag.rsplit("}", 1)[-1]: c for c in styles}
        self._inherits: dict[tuple[object, ...], object] = {}

    def _inherited(self, sp, level: int):
        """The text colour fill a shape inherits: layout, master, master text styles."""
        ph = sp.find(_PH)
        key: tuple[object, ...]
        if ph is not None:  # the same for every slide on this layout
            key = (self.ctx.layout_part, ph.get("type"), ph.get("idx"), level)
            cache = self._shared
        else:
            key, cache = (sp, level), self._inherits  # the element keeps its id alive in the key
        if key not in cache:
            cache[key] = self._look_up(sp, level)
        return cache[key]

    def _look_up(self, sp, level: int):
        ph = sp.find(_PH)
        if ph is None:
            style = sp.find(f"{_q('p:style')}/{_q('a:fontRef')}")
            if style is not None and len(style):
                return style[0]
            return _style_fill(self.styles.get("otherStyle"), level)
        for part in (self.ctx.layout_part, self.ctx.master_part):
            match = _matching_placeholder(part, ph)
            if match is not None:
                fill = _style_fill(match.find(f"{_q('p:txBody')}/{_q('a:lstStyle')}"), level)
                if fill is not None:
                    return fill
        kind = ph.get("type")
        name = (
            "titleStyle"
            if kind in _TITLE_TYPES
            else "bodyStyle"
            if kind in _BODY_TYPES
            else "otherStyle"
        )
        return _style_fill(self.styles.get(name), level)

    def behind(self, sp) -> RGB | None:
        fill = sp.find(f"{_q('p:spPr')}/{_q('a:solidFill')}")
        if fill is not None:
            return self.ctx.fill(fill, self.ctx.slide_part)
        if sp.find(f"{_q('p:spPr')}/{_q('a:noFill')}") is None:
            ref = sp.find(f"{_q('p:style')}/{_q('a:fillRef')}")
            if ref is not None and ref.get("idx", "0") != "0" and len(ref):
                return self.ctx.colour(ref[0])
        return self.background

    def owners(self, sld):
        """(shape or table cell, colour behind it, name) for each text holder on the slide."""
        for sp in sld.iter(_q("p:sp")):
            name = sp.find(f"{_q('p:nvSpPr')}/{_q('p:cNvPr')}").get("name", "")
            yield sp, self.behind(sp), name
        for frame in sld.iter(_q("p:graphicFrame")):
            name = frame.find(f"{_q('p:nvGraphicFramePr')}/{_q('p:cNvPr')}").get("name", "")
            for table in frame.iter(_q("a:tbl")):
                styled = table.find(f"{_q('a:tblPr')}/{_q('a:tableStyleId')}") is not None
                for cell in table.iter(_q("a:tc")):
                    fill = cell.find(f"{_q('a:tcPr')}/{_q('a:solidFill')}")
                    if fill is not None:
                        yield cell, self.ctx.fill(fill, self.ctx.slide_part), name
                    elif not styled:  # a table style's fills are not resolved here
                        yield cell, self.background, name

    def runs(self, sp):
        """(run properties element or None, colour, text) for each run of a shape or cell."""
        body = sp.find(_q("p:txBody"))
        if body is None:
            body = sp.find(_q("a:txBody"))
        if body is None:
            return
        lst = body.find(_q("a:lstStyle"))
        for paragraph in body.iter(_q("a:p")):
            level = _level(paragraph)
            inherited = _style_fill(lst, level)
            for run in paragraph.iter(_q("a:r")):
                text = "".join(t.text or "" for t in run.iter(_q("a:t")))
                if not text.strip():
                    continue
                rpr = run.find(_q("a:rPr"))
                own = None if rpr is None else rpr.find(_q("a:solidFill"))
                fill = own if own is not None else inherited
                if fill is None:
                    fill = self._inherited(sp, level)
                colour = None
                if fill is not None:
                    colour = self.ctx.colour(fill[0] if fill.tag == _q("a:solidFill") else fill)
                yield run, colour or self.ctx.scheme("tx1") or (0.0, 0.0, 0.0), text


def _readable_colour(resolver: _Resolver, behind: RGB):
    """('scheme' or 'srgb', value) of the best text colour on `behind`."""
    options = []
    for name in ("tx1", "bg1"):
        rgb = resolver.ctx.scheme(name)
        if rgb is not None:
            options.append((contrast(rgb, behind), "schemeClr", name))
    best = max(options, default=(0.0, "", ""))
    if best[0] >= READABLE:
        return best[1], best[2]
    black, white = contrast((0, 0, 0), behind), contrast((1, 1, 1), behind)
    return "srgbClr", "000000" if black >= white else "FFFFFF"


def make_readable(slide) -> int:
    """Recolour runs of `slide` that read below 4.5:1 on what is behind them; how many."""
    resolver = _Resolver(slide.part)
    changed = 0
    for sp, behind, _ in list(resolver.owners(slide._element)):
        if behind is None:
            continue
        for run, colour, _ in list(resolver.runs(sp)):
            if contrast(colour, behind) >= READABLE:
                continue
            tag, value = _readable_colour(resolver, behind)
            rpr = run.find(_q("a:rPr"))
            if rpr is None:
                rpr = run.makeelement(_q("a:rPr"), {})
                run.insert(0, rpr)
            for old in [c for c in rpr if c.tag in _TEXT_FILLS]:
                rpr.remove(old)
            fill = rpr.makeelement(_q("a:solidFill"), {})
            fill.append(fill.makeelement(_q(f"a:{tag}"), {"val": value}))
            # a:solidFill comes after a:ln and before effects, fonts and links
            ln = rpr.find(_q("a:ln"))
            rpr.insert(rpr.index(ln) + 1 if ln is not None else 0, fill)
            changed += 1
    return changed


def unreadable_texts(prs, below: float = WARN_BELOW) -> tuple[LowContrast, ...]:
    """Text in the deck that reads below `below` on a background of known colour.

    Preflight warns from 2.5:1, well under the 4.5:1 a recoloured slide gets: a template's own
    accent headings (teal on white reads about 3:1) are a brand choice a rep cannot change,
    while dark text on a dark layout (about 1.5:1) is the failure to catch."""
    out: list[LowContrast] = []
    themes: dict = {}
    shared: dict = {}
    for number, slide in enumerate(prs.slides, start=1):
        resolver = _Resolver(slide.part, themes, shared)
        for sp, behind, name in resolver.owners(slide._element):
            if behind is None or (behind is resolver.background and resolver.picture):
                continue  # a picture's mean colour says too little to warn about
            for _, colour, text in resolver.runs(sp):
                ratio = contrast(colour, behind)
                if ratio < below:
                    if not out or (out[-1].slide, out[-1].shape) != (number, name):
                        out.append(LowContrast(number, name, text, round(ratio, 1)))
                    break
    return tuple(out)
