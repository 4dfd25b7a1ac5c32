"""What a slide sketch needs from the slide's XML: colours, fills and inherited text styles.

The lxml work for `enabler.render.sketch.draw` lives here. Colours resolve through the master's
colour
map and theme; text properties follow PowerPoint's inheritance (run → shape's list style →
layout placeholder → master placeholder → master text styles). Only what a thumbnail shows is
read: solid colours (a gradient's first stop), size, bold, italic, alignment, bullets, anchor.
Backgrounds are read in full (`Background`: a colour, a picture or a gradient, also through
the theme's background fill styles), since a slide's whole look rests on them.
"""

from __future__ import annotations

import colorsys
import copy
import functools
import weakref
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn as _qn

from enabler.render.ooxml_read.safe_xml import SAFE_PARSER

RGB = tuple[int, int, int]
# Clark names are looked up thousands of times per deck; python-pptx builds them each time.
qn = functools.lru_cache(maxsize=None)(_qn)
_SAFE = SAFE_PARSER  # the one safe parser (enabler.render.ooxml_read)
_DEFAULT_SCHEME = {"dk1": "000000", "lt1": "FFFFFF", "dk2": "1F497D", "lt2": "EEECE1"}
_MAP_DEFAULT = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
_FILLS = ("a:solidFill", "a:gradFill", "a:noFill", "a:blipFill", "a:pattFill", "a:grpFill")
_FILL_TAGS = frozenset(qn(t) for t in _FILLS)


@dataclass(frozen=True, slots=True)
class Theme:
    """A master's colours (scheme name → hex) and its heading/body font families."""

    colours: dict[str, str]
    major_font: str
    minor_font: str


_THEMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def theme_of(master) -> Theme:
    """The master's theme with its colour map applied (bg1/tx1… resolve directly)."""
    part = master.part
    if part in _THEMES:
        return _THEMES[part]
    colours = dict(_DEFAULT_SCHEME)
    fonts = {"major": "Lato", "minor": "Open Sans"}
    try:
        root = etree.fromstring(part.part_related_by(RT.THEME).blob, _SAFE)
    except (KeyError, etree.XMLSyntaxError):
        root = None
    if root is not None:
        for scheme in root.iter(qn("a:clrScheme")):
            for slot in scheme:
                hex_ = _literal(slot)
                if hex_:
                    colours[etree.QName(slot).localname] = hex_
            break
        for kind in ("major", "minor"):
            latin = root.find(f".//{qn(f'a:{kind}Font')}/{qn('a:latin')}")
            if latin is not None and latin.get("typeface"):
                fonts[kind] = latin.get("typeface")
    clr_map = master._element.find(qn("p:clrMap"))
    mapping = dict(_MAP_DEFAULT)
    if clr_map is not None:
        mapping.update(clr_map.attrib)
    for alias, target in mapping.items():
        if target in colours:
            colours[alias] = colours[target]
    theme = Theme(colours, fonts["major"], fonts["minor"])
    _THEMES[part] = theme
    return theme


_OVERRIDES: dict[tuple, Theme] = {}


def theme_for(slide) -> Theme:
    """The master's theme as this slide shows it: a slide's or layout's colour-map override
    (a dark layout maps bg1 to dk1 and tx1 to lt1) applied."""
    master = slide.slide_layout.slide_master
    base = theme_of(master)
    for owner in (slide, slide.slide_layout):
        override = owner._element.find(f"{qn('p:clrMapOvr')}/{qn('a:overrideClrMapping')}")
        if override is None:
            continue
        mapping = tuple(sorted(override.attrib.items()))
        key = (tuple(sorted(base.colours.items())), mapping)
        if key not in _OVERRIDES:
            raw = {k: v for k, v in base.colours.items() if k not in _MAP_DEFAULT}
            colours = dict(base.colours)
            for alias, target in mapping:
                if target in raw:
                    colours[alias] = raw[target]
            if len(_OVERRIDES) > 256:
                _OVERRIDES.clear()
            _OVERRIDES[key] = Theme(colours, base.major_font, base.minor_font)
        return _OVERRIDES[key]
    return base


def scheme_rgb(theme: Theme, name: str) -> RGB | None:
    """A theme colour by scheme name (accent1, tx1…)."""
    hex_ = theme.colours.get(name, "")
    try:
        return (int(hex_[0:2], 16), int(hex_[2:4], 16), int(hex_[4:6], 16))
    except ValueError:
        return None


