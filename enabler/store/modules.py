"""Repository for modules and their immutable versions."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlite_utils

from enabler.domain.lifecycle import ModuleStatus
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
from enabler.domain.refs import ModuleRef
from enabler.errors import Conflict, NotFound
from enabler.store import audit
from enabler.store.connection.refs import find_row
from enabler.store.connection.rows import (
    date_or_none,
    datetime_or_none,
    dumps,
    list_json,
    now_iso,
    row_id,
    tuple_of,
)
from enabler.store.designed.rules import with_designed_details


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
    module_id = row_id(
        db.table("modules").insert(
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
    )
    version_id = row_id(
        db.table("module_versions").insert(
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
    )
    db.table("modules").update(module_id, {"current_version_id": version_id})
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


def get_module(db: sqlite_utils.Database, ref: ModuleRef | int | str) -> Module:
    """The module `ref` names: a ModuleRef, an id, or a key as stored (never read as an id)."""
    return _module(find_row(db, "modules", "key", _ref(ref)))


def _ref(ref: ModuleRef | int | str) -> ModuleRef:
    # A bare str comes from data (a plan, a pack file) and is a key, even when all digits;
    # what a user typed arrives already parsed into a ModuleRef.
    return ModuleRef.by_name(ref) if isinstance(ref, str) else ModuleRef.of(ref)


def get_version(db: sqlite_utils.Database, version_id: int) -> ModuleVersion:
    rows = list(db["module_versions"].rows_where("id = ?", [version_id]))
    if not rows:
        raise NotFound(f"No module version {version_id}.")
    return with_designed_details(db, _version(rows[0]))


def current_version(db: sqlite_utils.Database, module: Module) -> ModuleVersion:
    if module.current_version_id is None:
        raise NotFound(f"Module {module.key!r} has no content yet.")
    return get_version(db, module.current_version_id)


def module_exists(db: sqlite_utils.Database, key: str) -> bool:
    return db.execute("SELECT 1 FROM modules WHERE key = ?", [key]).fetchone() is not None


# --- governance: status and optimistic saves (see enabler.domain.lifecycle) ---------------

_STATUS_COLUMNS = (
    "id, key, title, state, owner, reviewer, row_version, read_only, origin, current_version_id,"
    " revision_version_id, revision_state, replaced_by, review_by"
)


def _status(row: Mapping[str, Any]) -> ModuleStatus:
    return ModuleStatus(
        module_id=row["id"],
        key=row["key"],
        title=row["title"],
        state=ModuleState(row["state"]),
        owner=row["owner"],
        reviewer=row["reviewer"],
        row_version=row["row_version"],
        read_only=bool(row["read_only"]),
        origin=row["origin"],
        current_version_id=row["current_version_id"],
        revision_version_id=row["revision_version_id"],
        revision_state=ModuleState(row["revision_state"]) if row["revision_state"] else None,
        replaced_by=row["replaced_by"],
        review_by=date_or_none(row["review_by"]),
    )


def module_status(db: sqlite_utils.Database, ref: ModuleRef | int | str) -> ModuleStatus:
    """Governance facts of the module `ref` names, as for `get_module` (row version, revision,
    read-only flag…)."""
    module = get_module(db, ref)
    rows = db.query(f"SELECT {_STATUS_COLUMNS} FROM modules WHERE id = ?", [module.id])
    return _status(next(rows))


def module_statuses(
    db: sqlite_utils.Database, state: ModuleState | None = None, ids: list[int] | None = None
) -> list[ModuleStatus]:
    """Statuses of every module, or those in `state`, or those with the given `ids`."""
    where: list[str] = ["1"]
    args: list[object] = []
    if state:
        where, args = [*where, "state = ?"], [*args, state.value]
    if ids is not None:
        where.append(f"id IN ({', '.join('?' * len(ids))})")
        args += list(ids)
    sql = f"SELECT {_STATUS_COLUMNS} FROM modules WHERE {' AND '.join(where)} ORDER BY id"
    return [_status(row) for row in db.query(sql, args)]


def save_status(db: sqlite_utils.Database, status: ModuleStatus, **changes) -> ModuleStatus:
    """Write `changes` only if nobody changed the module since `status` was read.

    The second of two concurrent saves gets a Conflict instead of overwriting the first.
    Call inside a transaction.
    """
    changes = {k: (v.value if isinstance(v, ModuleState) else v) for k, v in changes.items()}
    changes["updated_at"] = now_iso()
    sets = ", ".join(f"{name} = ?" for name in changes)
    cursor = db.execute(
        f"UPDATE modules SET {sets}, row_version = row_version + 1 "
        "WHERE id = ? AND row_version = ?",
        [*changes.values(), status.module_id, status.row_version],
    )
    if cursor.rowcount != 1:
        raise Conflict(
            f"Module {status.key!r} was changed by someone else since you opened it; "
            "reload it and make your change again."
        )
    return module_status(db, status.module_id)


def approved_by_layout(db: sqlite_utils.Database, layouts: list[str]) -> dict[int, str]:
    """{module id: layout} of approved smart modules whose current version uses one of
    `layouts`, in library order (generated slides — ROI, objections — pick theirs this way)."""
    marks = ", ".join("?" * len(layouts))
    sql = (
        "SELECT m.id, json_extract(v.content, '$.layout') FROM modules m "
        "JOIN module_versions v ON v.id = m.current_version_id "
        f"WHERE m.state = 'approved' AND json_extract(v.content, '$.layout') IN ({marks}) "
        "ORDER BY m.id"
    )
    return dict(db.execute(sql, layouts).fetchall())
