"""Import slides made in PowerPoint as designed modules (`enabler import-slides`).

Each slide becomes a draft designed module: its source kept as a single-slide .pptx, its title
taken from the slide title, the `{{ fields }}` it uses listed (those no deck can fill flagged),
and a thumbnail when LibreOffice is installed. Importing the same file again matches slides by
a stable identity (PowerPoint's per-slide creation id, else file name + slide id) and adds a
version only where the slide changed. The file is checked before any parser reads it
(`package_guard`) in a child process with memory and CPU limits (`isolated_read`), and the
library is written in one transaction: a refused file changes nothing. Macros and pictures,
media or objects linked outside the file are removed before reading; each slide's notes say
what was taken from it, its layout or master (the first slide's, what was file-wide).
"""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from pptx import Presentation

from enabler.domain.designed import (
    ImportedSlide,
    ImportResult,
    ImportStatus,
    SlideSource,
    module_key,
)
from enabler.domain.modules import Stage
from enabler.errors import Conflict, InvalidInput
from enabler.render.deck import DEFAULT_TEMPLATE
from enabler.render.designed.slide_package import SlidePackage
from enabler.services.deck.context import context_roots
from enabler.services.slides.isolated_read import read_slides_isolated
from enabler.services.slides.reader import Progress, read_slides
from enabler.services.slides.templates import installed_template
from enabler.services.slides.thumbnails import render_thumbnails
from enabler.store import modules as module_store
from enabler.store.connection.db import transaction
from enabler.store.designed import slides as designed_store

EMU_PER_INCH = 914400


def _unique_key(db: sqlite_utils.Database, key: str) -> str:
    candidate, n = key, 1
    while module_store.module_exists(db, candidate):
        n += 1
        candidate = f"{key}-{n}"
    return candidate


def _with_thumbnails(db: sqlite_utils.Database, sources: list[SlideSource]) -> list[SlideSource]:
    """Previews for slides whose content has none yet (one LibreOffice run for all)."""
    have = {
        r[0]
        for r in db.execute("SELECT fingerprint FROM designed_sources WHERE thumbnail IS NOT NULL")
    }
    todo = [s for s in sources if s.fingerprint not in have]
    pngs = dict(
        zip((s.number for s in todo), render_thumbnails([s.blob for s in todo]), strict=True)
    )
    return [
        s if pngs.get(s.number) is None else dataclasses.replace(s, thumbnail=pngs[s.number])
        for s in sources
    ]


def _inches(size: tuple[int, int]) -> str:
    return f"{size[0] / EMU_PER_INCH:.1f} × {size[1] / EMU_PER_INCH:.1f} in"


def _with_size_notes(db: sqlite_utils.Database, sources: list[SlideSource]) -> list[SlideSource]:
    """Say where a slide was made for another page size than the library's template."""
    template = installed_template(db)
    prs = Presentation(io.BytesIO(template) if template else str(DEFAULT_TEMPLATE))
    if prs.slide_width is None or prs.slide_height is None:  # no page size to compare with
        return sources
    page = (int(prs.slide_width), int(prs.slide_height))
    out = []
    for src in sources:
        size = SlidePackage(src.blob).slide_size
        if size is not None and size != page:
            note = (
                f"made for a {_inches(size)} page; decks on {_inches(page)} show it scaled "
                "uniformly and centred"
            )
            src = dataclasses.replace(src, problems=(*src.problems, note))
        out.append(src)
    return out


@dataclass(frozen=True, slots=True)
class _NewModules:
    """What new modules get: owner, facets, and who the audit log names."""

    owner: str
    stages: tuple[Stage, ...]
    industries: tuple[str, ...]
    tags: tuple[str, ...]
    actor: str


def import_slides(
    db: sqlite_utils.Database,
    path: Path | str,
    *,
    owner: str = "",
    stages: Sequence[Stage] = (),
    industries: Sequence[str] = (),
    tags: Sequence[str] = (),
    actor: str = "",
    thumbnails: bool = True,
    progress: Progress | None = None,
    isolate: bool = True,
) -> ImportResult:
    """Import every slide of the file at `path`; see the module docstring. The file is read in
    a child process with memory and time limits unless `isolate` is False."""
    name = Path(path).name
    read = read_slides_isolated if isolate else read_slides
    sources = read(path, extra_roots=context_roots(), progress=progress)
    sources = _with_size_notes(db, sources)
    if thumbnails:
        sources = _with_thumbnails(db, sources)
    new = _NewModules(owner, tuple(stages), tuple(industries), tuple(tags), actor or owner)
    with transaction(db):
        done = tuple(_store(db, src, name, new) for src in sources)
    return ImportResult(source=name, slides=done)


def _store(db, src: SlideSource, name: str, new: _NewModules) -> ImportedSlide:
    """Create, update or leave the module of one slide; say which."""
    outcome = ImportedSlide(
        number=src.number,
        title=src.title,
        status=ImportStatus.CREATED,
        fields=src.fields,
        unknown_fields=src.unknown_fields,
        problems=src.problems,
        thumbnail=src.thumbnail is not None,
    )
    module_id = designed_store.module_for_identity(db, src.identity)
    if module_id is None:
        key = _unique_key(db, module_key(src.title, src.identity))
        module_id, number = designed_store.create_designed(
            db,
            src,
            key=key,
            source_name=name,
            owner=new.owner,
            stages=new.stages,
            industries=new.industries,
            tags=new.tags,
            actor=new.actor,
        )
        return dataclasses.replace(outcome, module_id=module_id, module_key=key, version=number)
    outcome = dataclasses.replace(
        outcome, module_id=module_id, module_key=module_store.get_module(db, module_id).key
    )
    if designed_store.latest_fingerprint(db, module_id) == src.fingerprint:
        return dataclasses.replace(outcome, status=ImportStatus.UNCHANGED)
    try:
        with transaction(db):  # a savepoint: a slide that cannot be updated leaves no trace
            number = designed_store.add_designed_version(
                db, module_id, src, source_name=name, actor=new.actor
            )
    except (Conflict, InvalidInput) as exc:
        return dataclasses.replace(outcome, status=ImportStatus.SKIPPED, reason=str(exc))
    return dataclasses.replace(outcome, status=ImportStatus.UPDATED, version=number)
