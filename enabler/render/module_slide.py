"""One smart module on its own slide, drawn by the same code a deck build uses.

The module editor's live preview calls this for content that is not saved yet; a deck build
goes through `enabler.render.deck.assemble` instead (title slide, agenda, provenance).
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from enabler.domain.modules import SmartContent
from enabler.render.deck import DEFAULT_TEMPLATE, template_layouts
from enabler.render.generated import GENERATORS
from enabler.render.smart import LAYOUT_NAMES, Fill, LoadImage, render_smart


def module_presentation(
    content: SmartContent,
    ctx: dict,
    fill: Fill,
    load_image: LoadImage,
    *,
    notes: str = "",
    template: Path | bytes = DEFAULT_TEMPLATE,
):
    """A presentation holding only `content`'s slide(s) (a generated layout may add several)."""
    prs = Presentation(io.BytesIO(template) if isinstance(template, bytes) else str(template))
    layouts = template_layouts(prs)  # the deck's own layout lookup, incl. installed templates
    if content.layout in GENERATORS:
        added = GENERATORS[content.layout](prs, layouts, content, ctx, fill)
        slide = added[0] if added else None
    else:
        slide = prs.slides.add_slide(layouts[LAYOUT_NAMES[content.layout]])
        render_smart(slide, content, fill, load_image)
    if notes and slide is not None:
        slide.notes_slide.notes_text_frame.text = fill(notes)
    return prs
