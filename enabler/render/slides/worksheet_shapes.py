"""Drawing helpers shared by the worksheet slides: a Title Only slide, text boxes, shapes filled
with theme colours (so a rebranded template recolours the slides) and short dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from babel.dates import format_date
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from enabler.errors import RenderError
from enabler.render.colour.ink import set_ink
from enabler.render.layout import placement

LAYOUT = "Title Only"
LEFT, BODY_TOP, CONTENT_W = Inches(0.6), Inches(1.65), Inches(12.133)
TEXT, INK, PAPER = MSO_THEME_COLOR.TEXT_1, MSO_THEME_COLOR.TEXT_2, MSO_THEME_COLOR.BACKGROUND_1


def title_only_slide(prs, layouts: Mapping, title: str):
    """A new slide on the brand's Title Only layout with its title set."""
    if LAYOUT not in layouts:
        raise RenderError(
            f"The brand template lacks the {LAYOUT!r} layout. "
            "Rebuild it with `python templates/make_brand.py`."
        )
    slide = prs.slides.add_slide(layouts[LAYOUT])
    placement.bind(slide, LAYOUT)
    slide.shapes.title.text_frame.text = title
    return slide


def style_run(run, size: int, bold: bool = False, colour=TEXT) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    set_ink(run.font, colour)


def add_text(slide, box, lines, size=12, bold=False, colour=TEXT, align=None, name=""):
    """A wrapping text box, one paragraph per line; a line may be (text, size, bold, colour)."""
    shape = slide.shapes.add_textbox(*box)
    if name:
        shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    for n, line in enumerate(lines):
        text, l_size, l_bold, l_colour = (
            line if isinstance(line, tuple) else (line, size, bold, colour)
        )
        para = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = text
        style_run(run, l_size, l_bold, l_colour)
    return shape


def add_filled(slide, kind, box, colour, *, outline=None, name: str = ""):
    """An autoshape filled with a theme colour; no outline unless `outline` names one."""
    shape = slide.shapes.add_shape(kind, *box)
    if name:
        shape.name = name
    shape.fill.solid()
    shape.fill.fore_color.theme_color = colour
    if outline is None:
        shape.line.fill.background()
    else:
        shape.line.color.theme_color = outline
        shape.line.width = Pt(1.5)
    return shape


def label(shape, text: str, size: int, colour, bold: bool = True) -> None:
    """Centred text inside a shape."""
    para = shape.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.CENTER
    run = para.add_run()
    run.text = text
    style_run(run, size, bold, colour)


def short_date(value: dt.date | str | None, year: bool = False) -> str:
    """A short date such as Nov 27 (or Nov 27, 2026); ISO text accepted; "No date" for none."""
    if not value:
        return "No date"
    value = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(value, "MMM d, y" if year else "MMM d", locale="en_US")


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending in "…" when cut, so a cell or label cannot grow past
    its box (the full text stays in the checklist and the leave-behind)."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
