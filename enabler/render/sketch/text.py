"""Text in a slide sketch: the effective style of each paragraph, wrapped in the project's fonts.

Text properties follow PowerPoint's inheritance as the shared reading layer resolves it
(`enabler.render.ooxml_read.text_style`, the one preflight and layout fitting use): run →
paragraph → the shape's list style → the layout placeholder → the master placeholder → the
master's text styles (the presentation's default text style for plain text boxes). Each paragraph is
drawn in the look of its first run; mixed formatting inside a paragraph is not shown.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from enabler.render.ooxml_read import placeholder_of
from enabler.render.ooxml_read.placeholders import TITLE_TYPES, ph_type
from enabler.render.ooxml_read.text_style import TextStyle as Shared
from enabler.render.ooxml_read.text_style import bases_of, for_slide_shape
from enabler.render.sketch.style import RGB, Theme, colour, qn

FONTS_DIR = Path(__file__).resolve().parents[3] / "assets" / "fonts"
EMU_PER_PT = 12700
_INSETS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}  # OOXML defaults
_LINE = 1.2  # line height as a multiple of the font size
_FONT_REF = f"{qn('p:style')}/{qn('a:fontRef')}"


@dataclass(frozen=True, slots=True)
class TextStyle:
    size_pt: float
    bold: bool
    italic: bool
    colour: RGB | None  # None: contrast with what is under the text
    heading: bool  # heading font (theme major) rather than body font
    align: str  # l, ctr, r, just
    bullet: str  # "" for none


@functools.lru_cache(maxsize=256)
def font(heading: bool, bold: bool, italic: bool, px: int) -> ImageFont.FreeTypeFont:
    """Lato for headings, Open Sans for body text, from assets/fonts."""
    family = "Lato" if heading else "OpenSans"
    style = ("Bold" if bold else "") + ("Italic" if italic else "") or "Regular"
    # Basic layout (no HarfBuzz shaping): several times faster to measure, fine for a sketch.
    path = str(FONTS_DIR / f"{family}-{style}.ttf")
    return ImageFont.truetype(path, max(px, 1), layout_engine=ImageFont.Layout.BASIC)


@functools.lru_cache(maxsize=65536)
def width(face: ImageFont.FreeTypeFont, text: str) -> float:
    return face.getlength(text)


@functools.lru_cache(maxsize=8192)
def _mask(face: ImageFont.FreeTypeFont, text: str) -> Image.Image:
    """A line of text as an alpha mask. FreeType re-renders every glyph each time, so lines
    are kept: after a plan edit most slides redraw the very same lines."""
    size = face.size
    mask = Image.new("L", (max(1, int(width(face, text)) + 2), int(size * 1.6) + 2))
    ImageDraw.Draw(mask).text((0, 0), text, font=face, fill=255)
    return mask


def clear_caches() -> None:
    _mask.cache_clear()
    width.cache_clear()


def put_line(image: Image.Image, xy, text: str, face, ink) -> None:
    """Draw one line of text with its top-left at `xy`."""
    if text:
        image.paste(ink, (round(xy[0]), round(xy[1])), _mask(face, text))


def contrast(rgb) -> RGB:
    """Dark ink on light colours, white on dark ones (perceived luminance)."""
    r, g, b = rgb[:3]
    return (31, 36, 51) if 0.299 * r + 0.587 * g + 0.114 * b > 150 else (255, 255, 255)


def wrap(text: str, face, limit: float) -> list[str]:
    """Lines of `text` no wider than `limit` pixels (long words are cut, not overflowed).

    Widths are summed per word (cached), so wrapping costs one measurement per new word.
    """
    space = width(face, " ")
    lines: list[str] = []
    for para in text.split("\n"):
        line, used = "", 0.0
        for word in para.split(" "):
            w = width(face, word)
            if line and used + space + w > limit:
                lines.append(line)
                line, used = "", 0.0
            line, used = (f"{line} {word}", used + space + w) if line else (word, w)
            while used > limit and len(line) > 1:
                cut = max(1, int(len(line) * limit / used))
                lines.append(line[:cut])
                line = line[cut:]
                used = width(face, line)
        lines.append(line)
    return lines


def draw_text(image: Image.Image, shape, slide, theme: Theme, scale: float, box, ground) -> None:
    """Draw a shape's text in `box` (pixels); `ground` is the colour under it, for contrast."""
    style = for_slide_shape(shape._element, slide)
    props = body_props(style)
    inset = {k: int(props.get(k, v)) * scale for k, v in _INSETS.items()}
    left, right = box[0] + inset["lIns"], box[2] - inset["rIns"]
    top, bottom = box[1] + inset["tIns"], box[3] - inset["bIns"]
    shrink = int(props.get("fontScale", "100000")) / 100000  # normAutofit's own scale

    def laid_out(factor: float) -> list:
        lines = []
        for paragraph in shape.text_frame.paragraphs:
            # Line breaks (a:br) read as "\v"; a tab is a gap, not a glyph our fonts lack.
            text = paragraph.text.replace("\v", "\n").replace("\t", "    ")
            look = text_style(paragraph, shape._element, slide, theme, style)
            px = max(1, round(look.size_pt * EMU_PER_PT * scale * factor))
            face = font(look.heading, look.bold, look.italic, px)
            ink = look.colour or contrast(ground)
            prefix = f"{look.bullet} " if look.bullet and text else ""
            for line in wrap(prefix + text, face, max(right - left, 1)):
                lines.append((line, face, ink, look.align, px * _LINE))
        return lines

    lines = laid_out(shrink)
    room = bottom - top
    if "fontScale" in props and room > 0:
        # Shrink on overflow, as the office does when it opens the file: the stored scale
        # is only the last one an office computed (LibreOffice and others leave it stale).
        for _ in range(4):
            height = sum(line[4] for line in lines)
            if height <= room or shrink <= 0.3:
                break
            shrink = max(0.3, shrink * max(0.75, (room / height) ** 0.5))
            lines = laid_out(shrink)
    height = sum(line[4] for line in lines)
    anchor = props.get("anchor", "t")
    y = {"t": top, "b": bottom - height}.get(anchor, (top + bottom - height) / 2)
    for text, face, ink, align, line_h in lines:
        if y > image.height:
            break
        w = width(face, text)
        x = {"ctr": (left + right - w) / 2, "r": right - w}.get(align, left)
        put_line(image, (x, y), text, face, ink)
        y += line_h


