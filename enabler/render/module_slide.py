"""One smart module on its own slide, drawn by the same code a deck build uses.

The module editor's live preview calls this for content that is not saved yet; a deck build
goes through `enabler.render.deck.assemble` instead (title slide, agenda, provenance).
"""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from enabler.domain.modules import SmartContent
from enabler.render.deck import DEFAULT_TEMPLATE, add_smart_slide, template_layouts
from enabler.render.smart import Fill, LoadImage


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
    add_smart_slide(prs, layouts, content, ctx, fill, load_image, notes)
    return prs
