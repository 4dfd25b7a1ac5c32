"""Repository for designed modules: slides imported from PowerPoint files.

A designed module is a module whose versions hold a single-slide .pptx (an asset) with the
`{{ fields }}` it uses. `designed_slides` remembers which slide of which file a module came
from (its identity, so importing the file again adds versions instead of duplicates) and the
module's rules (condition, repeat); `designed_sources` keeps, per stored slide, a fingerprint of
its content and its thumbnail. Call the writing functions inside a transaction.
"""

from __future__ import annotations

import sqlite_utils

from enabler.domain import lifecycle
from enabler.domain.designed import SlideSource
from enabler.domain.modules import ModuleKind, ModuleState, Stage
from enabler.errors import InvalidInput
from enabler.store import assets, audit
from enabler.store import modules as module_store
from enabler.store.connection.rows import dumps, list_json, now_iso, row_id

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def module_for_identity(db: sqlite_utils.Database, identity: str) -> int | None:
    row = db.execute(
        "SELECT module_id FROM designed_slides WHERE identity = ?", [identity]
    ).fetchone()
    return row[0] if row else None


def latest_fingerprint(db: sqlite_utils.Database, module_id: int) -> str:
    """Fingerprint of the module's newest version ('' when unknown)."""
    row = db.execute(
        "SELECT s.fingerprint FROM module_versions v "
        "JOIN designed_sources s ON s.source_blob = v.source_blob "
        "WHERE v.module_id = ? ORDER BY v.number DESC LIMIT 1",
        [module_id],
    ).fetchone()
    return row[0] if row else ""


def _store_source(db: sqlite_utils.Database, src: SlideSource, name: str) -> str:
    sha = assets.put(db, src.blob, PPTX_MIME, f"{name} slide {src.number}.pptx")
    thumb = None
    if src.thumbnail:
        thumb = assets.put(db, src.thumbnail, "image/png", f"{name} slide {src.number}.png")
    db.execute(
        "INSERT INTO designed_sources (source_blob, fingerprint, thumbnail) VALUES (?, ?, ?) "
        "ON CONFLICT(source_blob) DO UPDATE SET "
        "thumbnail = COALESCE(excluded.thumbnail, designed_sources.thumbnail)",
        [sha, src.fingerprint, thumb],
    )
    return sha


def _insert_version(
    db: sqlite_utils.Database, module_id: int, src: SlideSource, sha: str, actor: str
) -> tuple[int, int]:
    number = db.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM module_versions WHERE module_id = ?",
        [module_id],
    ).fetchone()[0]
    version_id = row_id(
        db.table("module_versions").insert(
            {
                "module_id": module_id,
                "number": number,
                "kind": ModuleKind.DESIGNED.value,
                # Title and slide text, so library search finds designed slides too.
                "content": dumps({"title": src.title, "text": src.text}),
                "talking_points": src.notes,
                "fields": list_json(src.fields),
                "source_blob": sha,
                "created_at": now_iso(),
                "created_by": actor,
            }
        )
    )
    return version_id, number


def create_designed(
    db: sqlite_utils.Database,
    src: SlideSource,
    *,
    key: str,
    source_name: str,
    owner: str,
    stages: tuple[Stage, ...] = (),
    industries: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    actor: str = "",
) -> tuple[int, int]:
    """A new draft module for `src`; returns (module id, version number)."""
    now = now_iso()
    module_id = row_id(
        db.table("modules").insert(
            {
                "key": key,
                "title": src.title,
                "state": ModuleState.DRAFT.value,
                "owner": owner,
                "stages": list_json(stages),
                "industries": list_json(industries),
                "tags": list_json(tags),
                "created_at": now,
                "updated_at": now,
            }
        )
    )
    sha = _store_source(db, src, source_name)
    version_id, number = _insert_version(db, module_id, src, sha, actor or owner)
    db.table("modules").update(module_id, {"current_version_id": version_id})
    db.table("designed_slides").insert(
        {
            "module_id": module_id,
            "identity": src.identity,
            "source_name": source_name,
            "slide_number": src.number,
            "updated_at": now,
        }
    )
    audit.record(
        db,
        actor=actor or owner,
        action="import",
        entity="module",
        entity_id=module_id,
        after={"key": key, "title": src.title, "source": source_name, "slide": src.number},
    )
    return module_id, number


def add_designed_version(
    db: sqlite_utils.Database, module_id: int, src: SlideSource, *, source_name: str, actor: str
) -> int:
    """A new version of an imported module, placed where the lifecycle says; returns its number.

    A draft takes it as its content; an approved module gets it as a draft revision that reps do
    not see until approved. Raises (Conflict / InvalidInput) when the module cannot take an edit
    now: in review, retired, or read-only.
    """
    status = module_store.module_status(db, module_id)
    target = lifecycle.edit_target(status)
    sha = _store_source(db, src, source_name)
    version_id, number = _insert_version(db, module_id, src, sha, actor)
    if target == "revision":
        module_store.save_status(
            db, status, revision_version_id=version_id, revision_state=ModuleState.DRAFT
        )
    else:
        module_store.save_status(
            db, status, current_version_id=version_id, state=ModuleState.DRAFT, title=src.title
        )
    db.execute(
        "UPDATE designed_slides SET source_name = ?, slide_number = ?, updated_at = ? "
        "WHERE module_id = ?",
        [source_name, src.number, now_iso(), module_id],
    )
    audit.record(
        db,
        actor=actor,
        action="import",
        entity="module",
        entity_id=module_id,
        after={"version": number, "source": source_name, "slide": src.number, "as": target},
    )
    return number


def set_rules(
    db: sqlite_utils.Database, module_id: int, condition: str, repeat: str, actor: str
) -> None:
    """Set when a designed module appears (condition) and what it repeats over."""
    before = next(
        db.query("SELECT condition, repeat FROM designed_slides WHERE module_id = ?", [module_id]),
        None,
    )
    if before is None:
        raise InvalidInput("Only designed modules (slides imported from PowerPoint) have rules.")
    db.execute(
        "UPDATE designed_slides SET condition = ?, repeat = ?, updated_at = ? WHERE module_id = ?",
        [condition, repeat, now_iso(), module_id],
    )
    audit.record(
        db,
        actor=actor,
        action="set_rules",
        entity="module",
        entity_id=module_id,
        before={"condition": before["condition"], "repeat": before["repeat"]},
        after={"condition": condition, "repeat": repeat},
    )


def designed_details(db: sqlite_utils.Database, module_id: int) -> dict | None:
    """Where the module came from, its rules and formatting; None for a module not designed."""
    rows = db.query(
        "SELECT identity, source_name, slide_number, condition, repeat, updated_at, formatting "
        "FROM designed_slides WHERE module_id = ?",
        [module_id],
    )
    return next(rows, None)


def set_formatting(db: sqlite_utils.Database, module_id: int, formatting: str, actor: str) -> None:
    """Keep the source's formatting ('source') or use the deck's template ('deck')."""
    before = db.execute(
        "SELECT formatting FROM designed_slides WHERE module_id = ?", [module_id]
    ).fetchone()
    if before is None:
        raise InvalidInput(
            "Only designed modules (slides imported from PowerPoint) have a formatting choice."
        )
    db.execute(
        "UPDATE designed_slides SET formatting = ?, updated_at = ? WHERE module_id = ?",
        [formatting, now_iso(), module_id],
    )
    audit.record(
        db,
        actor=actor,
        action="set_formatting",
        entity="module",
        entity_id=module_id,
        before={"formatting": before[0]},
        after={"formatting": formatting},
    )