# Inheritance: the shared reading layer's (`enabler.render.ooxml_read.text_style`) -------------


def bases(shape_el, slide) -> list:
    """The layout and master placeholders the shape inherits from (`ooxml_read`'s rule, the
    same preflight follows), nearest first."""
    ph = placeholder_of(shape_el)
    return [] if ph is None else bases_of(slide.slide_layout).chain(ph)


def _first(elements, name: str, default: str) -> str:
    return next((e.get(name) for e in elements if e.get(name) is not None), default)


def text_style(paragraph, shape_el, slide, theme: Theme, style: Shared) -> TextStyle:
    """The effective look of a paragraph (its first run decides the run properties);
    `style` is the shape's shared text style (`for_slide_shape`)."""
    p = paragraph._p
    ppr, wide = style.level_elements(p)
    first_run = p.find(f"{qn('a:r')}/{qn('a:rPr')}")
    rprs = [first_run] if first_run is not None else []
    rprs += [r for r in (e.find(qn("a:defRPr")) for e in ppr) if r is not None]
    masters = sum(1 for e in ppr[len(ppr) - wide :] if e.find(qn("a:defRPr")) is not None)
    # The shape style's font colour (python-pptx autoshapes: white on accent) ranks below the
    # shape's own and its placeholders' styles but above the document-wide text styles.
    fills = [colour(r.find(qn("a:solidFill")), theme) for r in rprs]
    fills.insert(len(fills) - masters, colour(shape_el.find(_FONT_REF), theme))
    rgb = next((c for c in fills if c), None)
    latins = [r.find(qn("a:latin")) for r in rprs]
    latin = next((el.get("typeface", "") for el in latins if el is not None), "")
    ph = placeholder_of(shape_el)
    heading = latin.startswith("+mj") or (ph is not None and ph_type(ph) in TITLE_TYPES)
    if latin and not latin.startswith("+"):
        heading = latin.casefold() == theme.major_font.casefold()
    bullet = ""
    for e in ppr:
        if e.find(qn("a:buNone")) is not None:
            break
        char = e.find(qn("a:buChar"))
        if char is not None:
            bullet = char.get("char", "•")
            fonts = (el.find(qn("a:buFont")) for el in ppr)
            face = next((f.get("typeface", "") for f in fonts if f is not None), "")
            if _symbol_bullet(bullet, face):
                bullet = "•"  # Wingdings' "§" or "Ø" is a square or an arrow, not the letter
            break
    return TextStyle(
        size_pt=int(_first(rprs, "sz", "1800")) / 100,
        bold=_first(rprs, "b", "0") in ("1", "true"),
        italic=_first(rprs, "i", "0") in ("1", "true"),
        colour=rgb,
        heading=heading,
        align=style.alignment(p),
        bullet=bullet,
    )


_SYMBOL_FONTS = ("wingdings", "webdings", "symbol", "marlett", "monotype sorts", "zapf")


def _symbol_bullet(char: str, typeface: str) -> bool:
    """A bullet drawn from a symbol font, or from the private-use area those fonts map to:
    our fonts have no such glyph."""
    private = any(0xE000 <= ord(c) <= 0xF8FF for c in char)
    return private or typeface.casefold().startswith(_SYMBOL_FONTS)


def body_props(style: Shared) -> dict[str, str]:
    """bodyPr values the sketch uses (insets, anchor, autofit scale), nearest first."""
    found = {k: style.body_attr(k) for k in (*_INSETS, "anchor")}
    kind, scale = style.autofit()
    if kind == "shrink":
        found["fontScale"] = str(round(scale * 100000))
    return {k: v for k, v in found.items() if v is not None}
