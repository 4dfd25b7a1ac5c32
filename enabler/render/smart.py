"""Lay out a smart module's structured content on the brand template's layouts."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from enabler.domain.modules import SmartContent, SmartLayout
from enabler.render.layout import placement
from enabler.render.layout.text_direction import follow_text_direction
from enabler.render.ooxml import drop_empty_placeholder_sps

Fill = Callable[[str], str]
LoadImage = Callable[[str], bytes]

LAYOUT_NAMES = {
    SmartLayout.SECTION: "Section",
    SmartLayout.BULLETS: "Title and Bullets",
    SmartLayout.TWO_COLUMN: "Two Column",
    SmartLayout.QUOTE: "Quote",
    SmartLayout.BIG_NUMBER: "Big Number",
    SmartLayout.IMAGE_TEXT: "Image and Text",
    SmartLayout.TABLE: "Table",
    SmartLayout.LOGO_STRIP: "Title Only",
    SmartLayout.CLOSING: "Closing",
}


def set_lines(text_frame, lines: list[str]) -> None:
    """One paragraph per line; a line's own newlines become line breaks (python-pptx `\v`)."""
    lines = lines or [""]
    text_frame.text = lines[0].replace("\n", "\v")
    for line in lines[1:]:
        text_frame.add_paragraph().text = line.replace("\n", "\v")


def placeholder(slide, idx: int):
    """The slide's placeholder `idx`, or a stand-in when the layout (an installed customer
    template's) has no such slot: see `substitute_slot`."""
    placed = placement.placement_for(slide, idx)
    if placed is not None:
        return placed.shape(idx)
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == idx:
            return shape
    return substitute_slot(slide, idx)


_TEXT_SLOTS = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE)
_STAND_IN = "Enabler slot"


