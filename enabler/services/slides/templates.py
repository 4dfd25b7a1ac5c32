"""Bring your own brand template (`enabler template install FILE`).

Marketing installs the company's own .pptx or .potx; every deck is then built on it instead of
the project's `templates/brand.pptx`. Smart modules are laid out on its layouts (matched by name,
then by the closest set of placeholders, then a fallback) and designed slides are mapped onto
them the same way, so one library serves a rebrand without re-authoring. The file goes through
the same checks as an import; its own slides are removed (a template is layouts, not content),
and so are macros and pictures, media or objects linked outside the file (`removed` says which).
A template installed before that rule is cleaned the same way each time a deck is built on it.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn

from enabler.errors import InvalidInput
from enabler.render.active_content import strip_active_content
from enabler.store import assets, audit, settings
from enabler.store.connection.db import transaction
from enabler.store.connection.rows import now_iso

SETTING = "brand_template"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@dataclass(frozen=True, slots=True)
class TemplateInfo:
    name: str
    sha256: str
    layouts: tuple[str, ...]
    installed_at: str
    installed_by: str = ""
    removed: tuple[str, ...] = ()  # what the install took out (macros, external links)


def _usable(layout) -> bool:
    """A layout we can build on: it has a horizontal title placeholder."""
    return any(
        ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
        for ph in layout.placeholders
    )


def _without_slides(prs) -> bytes:
    """The template's package with its example slides removed."""
    pres_part = prs.part
    sld_id_lst = pres_part._element.find(qn("p:sldIdLst"))
    if sld_id_lst is not None:
        for sld_id in list(sld_id_lst):
            pres_part.drop_rel(sld_id.get(qn("r:id")))
            sld_id_lst.remove(sld_id)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def install_template(db: sqlite_utils.Database, path: Path | str, actor: str = "") -> TemplateInfo:
    """Check the file, strip its slides, store it and make it the template for every deck."""
    # Loaded here, not at the top: a deck build reads the installed template and never needs
    # the slide importer (thumbnails, images, extraction) this pulls in.
    from enabler.render.integrity import check_integrity
    from enabler.services.slides.package_guard import read_package
    from enabler.services.slides.reader import open_presentation

    checked = read_package(path)
    prs = open_presentation(checked)
    layouts = tuple(layout.name for layout in prs.slide_layouts)
    if not layouts:
        raise InvalidInput(f"{checked.name}: the template has no slide layouts to build on.")
    if not any(_usable(layout) for layout in prs.slide_layouts):
        raise InvalidInput(
            f"{checked.name}: none of its {len(layouts)} layouts has a title placeholder, so "
            "there is nowhere to put a slide's title. Add a 'Title and Content' layout in "
            "PowerPoint (View ▸ Slide Master) and install it again."
        )
    blob = _without_slides(prs)
    report = check_integrity(blob)
    if not report.ok:
        raise InvalidInput(
            f"{checked.name}: the template is damaged ({report.problems[0]}); "
            "save it again in PowerPoint and retry."
        )
    Presentation(io.BytesIO(blob))  # reopens cleanly, or the error surfaces here
    with transaction(db):
        sha = assets.put(db, blob, PPTX_MIME, checked.name)
        record = {
            "name": checked.name,
            "sha256": sha,
            "layouts": list(layouts),
            "installed_at": now_iso(),
            "installed_by": actor,
        }
        before = settings.get(db, SETTING)
        settings.put(db, SETTING, record)
        audit.record(
            db, actor=actor, action="install", entity="template", before=before, after=record
        )
    return dataclasses.replace(_info(record), removed=tuple(map(str, checked.removed)))


def template_info(db: sqlite_utils.Database) -> TemplateInfo | None:
    """The installed template, or None when decks use the built-in brand template."""
    record = settings.get(db, SETTING)
    return _info(record) if record else None


def _info(record: dict) -> TemplateInfo:
    return TemplateInfo(
        name=record["name"],
        sha256=record["sha256"],
        layouts=tuple(record.get("layouts", ())),
        installed_at=record.get("installed_at", ""),
        installed_by=record.get("installed_by", ""),
    )


def installed_template(db: sqlite_utils.Database) -> bytes | None:
    """The installed template's bytes, or None (build on templates/brand.pptx)."""
    info = template_info(db)
    return strip_active_content(assets.get(db, info.sha256)).blob if info else None


def remove_template(db: sqlite_utils.Database, actor: str = "") -> None:
    """Go back to the built-in brand template."""
    with transaction(db):
        before = settings.get(db, SETTING)
        db.execute("DELETE FROM settings WHERE key = ?", [SETTING])
        audit.record(db, actor=actor, action="remove", entity="template", before=before)
