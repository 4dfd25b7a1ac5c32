"""Live preview for the module editor: unsaved smart content filled for one prospect.

Nothing is written. Every text is filled in the same Jinja2 sandbox a build uses; a text that
cannot be filled (unknown field, unsafe or broken template) is shown as typed and its problem is
returned as a sentence, so one bad tag never hides the rest of the slide.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan, PlannedModule
from enabler.domain.module_form import labelled_texts
from enabler.domain.modules import (
    Module,
    ModuleKind,
    ModuleState,
    ModuleVersion,
    SmartContent,
    SmartLayout,
    content_from_dict,
)
from enabler.domain.refs import ProspectRef
from enabler.errors import EnablerError, RenderError
from enabler.render import deck as deck_render
from enabler.render.module_slide import module_presentation
from enabler.render.templating import engine as templating
from enabler.render.text import xml_safe
from enabler.services.deck.context import template_context
from enabler.services.slides.templates import installed_template
from enabler.store import assets
from enabler.store import prospects as prospect_store

log = logging.getLogger(__name__)
SKETCH_WIDTH = 480


@dataclass(frozen=True, slots=True)
class FilledText:
    label: str  # where the text goes, e.g. "Bullet 2"
    source: str  # as typed
    text: str  # filled for the prospect; as typed when it cannot be filled
    problem: str = ""


@dataclass(frozen=True, slots=True)
class ModulePreview:
    texts: tuple[FilledText, ...]
    problems: tuple[str, ...]  # sentences, each once
    pptx: bytes | None  # the one-slide deck, None when the slide cannot be drawn
    png: bytes | None = None  # a sketch of the slide, when enabler.render.sketch.draw is available


def _plan(db: sqlite_utils.Database, prospect_ref: ProspectRef, content: SmartContent, notes: str):
    prospect = prospect_store.find(db, prospect_ref)
    contacts = prospect_store.contacts(db, prospect.id)
    module = Module(0, "preview", content.title, ModuleState.DRAFT, owner="")
    version = ModuleVersion(0, 0, 0, ModuleKind.SMART, content, talking_points=notes)
    return DeckPlan(
        prospect=prospect,
        modules=(PlannedModule(module, version),),
        contact=contacts[0] if contacts else None,
        rep=prospect.owner_rep,
    )


def preview_module(
    db: sqlite_utils.Database,
    content: Mapping,
    layout: SmartLayout | str,
    prospect_ref: ProspectRef,
    *,
    talking_points: str = "",
    sketch_width: int | None = SKETCH_WIDTH,
) -> ModulePreview:
    """Fill `content` (JSON form, unsaved) laid out as `layout` for the prospect `prospect_ref`
    and draw it on a one-slide deck. Raises NotFound for an unknown prospect only."""
    try:
        smart = content_from_dict({**content, "layout": SmartLayout(layout).value})
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        return ModulePreview((), (f"The content cannot be shown: {exc}. Check the fields.",), None)
    plan = _plan(db, prospect_ref, smart, talking_points)
    ctx = template_context(db, plan)
    problems: list[str] = []
    where = "This module"

    def fill(source: str) -> str:
        try:
            return templating.render(source, ctx, where)
        except RenderError as exc:
            if str(exc) not in problems:
                problems.append(str(exc))
            return xml_safe(source)

    texts = tuple(_filled(label, source, ctx, where) for label, source in labelled_texts(smart))
    if talking_points:
        texts += (_filled("Talking points", talking_points, ctx, where),)
    pptx = png = None
    try:
        prs = module_presentation(
            smart,
            ctx,
            fill,
            lambda sha: assets.get(db, sha),
            notes=talking_points,
            template=installed_template(db) or deck_render.DEFAULT_TEMPLATE,
        )
        pptx = deck_render.to_bytes(prs)
        if sketch_width and len(prs.slides):
            png = _sketch(prs.slides[0], sketch_width)
    except EnablerError as exc:  # a generator without data, a missing image…
        problems.append(str(exc))
    for t in texts:
        if t.problem and t.problem not in problems:
            problems.append(t.problem)
    return ModulePreview(texts, tuple(problems), pptx, png)


def _filled(label: str, source: str, ctx: Mapping, where: str) -> FilledText:
    try:
        return FilledText(label, source, templating.render(source, ctx, where))
    except RenderError as exc:
        return FilledText(label, source, source, str(exc))


def _sketch(slide, width: int) -> bytes | None:
    """A PNG of the slide, or None while the sketcher is not installed or cannot draw it."""
    try:
        from enabler.render.sketch.draw import sketch_slide
    except ImportError:
        return None
    try:
        return sketch_slide(slide, width=width)
    except Exception:  # a sketch is a nicety: the texts and the deck are the preview
        log.exception("could not sketch the preview slide")
        return None