def _literal(el) -> str | None:
    """The hex of a direct colour child (srgbClr, or sysClr's last colour)."""
    srgb = el.find(qn("a:srgbClr"))
    if srgb is not None:
        return srgb.get("val")
    sys_clr = el.find(qn("a:sysClr"))
    return sys_clr.get("lastClr") if sys_clr is not None else None


def _adjust(rgb: RGB, colour_el) -> RGB:
    """Apply lumMod/lumOff/tint/shade, the adjustments Office themes use most."""
    h, lum, s = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    for mod in colour_el:
        name, val = etree.QName(mod).localname, int(mod.get("val", "100000")) / 100000
        if name == "lumMod":
            lum *= val
        elif name == "lumOff":
            lum += val
        elif name in ("tint", "shade"):
            scaled = [c * 255 for c in colorsys.hls_to_rgb(h, lum, s)]
            if name == "tint":
                scaled = [c + (255 - c) * (1 - val) for c in scaled]
            else:
                scaled = [c * val for c in scaled]
            h, lum, s = colorsys.rgb_to_hls(*(c / 255 for c in scaled))
    lum = min(max(lum, 0.0), 1.0)
    r, g, b = (round(c * 255) for c in colorsys.hls_to_rgb(h, lum, s))
    return (r, g, b)


def colour(el, theme: Theme) -> RGB | None:
    """The colour of an element holding srgbClr/schemeClr/sysClr/prstClr, or None."""
    if el is None:
        return None
    for child in el:
        name = etree.QName(child).localname
        if name == "srgbClr":
            hex_ = child.get("val")
        elif name == "schemeClr":
            hex_ = theme.colours.get(child.get("val", ""))
        elif name == "sysClr":
            hex_ = child.get("lastClr")
        elif name == "prstClr":
            hex_ = {"black": "000000", "white": "FFFFFF"}.get(child.get("val", ""), "808080")
        else:
            continue
        if not hex_ or len(hex_) != 6:
            return None
        try:
            rgb = (int(hex_[0:2], 16), int(hex_[2:4], 16), int(hex_[4:6], 16))
        except ValueError:
            return None
        return _adjust(rgb, child)
    return None


def fill(container, theme: Theme) -> RGB | Literal[False] | None:
    """A container's own fill: a colour, None for "no fill", or False when it sets none."""
    if container is None:
        return False
    for tag in _FILLS:
        el = container.find(qn(tag))
        if el is None:
            continue
        if tag == "a:solidFill":
            return colour(el, theme)
        if tag == "a:gradFill":
            stop = el.find(f"{qn('a:gsLst')}/{qn('a:gs')}")
            return colour(stop, theme)
        if tag == "a:pattFill":
            return colour(el.find(qn("a:fgClr")), theme)
        return None  # noFill; picture/group fills are drawn as none in a sketch
    return False


def shape_fill(el, theme: Theme) -> RGB | None:
    """A shape's fill: its own spPr, else its style's fillRef (python-pptx autoshapes)."""
    own = fill(el.find(qn("p:spPr")), theme)
    if own is not False:
        return own
    ref = el.find(f"{qn('p:style')}/{qn('a:fillRef')}")
    if ref is not None and ref.get("idx", "0") != "0":
        return colour(ref, theme)
    return None


def fill_alpha(el) -> float:
    """How opaque a shape's own solid fill is (1.0 when it says nothing)."""
    return _alpha(el.find(f"{qn('p:spPr')}/{qn('a:solidFill')}"))


def line_alpha(el) -> float:
    """How opaque a shape's own outline is (1.0 when it says nothing)."""
    return _alpha(el.find(f"{qn('p:spPr')}/{qn('a:ln')}/{qn('a:solidFill')}"))


def _alpha(solid) -> float:
    if solid is None:
        return 1.0
    for colour_el in solid:
        alpha = colour_el.find(qn("a:alpha"))
        if alpha is not None:
            try:
                return min(max(int(alpha.get("val", "100000")) / 100000, 0.0), 1.0)
            except ValueError:
                return 1.0
    return 1.0


def shape_line(el, theme: Theme) -> RGB | None:
    ln = el.find(f"{qn('p:spPr')}/{qn('a:ln')}")
    own = fill(ln, theme)
    if own is not False:
        return own
    ref = el.find(f"{qn('p:style')}/{qn('a:lnRef')}")
    if ref is not None and ref.get("idx", "0") != "0":
        return colour(ref, theme)
    return None


