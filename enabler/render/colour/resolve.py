"""Colours as a slide shows them: theme and colour map resolved, contrast measured (WCAG 2).

A slide's colours are mostly references: `tx1` means the theme's `dk1` through the master's
colour map, which a layout or slide may override. `ColourContext` resolves them for one slide;
`background` says what colour the slide's background is (the mean colour of a gradient or a
picture), and `contrast` is the WCAG contrast ratio that readable text needs at 4.5:1.
"""

from __future__ import annotations

import colorsys
import functools
import io

from PIL import Image, UnidentifiedImageError
from pptx.oxml.ns import qn

from enabler.render.ooxml import parse_safe

_q = functools.cache(qn)  # tag names are asked for thousands of times per deck

RGB = tuple[float, float, float]  # 0..1
READABLE = 4.5
_MAP_KEYS = ("bg1", "tx1", "bg2", "tx2")
_PRESET = {"black": (0.0, 0.0, 0.0), "white": (1.0, 1.0, 1.0)}
_FILLS = (_q("a:solidFill"), _q("a:gradFill"), _q("a:blipFill"), _q("a:noFill"))


def _hex(value: str) -> RGB | None:
    try:
        r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return (r, g, b)
    except (ValueError, TypeError):
        return None


def luminance(rgb: RGB) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _modified(rgb: RGB, el) -> RGB:
    """Apply the modifiers PowerPoint writes most (lumMod/lumOff, tint, shade)."""
    h, lum, s = colorsys.rgb_to_hls(*rgb)
    r, g, b = rgb
    for mod in el:
        val = int(mod.get("val", "100000")) / 100000
        name = mod.tag.rsplit("}", 1)[-1]
        if name == "lumMod":
            lum *= val
        elif name == "lumOff":
            lum += val
        elif name in ("tint", "shade"):
            r, g, b = colorsys.hls_to_rgb(h, lum, s)
            if name == "shade":
                r, g, b = r * val, g * val, b * val
            else:
                r, g, b = (c + (1 - c) * (1 - val) for c in (r, g, b))
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
    return colorsys.hls_to_rgb(h, max(0.0, min(1.0, lum)), s)


@functools.lru_cache(maxsize=64)
def _picture_mean(blob: bytes) -> RGB | None:
    try:
        with Image.open(io.BytesIO(blob)) as im:
            px = im.convert("RGB").resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
            if not isinstance(px, tuple):  # an RGB image always gives a tuple
                return None
            return (px[0] / 255, px[1] / 255, px[2] / 255)
    except (UnidentifiedImageError, OSError, ValueError):
        return None


def theme_colours(master_part) -> dict[str, RGB]:
    """The theme's colour scheme (dk1, lt1, accent1…) for a master part."""
    for rel in master_part.rels.values():
        if rel.reltype.endswith("/theme") and not rel.is_external:
            scheme = parse_safe(rel.target_part.blob).find(
                f"{_q('a:themeElements')}/{_q('a:clrScheme')}"
            )
            if scheme is None:
                return {}
            out = {}
            for slot in scheme:
                for colour in slot:
                    rgb = _hex(colour.get("val") if colour.tag == _q("a:srgbClr") else "")
                    rgb = rgb or _hex(colour.get("lastClr", ""))
                    if rgb is not None:
                        out[slot.tag.rsplit("}", 1)[-1]] = rgb
            return out
    return {}


class ColourContext:
    """Resolves colour elements for one slide: its master's theme through its colour map."""

    def __init__(self, slide_part, themes: dict | None = None):
        """`themes` caches theme colours per master across the slides of one deck."""
        self.slide_part = slide_part
        self.layout_part = slide_part.slide_layout.part
        self.master_part = self.layout_part.slide_master.part
        themes = {} if themes is None else themes
        key = id(self.master_part)
        if key not in themes:
            themes[key] = theme_colours(self.master_part)
        self.theme = themes[key]
        self.picture_background = False  # set by background(): its colour is only a mean
        clr_map = self.master_part._element.find(_q("p:clrMap"))
        self.map = {k: (clr_map.get(k) if clr_map is not None else None) for k in _MAP_KEYS}
        for part in (self.layout_part, slide_part):
            over = part._element.find(f"{_q('p:clrMapOvr')}/{_q('a:overrideClrMapping')}")
            if over is not None:
                self.map.update({k: over.get(k) for k in _MAP_KEYS if over.get(k)})

    def scheme(self, name: str) -> RGB | None:
        name = self.map.get(name) or {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}.get(
            name, name
        )
        return self.theme.get(name)

    def colour(self, el, placeholder: RGB | None = None) -> RGB | None:
        """The RGB of a colour element (`a:srgbClr`, `a:schemeClr`…), or None."""
        if el is None:
            return None
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "srgbClr":
            rgb = _hex(el.get("val", ""))
        elif tag == "schemeClr":
            rgb = placeholder if el.get("val") == "phClr" else self.scheme(el.get("val", ""))
        elif tag == "sysClr":
            rgb = _hex(el.get("lastClr", "")) or _PRESET.get(el.get("val", ""))
        elif tag == "prstClr":
            rgb = _PRESET.get(el.get("val", ""))
        else:
            return None
        return None if rgb is None else _modified(rgb, el)

    def fill(self, fill, part) -> RGB | None:
        """The colour a fill shows (a gradient's mean stop, a picture's mean colour)."""
        if fill is None:
            return None
        tag = fill.tag
        if tag == _q("a:solidFill"):
            return self.colour(fill[0] if len(fill) else None)
        if tag == _q("a:gradFill"):
            stops = [self.colour(gs[0]) for gs in fill.iter(_q("a:gs")) if len(gs)]
            stops = [s for s in stops if s is not None]
            if not stops:
                return None
            return tuple(sum(c) / len(stops) for c in zip(*stops, strict=True))
        if tag == _q("a:blipFill"):
            blip = fill.find(_q("a:blip"))
            rid = None if blip is None else blip.get(_q("r:embed"))
            rel = part.rels._rels.get(rid) if rid else None
            if rel is None or rel.is_external:
                return None
            return _picture_mean(rel.target_part.blob)
        return None

    def background(self) -> RGB | None:
        """What colour the slide's background shows: slide, else layout, else master."""
        for part in (self.slide_part, self.layout_part, self.master_part):
            bg = part._element.find(f"{_q('p:cSld')}/{_q('p:bg')}")
            if bg is None:
                continue
            bg_pr = bg.find(_q("p:bgPr"))
            if bg_pr is not None:
                fill = next((c for c in bg_pr if c.tag in _FILLS), None)
                self.picture_background = fill is not None and fill.tag == _q("a:blipFill")
                return self.fill(fill, part)
            ref = bg.find(_q("p:bgRef"))
            if ref is not None:
                return self.colour(ref[0] if len(ref) else None)
        return self.scheme("bg1")
