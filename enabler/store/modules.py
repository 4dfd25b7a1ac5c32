"""Repository for modules and their immutable versions."""

from __future__ import annotations

import json

import sqlite_utils

from enabler.domain.modules import (
    Module,
    ModuleKind,
    ModuleState,
    ModuleVersion,
    SmartContent,
    Stage,
    content_from_dict,
    content_to_dict,
)
from enabler.errors import NotFound
from enabler.store import audit
from enabler.store.rows import (
    date_or_none,
    datetime_or_none,
    dumps,
    list_json,
    now_iso,
    tuple_of,
)


def _module(row: dict) -> Module:
    return Module(
        id=row["id"],
        key=row["key"],
        title=row["title"],
        state=ModuleState(row["state"]),
        owner=row["owner"],
        stages=tuple(Stage(s) for s in tuple_of(row["stages"])),
        industries=tuple_of(row["industries"]),
        personas=tuple_of(row["personas"]),
        competitors=tuple_of(row["competitors"]),
        tags=tuple_of(row["tags"]),
        review_by=date_or_none(row["review_by"]),
        current_version_id=row["current_version_id"],
    )


def _version(row: dict) -> ModuleVersion:
    kind = ModuleKind(row["kind"])
    content = content_from_dict(json.loads(row["content"])) if kind is ModuleKind.SMART else None
    return ModuleVersion(
        id=row["id"],
        module_id=row["module_id"],
        number=row["number"],
        kind=kind,
        content=content,
        talking_points=row["talking_points"],
        created_at=datetime_or_none(row["created_at"]),
        created_by=row["created_by"],
        source_blob=row["source_blob"] or "",
    )


def create_smart(
    db: sqlite_utils.Database,
    *,
    key: str,
    content: SmartContent,
    owner: str,
    stages: tuple[Stage, ...] = (),
    industries: tuple[str, ...] = (),
    personas: tuple[str, ...] = (),
    competitors: tuple[str, ...] = (),
    tags: tuple[str, ...] = (),
    talking_points: str = "",
    state: ModuleState = ModuleState.DRAFT,
    review_by: str | None = None,
    actor: str = "",
) -> Module:
    """Create a smart module with its first version. Call inside a transaction."""
    now = now_iso()
    module_id = (
        db["modules"]
        .insert(
            {
                "key": key,
                "title": content.title,
                "state": state.value,
                "owner": owner,
                "stages": list_json(stages),
                "industries": list_json(industries),
                "personas": list_json(personas),
                "competitors": list_json(competitors),
                "tags": list_json(tags),
                "review_by": review_by,
                "created_at": now,
                "updated_at": now,
            }
        )
        .last_pk
    )
    version_id = (
        db["module_versions"]
        .insert(
            {
                "module_id": module_id,
                "number": 1,
                "kind": ModuleKind.SMART.value,
                "content": dumps(content_to_dict(content)),
                "talking_points": talking_points,
                "created_at": now,
                "created_by": actor or owner,
            }
        )
        .last_pk
    )
    db["modules"].update(module_id, {"current_version_id": version_id})
    module = get_module(db, module_id)
    audit.record(
        db,
        actor=actor or owner,
        action="create",
        entity="module",
        entity_id=module_id,
        after={"key": key, "title": content.title, "state": state.value},
    )
    return module


def list_modules(db: sqlite_utils.Database, state: ModuleState | None = None) -> list[Module]:
    where, args = ("state = ?", [state.value]) if state else (None, None)
    return [_module(r) for r in db["modules"].rows_where(where, args, order_by="id")]


def get_module(db: sqlite_utils.Database, ref: int | str) -> Module:
    """A module by numeric id or by key."""
    if isinstance(ref, int) or str(ref).isdigit():
        rows = list(db["modules"].rows_where("id = ?", [int(ref)]))
    else:
        rows = list(db["modules"].rows_where("key = ?", [str(ref)]))
    if not rows:
        raise NotFound(f"No module {ref!r}. See `enabler modules list` for ids and keys.")
    return _module(rows[0])


def get_version(db: sqlite_utils.Database, version_id: int) -> ModuleVersion:
    rows = list(db["module_versions"].rows_where("id = ?", [version_id]))
    if not rows:
        raise NotFound(f"No module version {version_id}.")
    return _version(rows[0])


def current_version(db: sqlite_utils.Database, module: Module) -> ModuleVersion:
    if module.current_version_id is None:
        raise NotFound(f"Module {module.key!r} has no content yet.")
    return get_version(db, module.current_version_id)


def module_exists(db: sqlite_utils.Database, key: str) -> bool:
    return db.execute("SELECT 1 FROM modules WHERE key = ?", [key]).fetchone() is not None
