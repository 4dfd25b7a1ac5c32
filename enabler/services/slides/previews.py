"""Thumbnails of the deck a plan would build: one PNG per slide, labelled with its module.

The plan is rendered once, exactly as Build renders it, with visible stand-ins (`[contact.name]`)
for unfilled fields so a preview shows the gap instead of failing. Each slide is then sketched
with Pillow (`enabler.render.sketch.draw`, fast, the default) or, on request and when LibreOffice is
installed, converted to PDF and rasterised by poppler's `pdftoppm` (`Fidelity.LIBREOFFICE`).
Results are cached by a hash of everything the render reads (see `preview_key`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan, PlannedModule
from enabler.errors import EnablerError, RenderError
from enabler.render import deck as deck_render
from enabler.render.sketch.draw import sketch_slide
from enabler.render.templating import engine as templating
from enabler.services.deck.context import template_context
from enabler.services.deck.plan_fields import placeholder_overrides, plan_fields
from enabler.services.slides.preview_cache import PreviewCache, SlidePreview, default_cache
from enabler.services.slides.templates import installed_template
from enabler.store import assets

SKETCH_VERSION = 1  # bump when the sketch changes, so cached pictures are redrawn
TITLE_LABEL, AGENDA_LABEL = "Title slide", "Agenda"
_PDFTOPPM = ("pdftoppm", "-png", "-scale-to-y", "-1")  # keep the aspect ratio


class Fidelity(StrEnum):
    SKETCH = "sketch"  # Pillow, milliseconds per slide
    LIBREOFFICE = "libreoffice"  # PDF through the warm converter, then pdftoppm


class PreviewsCancelled(Exception):
    """The caller's `cancelled()` said stop (a newer plan replaced this one)."""


def preview_plan(
    db: sqlite_utils.Database,
    plan: DeckPlan,
    *,
    width: int = 480,
    cache: PreviewCache | None = None,
    fidelity: Fidelity = Fidelity.SKETCH,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[SlidePreview, ...]:
    """One preview per slide of the deck `plan` builds (title slide and agenda included)."""
    cache = default_cache() if cache is None else cache
    ctx = template_context(db, plan)
    stand_ins = placeholder_overrides(plan_fields(db, plan, ctx))
    if stand_ins:
        plan = dataclasses.replace(plan, overrides={**stand_ins, **plan.overrides})
        ctx = template_context(db, plan)
    template = installed_template(db) or deck_render.DEFAULT_TEMPLATE.read_bytes()
    key = preview_key(plan, ctx, template, width, fidelity)
    cached = cache.get(key)
    if cached is not None:
        return cached
    prs, owners = render_with_owners(db, plan, ctx, template)
    pictures: list[bytes] | None = None
    if fidelity is Fidelity.LIBREOFFICE:
        pictures = libreoffice_pictures(prs, width)
    previews = []
    for n, (slide, (module_key, label)) in enumerate(zip(prs.slides, owners, strict=True), 1):
        if cancelled():
            raise PreviewsCancelled
        png = pictures[n - 1] if pictures else sketch_slide(slide, width)
        previews.append(SlidePreview(n, label, module_key, png))
    result = tuple(previews)
    if fidelity is Fidelity.SKETCH or pictures:  # a sketch standing in for LO is not kept
        cache.put(key, result)
    return result


def preview_key(plan: DeckPlan, ctx: Mapping, template: bytes, width: int, fidelity) -> str:
    """A hash of what the render reads: module versions, the prospect row, overrides, template.

    The whole template context goes in as well (contacts, ROI figures, checklists…): any data a
    slide can show changes the key, so a cached picture is never out of date.
    """
    record = {
        "sketch": SKETCH_VERSION,
        "width": width,
        "fidelity": str(fidelity),
        # a designed slide's formatting is the module's, not the version's: it counts too
        "versions": [(p.module.key, p.version.id, str(p.version.formatting)) for p in plan.modules],
        "prospect": dataclasses.asdict(plan.prospect),
        "contact": dataclasses.asdict(plan.contact) if plan.contact else None,
        "overrides": plan.overrides,
        "title": plan.title,
        "template": hashlib.sha256(template).hexdigest(),
        "context": ctx,
    }
    try:
        text = json.dumps(record, sort_keys=True, default=str)
    except TypeError:  # keys of mixed types cannot be sorted: insertion order is stable too
        text = repr(record)
    return hashlib.sha256(text.encode()).hexdigest()


def render_with_owners(db: sqlite_utils.Database, plan: DeckPlan, ctx: Mapping, template: bytes):
    """The deck as Build renders it (`enabler.render.deck.assemble`), plus (module key, label)
    per slide; the slides before the first module (title slide, agenda) have an empty key.
    """
    owners: dict[int, tuple[str, str]] = {}

    def own(planned: PlannedModule, first: int, added: int) -> None:
        label = _title(planned.module.title, ctx, planned.module.key)
        owners.update((n, (planned.module.key, label)) for n in range(first, first + added))

    prs = deck_render.assemble(
        plan, ctx, lambda sha: assets.get(db, sha), template=template, on_module=own
    )
    # Slides no module owns: the title slide, the agenda, a stand-in closing, the appendix
    # divider; each but the first is labelled with its own title.
    return prs, [owners.get(n) or ("", _own_title(prs, n)) for n in range(len(prs.slides))]


def _own_title(prs, n: int) -> str:
    if n == 0:
        return TITLE_LABEL
    title = prs.slides[n].shapes.title
    return (title.text_frame.text if title is not None else "") or AGENDA_LABEL


def _title(raw: str, ctx: Mapping, key: str) -> str:
    try:
        return templating.render(raw, ctx, f"Module {key!r}")
    except RenderError:
        return raw


def libreoffice_available() -> bool:
    return bool(shutil.which("pdftoppm")) and bool(
        shutil.which("soffice") or shutil.which("libreoffice")
    )


def libreoffice_pictures(prs, width: int, timeout: float = 120.0) -> list[bytes] | None:
    """High fidelity: PDF through the warm converter, pages rasterised by `pdftoppm`.

    None when LibreOffice or poppler is missing or the conversion fails: the caller sketches.
    """
    if not libreoffice_available():
        return None
    from enabler.export.pool import shared_converter  # starts an office: only when asked

    with tempfile.TemporaryDirectory(prefix="enabler-previews-") as tmp:
        folder = Path(tmp)
        deck, pdf = folder / "deck.pptx", folder / "deck.pdf"
        prs.save(str(deck))
        try:
            shared_converter().convert(deck, pdf)
            subprocess.run(
                [*_PDFTOPPM, "-scale-to-x", str(width), str(pdf), str(folder / "page")],
                check=True,
                capture_output=True,
                timeout=timeout,
            )
        except (EnablerError, OSError, subprocess.SubprocessError):
            return None
        pages = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        if len(pages) != len(prs.slides):
            return None
        return [p.read_bytes() for p in pages]
