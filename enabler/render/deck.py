"""Assemble a DeckPlan into a presentation on the brand template."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from pptx import Presentation

from enabler.domain.deck import DeckPlan, PlannedModule
from enabler.domain.modules import ModuleKind
from enabler.errors import RenderError
from enabler.render import provenance, templating
from enabler.render.generated import GENERATORS
from enabler.render.opening import add_agenda_slide, add_title_slide, agenda_items
from enabler.render.smart import LAYOUT_NAMES, LoadImage, render_smart

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "brand.pptx"


def _layouts(prs) -> dict:
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    needed = {"Title", "Agenda", *LAYOUT_NAMES.values()}
    missing = needed - layouts.keys()
    if missing:
        raise RenderError(
            f"The brand template lacks the layouts {', '.join(sorted(missing))}. "
            "Rebuild it with `python templates/make_brand.py`."
        )
    return layouts


def _module_slide(prs, layouts, planned: PlannedModule, ctx, load_image) -> None:
    version = planned.version
    where = f"Module {planned.module.key!r} (v{version.number})"
    if version.kind is not ModuleKind.SMART or version.content is None:
        raise RenderError(f"{where}: designed slides cannot be assembled by this version yet.")
    content = version.content

    def fill(text: str) -> str:
        return templating.render(text, ctx, where)

    if content.layout in GENERATORS:
        added = GENERATORS[content.layout](prs, layouts, content, ctx, fill)
        slide = added[0] if added else None
    else:
        slide = prs.slides.add_slide(layouts[LAYOUT_NAMES[content.layout]])
        render_smart(slide, content, fill, load_image)
    if version.talking_points and slide is not None:
        slide.notes_slide.notes_text_frame.text = fill(version.talking_points)


def assemble(
    plan: DeckPlan,
    ctx: Mapping,
    load_image: LoadImage,
    template: Path = DEFAULT_TEMPLATE,
):
    """Render `plan` and return the python-pptx Presentation (not yet saved)."""
    prs = Presentation(str(template))
    layouts = _layouts(prs)
    add_title_slide(prs, layouts["Title"], plan, ctx, load_image)
    items = agenda_items(plan, ctx)
    if items:
        add_agenda_slide(prs, layouts["Agenda"], items)
    for planned in plan.modules:
        _module_slide(prs, layouts, planned, ctx, load_image)
    provenance.write(prs, plan.provenance())
    return prs


def to_bytes(prs) -> bytes:
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
