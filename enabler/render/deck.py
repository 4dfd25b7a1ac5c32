"""Assemble a DeckPlan into a presentation on the brand template."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from pathlib import Path

from pptx import Presentation

from enabler.domain.deck.plan import DeckPlan, PlannedModule
from enabler.domain.modules import ModuleKind
from enabler.errors import RenderError
from enabler.render import provenance
from enabler.render.colour.readable import make_readable
from enabler.render.designed.layout_match import resolve_layouts
from enabler.render.designed.slides import DesignedSlides
from enabler.render.fit.drawing import fit_drawing
from enabler.render.layout import placement
from enabler.render.layout.text_direction import follow_text_direction
from enabler.render.slides import bookends
from enabler.render.slides.generated import GENERATORS
from enabler.render.slides.notes import set_notes
from enabler.render.slides.opening import add_agenda_slide, add_title_slide, agenda_items
from enabler.render.smart import LAYOUT_NAMES, LoadImage, render_smart
from enabler.render.templating import engine as templating

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "brand.pptx"

# Told, after each module is drawn, which slides it added: (module, index of its first slide
# counted from 0, how many slides). A designed or generated module may add several, or none.
OnModule = Callable[[PlannedModule, int, int], None]


def template_layouts(prs) -> dict:
    """The layout for each brand layout name: by name, else the closest one (own templates)."""
    if not len(prs.slide_layouts):
        raise RenderError("The template has no slide layouts; install another template.")
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    needed = {"Title", "Agenda", *LAYOUT_NAMES.values()}
    if needed - layouts.keys():
        layouts = {**resolve_layouts(prs, needed, DEFAULT_TEMPLATE), **layouts}
    placement.register(layouts)
    return layouts


def _module_slide(prs, layouts, planned: PlannedModule, ctx, load_image, designed) -> None:
    version = planned.version
    where = f"Module {planned.module.key!r} (v{version.number})"
    if version.kind is ModuleKind.DESIGNED:
        designed.add(planned, ctx)  # notes come from the designed slide itself
        return
    if version.content is None:
        raise RenderError(f"{where}: the module has no content; edit it or import it again.")
    content = version.content

    def fill(text: str) -> str:
        return templating.render(text, ctx, where)

    add_smart_slide(prs, layouts, content, ctx, fill, load_image, version.talking_points)


def add_smart_slide(prs, layouts, content, ctx, fill, load_image, notes: str = "") -> None:
    """A smart module's slide(s): a generated layout draws from data, the others are filled
    in; the talking points become the first slide's speaker notes. Shared with the module
    editor's preview (`module_slide`), so the preview is drawn by the build's own code."""
    if content.layout in GENERATORS:
        added = GENERATORS[content.layout](prs, layouts, content, ctx, fill)
        if placement.foreign(prs):
            for each in added:
                fit_drawing(each)
                follow_text_direction(each)
        slide = added[0] if added else None
    else:
        slide = prs.slides.add_slide(layouts[LAYOUT_NAMES[content.layout]])
        placement.bind(slide, LAYOUT_NAMES[content.layout])
        render_smart(slide, content, fill, load_image)
    if notes and slide is not None:  # the talking points first, then what the generator noted
        noted = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        set_notes(slide, "\n".join(t for t in (fill(notes), noted) if t))


def assemble(
    plan: DeckPlan,
    ctx: Mapping,
    load_image: LoadImage,
    template: Path | bytes = DEFAULT_TEMPLATE,
    *,
    on_module: OnModule | None = None,
):
    """Render `plan` and return the python-pptx Presentation (not yet saved).

    `template` is a path, or the bytes of an installed template (see services.templates).
    `on_module` learns which slides each module added (slide previews label them with it).
    """
    prs = Presentation(io.BytesIO(template) if isinstance(template, bytes) else str(template))
    layouts = template_layouts(prs)
    designed = DesignedSlides(prs, load_image)
    add_title_slide(prs, layouts["Title"], plan, ctx, load_image)
    items = agenda_items(plan, ctx)
    if items:
        add_agenda_slide(prs, layouts["Agenda"], items, plan, ctx)
    talk, appendix = bookends.split_appendix(plan.modules)

    kept: set = set()  # designed slides: they carry their own (or already mended) colours

    def draw(planned: PlannedModule) -> int:
        first = len(prs.slides)
        _module_slide(prs, layouts, planned, ctx, load_image, designed)
        if planned.version.kind is ModuleKind.DESIGNED:
            kept.update(prs.slides[i].part for i in range(first, len(prs.slides)))
        if on_module is not None:
            on_module(planned, first, len(prs.slides) - first)
        return len(prs.slides) - first

    for planned in talk:
        draw(planned)
    if bookends.needs_contact_slide(plan.modules):  # no deck ends on a chart
        fill = _filler(ctx, "Closing slide")
        add_smart_slide(prs, layouts, bookends.CONTACT_SLIDE, ctx, fill, load_image)
    if appendix:
        fill = _filler(ctx, "Appendix divider")
        add_smart_slide(prs, layouts, bookends.APPENDIX_DIVIDER, ctx, fill, load_image)
        divider = prs.slides[len(prs.slides) - 1]
        if not sum(draw(planned) for planned in appendix):
            bookends.remove_slide(prs, divider)  # nothing behind it
    if placement.foreign(prs):  # a customer template's colours were not chosen for our text
        for slide in prs.slides:
            if slide.part not in kept:
                make_readable(slide)
    provenance.write(prs, plan.provenance())
    return prs


def _filler(ctx: Mapping, where: str):
    return lambda text: templating.render(text, ctx, where)


def to_bytes(prs) -> bytes:
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
