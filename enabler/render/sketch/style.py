"""What a slide sketch needs from the slide's XML: colours, fills and inherited text styles.

The lxml work for `enabler.render.sketch.draw` lives here. Colours resolve through the master's
colour
map and theme; text properties follow PowerPoint's inheritance (run → shape's list style →
layout placeholder → master placeholder → master text styles). Only what a thumbnail shows is
read: solid colours (a gradient's first stop), size, bold, italic, alignment, bullets, anchor.
"""

from __future__ import annotations

import colorsys
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


def shape_line(el, theme: Theme) -> RGB | None:
    ln = el.find(f"{qn('p:spPr')}/{qn('a:ln')}")
    own = fill(ln, theme)
    if own is not False:
        return own
    ref = el.find(f"{qn('p:style')}/{qn('a:lnRef')}")
    if ref is not None and ref.get("idx", "0") != "0":
        return colour(ref, theme)
    return None


def background(slide, theme: Theme) -> RGB:
    """The first background set by the slide, its layout or its master (white if none)."""
    for owner in (slide, slide.slide_layout, slide.slide_layout.slide_master):
        bg = owner._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        if bg is None:
            continue
        props = bg.find(qn("p:bgPr"))
        found = fill(props, theme) if props is not None else colour(bg.find(qn("p:bgRef")), theme)
        if found:
            return found
    return (255, 255, 255)