def substitute_slot(slide, idx: int, taken: set[int] | None = None):
    """Where content for brand slot `idx` goes on a layout that lacks it.

    First an empty text placeholder of the layout (body, content, subtitle) in slot order that is
    not `taken`; else a text box stacked in the area under the title.
    """
    placed = placement.placement_for(slide, idx)
    if placed is not None and idx in placed.slots():
        return placed.shape(idx)
    taken = taken if taken is not None else set()
    for shape in sorted(slide.placeholders, key=lambda s: s.placeholder_format.idx):
        fmt = shape.placeholder_format
        if fmt.idx in taken or fmt.type not in _TEXT_SLOTS:
            continue
        if shape.has_text_frame and not shape.text_frame.text:
            taken.add(fmt.idx)
            return shape
    prs_part = slide.part.package.presentation_part
    width, height = prs_part.presentation.slide_width, prs_part.presentation.slide_height
    # Below everything already placed, or below the title when that leaves too little room.
    bottoms = [s.top + s.height for s in slide.shapes if s.height and s.top is not None]
    top = max(bottoms, default=height // 5) + Inches(0.1)
    if height - top < Inches(1):
        title = slide.shapes.title
        top = title.top + title.height if title is not None and title.height else height // 5
    box_h = max(Inches(0.6), (height - top - Inches(0.3)) // 3)
    box = slide.shapes.add_textbox(Inches(0.6), top, width - Inches(1.2), box_h)
    box.name = f"{_STAND_IN} {idx}"
    box.text_frame.word_wrap = True
    return box


def drop_empty_placeholders(slide) -> None:
    """Remove placeholders left unfilled so no 'Click to add text' prompt remains; on a
    right-to-left template, give each paragraph the direction of its own text."""
    drop_empty_placeholder_sps(slide.shapes._spTree)
    placement.settle(slide)
    follow_text_direction(slide)


def fit_picture(shapes, blob: bytes, left, top, width, height):
    """Add a picture scaled to fit inside the box, centred, keeping its aspect ratio."""
    with Image.open(io.BytesIO(blob)) as im:
        w_px, h_px = im.size
    scale = min(width / w_px, height / h_px)
    w, h = Emu(int(w_px * scale)), Emu(int(h_px * scale))
    return shapes.add_picture(
        io.BytesIO(blob), left + (width - w) // 2, top + (height - h) // 2, w, h
    )


def slots(slide):
    """The slide's frames by brand slot number (looked up once: each lookup walks the XML).

    On our brand layouts, the placeholders by idx; on a customer template's layout, the frames
    `enabler.render.layout.placement` chose for each slot (a mapping that makes text boxes on use).
    """
    placed = placement.placement_for(slide)
    if placed is not None:
        return placement.SlotMap(placed)
    return {shape.placeholder_format.idx: shape for shape in slide.placeholders}


def render_smart(slide, content: SmartContent, fill: Fill, load_image: LoadImage) -> None:
    """Fill `slide` (already on the right layout) with `content`."""
    found = slots(slide)
    taken = set(found)

    def slot(idx: int):
        if idx not in found:  # an installed template's layout: use a stand-in
            found[idx] = substitute_slot(slide, idx, taken)
        return found[idx]

    def lines(idx: int, texts) -> None:
        set_lines(slot(idx).text_frame, [fill(t) for t in texts])

    layout = content.layout
    if 0 in found:
        found[0].text_frame.text = fill(content.title)
    if layout is SmartLayout.SECTION:
        lines(1, [content.subtitle])
    elif layout in (SmartLayout.BULLETS, SmartLayout.CLOSING):
        lines(1, content.bullets)
        if layout is SmartLayout.CLOSING:
            lines(2, [content.subtitle])
    elif layout is SmartLayout.TWO_COLUMN:
        for n, col in enumerate(content.columns[:2]):
            lines(1 + 2 * n, [col.heading])
            lines(2 + 2 * n, col.bullets)
    elif layout is SmartLayout.QUOTE:
        set_lines(slot(1).text_frame, [f"“{fill(content.quote)}”"])
        set_lines(slot(2).text_frame, [f"— {fill(content.attribution)}"])
    elif layout is SmartLayout.BIG_NUMBER:
        lines(1, [content.metric])
        lines(2, [content.metric_label])
    elif layout is SmartLayout.IMAGE_TEXT:
        if content.image:
            box = slot(1)
            fit_picture(
                slide.shapes, load_image(content.image), box.left, box.top, box.width, box.height
            )
        lines(2, content.bullets)
        lines(3, [content.caption])
    elif layout is SmartLayout.TABLE:
        _table(slot(1), content, fill)
    elif layout is SmartLayout.LOGO_STRIP:
        _logo_strip(slide, content, fill, load_image)
    drop_empty_placeholders(slide)


def insert_table(slot, rows: int, cols: int):
    """A table in `slot`: the layout's table placeholder, or any shape standing in for one
    (an installed template may have no table slot). Returns the graphic frame."""
    if hasattr(slot, "insert_table"):
        return slot.insert_table(rows=rows, cols=cols)
    box = (slot.left, slot.top, slot.width, slot.height)
    slide = slot.part.slide
    slot._element.getparent().remove(slot._element)
    return slide.shapes.add_table(rows, cols, *box)


def _table(slot, content, fill) -> None:
    rows = content.table
    if not rows:
        return
    n_cols = max(len(r) for r in rows)
    table = insert_table(slot, len(rows), n_cols).table
    size = Pt(14) if len(rows) <= 6 else Pt(11)
    for r, row in enumerate(rows):
        for c in range(n_cols):
            cell = table.cell(r, c)
            cell.text = fill(row[c]) if c < len(row) else ""
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = size


def _logo_strip(slide, content, fill, load_image) -> None:
    logos = content.logos
    width = slide.part.package.presentation_part.presentation.slide_width
    margin, gap, box_h = Inches(0.6), Inches(0.4), Inches(1.1)
    if logos:
        box_w = min(Inches(2.4), (width - 2 * margin - gap * (len(logos) - 1)) // len(logos))
        total = box_w * len(logos) + gap * (len(logos) - 1)
        left = (width - total) // 2
        for n, sha in enumerate(logos):
            fit_picture(
                slide.shapes, load_image(sha), left + n * (box_w + gap), Inches(2.9), box_w, box_h
            )
    if content.subtitle or content.caption:
        box = slide.shapes.add_textbox(margin, Inches(4.6), width - 2 * margin, Inches(1.2))
        box.text_frame.word_wrap = True
        set_lines(box.text_frame, [fill(t) for t in (content.subtitle, content.caption) if t])
        for para in box.text_frame.paragraphs:
            para.alignment = PP_ALIGN.CENTER
            for run in para.runs:
                run.font.size = Pt(16)