@dataclass(frozen=True, slots=True)
class Background:
    """What a sketch paints behind everything: a colour, a picture or a gradient.

    `colour` is what shows where the picture or gradient cannot be drawn. A gradient's stops
    run from 0 to 1: along `angle` (degrees clockwise from left to right) for a linear one,
    outwards from `focus` (fractions of the page) for a path (radial) one.
    """

    colour: RGB
    part: object | None = None  # the part whose relationships hold `picture`
    picture: str = ""  # relationship id of a picture fill
    tile: bool = False
    stops: tuple[tuple[float, RGB], ...] = ()
    angle: float = 0.0
    radial: bool = False
    focus: tuple[float, float] = (0.5, 0.5)


_WHITE = Background((255, 255, 255))
_THEME_ROOTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_COLOUR_TAGS = frozenset(
    qn(f"a:{t}") for t in ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr")
)


def _theme_root(master):
    part = master.part
    if part not in _THEME_ROOTS:
        try:
            _THEME_ROOTS[part] = etree.fromstring(part.part_related_by(RT.THEME).blob, _SAFE)
        except (KeyError, etree.XMLSyntaxError):
            _THEME_ROOTS[part] = None
    return _THEME_ROOTS[part]


def _styled_fill(master, ref):
    """The theme fill style a `bgRef` names (1001+: background styles, 1+: fill styles), its
    placeholder colour (`phClr`) replaced by the reference's own colour."""
    root = _theme_root(master)
    idx = int(ref.get("idx", "0") or 0)
    if root is None or idx < 1:
        return None
    kind, n = ("a:bgFillStyleLst", idx - 1001) if idx >= 1001 else ("a:fillStyleLst", idx - 1)
    styles = root.find(f".//{qn(kind)}")
    if styles is None or not 0 <= n < len(styles):
        return None
    style = copy.deepcopy(styles[n])
    given = next((c for c in ref if c.tag in _COLOUR_TAGS), None)
    for ph in list(style.iter(qn("a:schemeClr"))):
        if ph.get("val") == "phClr" and given is not None:
            own = copy.deepcopy(given)
            own.extend(copy.deepcopy(m) for m in ph)  # the style's tints and shades on top
            ph.getparent().replace(ph, own)
    return style


def _gradient(grad, theme: Theme) -> Background | None:
    stops = sorted(
        (int(gs.get("pos", "0") or 0) / 100000, rgb)
        for gs in grad.iter(qn("a:gs"))
        if (rgb := colour(gs, theme)) is not None
    )
    if not stops:
        return None
    if len(stops) == 1:
        return Background(stops[0][1])
    path, lin = grad.find(qn("a:path")), grad.find(qn("a:lin"))
    if path is not None:
        rect = path.find(qn("a:fillToRect"))
        left, top, right, bottom = (
            int(rect.get(k, "0") or 0) / 100000 if rect is not None else 0.0 for k in "ltrb"
        )
        focus = ((left + 1 - right) / 2, (top + 1 - bottom) / 2)
        return Background(stops[0][1], stops=tuple(stops), radial=True, focus=focus)
    angle = int(lin.get("ang", "0") or 0) / 60000 if lin is not None else 0.0
    return Background(stops[0][1], stops=tuple(stops), angle=angle)


def _background_fill(el, theme: Theme, part) -> Background | None:
    """A background from one fill element (solid, gradient, picture, pattern); None: none."""
    tag = etree.QName(el).localname
    if tag == "solidFill":
        rgb = colour(el, theme)
        return Background(rgb) if rgb is not None else None
    if tag == "gradFill":
        return _gradient(el, theme)
    if tag == "blipFill":
        blip = el.find(qn("a:blip"))
        rid = blip.get(qn("r:embed"), "") if blip is not None else ""
        if not rid or part is None:
            return None
        return Background((255, 255, 255), part, rid, tile=el.find(qn("a:tile")) is not None)
    if tag == "pattFill":
        rgb = colour(el.find(qn("a:fgClr")), theme)
        return Background(rgb) if rgb is not None else None
    return None


def background(slide, theme: Theme) -> Background:
    """The first background set by the slide, its layout or its master (white if none)."""
    master = slide.slide_layout.slide_master
    for owner in (slide, slide.slide_layout, master):
        bg = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is None:
            continue
        props = bg.find(qn("p:bgPr"))
        if props is not None:
            el = next((c for c in props if c.tag in _FILL_TAGS), None)
            found = _background_fill(el, theme, owner.part) if el is not None else None
        else:
            ref = bg.find(qn("p:bgRef"))
            if ref is None:
                continue
            styled = _styled_fill(master, ref)
            found = _background_fill(styled, theme, None) if styled is not None else None
            if found is None and (rgb := colour(ref, theme)) is not None:
                found = Background(rgb)
        if found is not None:
            return found
    return _WHITE
