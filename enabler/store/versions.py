"""Module versions for governance: snapshots, new versions, history (versions never change)."""

from __future__ import annotations

import json

import sqlite_utils

from enabler.domain.lifecycle import ModuleStatus, VersionInfo
from enabler.domain.version_diff import VersionSnapshot
from enabler.errors import Fix, Hint, NotFound
from enabler.store.connection.rows import dumps, list_json, now_iso, row_id, tuple_of

_SNAPSHOT_OWN = {"id", "module_id", "number", "created_at", "created_by", "note"}
_SNAPSHOT_FIELDS = {"kind", "content", "talking_points", "meta", "source_blob", "fields"}


def snapshot(db: sqlite_utils.Database, version_id: int | None) -> VersionSnapshot:
    """What one version says, in JSON form, for diffs, restores and packs.

    `version_id` None (a module with no content yet) is NotFound like an unknown id."""
    rows = list(db["module_versions"].rows_where("id = ?", [version_id]))
    if not rows:
        raise NotFound(f"No module version {version_id}.")
    row = rows[0]
    return VersionSnapshot(
        kind=row["kind"],
        content=json.loads(row["content"] or "{}"),
        talking_points=row["talking_points"],
        meta=json.loads(row["meta"] or "{}"),
        source_blob=row["source_blob"] or "",
        fields=tuple_of(row["fields"]),
        extra={k: v for k, v in row.items() if k not in _SNAPSHOT_OWN | _SNAPSHOT_FIELDS},
    )


def add_version(
    db: sqlite_utils.Database, module_id: int, snap: VersionSnapshot, *, actor: str, note: str = ""
) -> int:
    """Append a version (never altering earlier ones); returns its id. Call inside a transaction."""
    number = db.execute(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM module_versions WHERE module_id = ?",
        [module_id],
    ).fetchone()[0]
    columns = db["module_versions"].columns_dict
    extra = {k: v for k, v in snap.extra.items() if k in columns and k not in _SNAPSHOT_OWN}
    return row_id(
        db.table("module_versions").insert(
            {
                **extra,
                "module_id": module_id,
                "number": number,
                "kind": snap.kind,
                "content": dumps(dict(snap.content)),
                "talking_points": snap.talking_points,
                "fields": list_json(snap.fields),
                "source_blob": snap.source_blob or None,
                "meta": dumps(dict(snap.meta)),
                "note": note,
                "created_at": now_iso(),
                "created_by": actor,
            }
        )
    )


def version_history(db: sqlite_utils.Database, status: ModuleStatus) -> list[VersionInfo]:
    """Every version of a module, newest first, marking the current one and the revision."""
    rows = db.query(
        "SELECT id, number, created_at, created_by, note FROM module_versions "
        "WHERE module_id = ? ORDER BY number DESC",
        [status.module_id],
    )
    roles = {status.current_version_id: "current", status.revision_version_id: "revision"}
    return [VersionInfo(**row, role=roles.get(row["id"], "")) for row in rows]


def version_id_by_number(db: sqlite_utils.Database, status: ModuleStatus, number: int) -> int:
    row = db.execute(
        "SELECT id FROM module_versions WHERE module_id = ? AND number = ?",
        [status.module_id, number],
    ).fetchone()
    if row is None:
        raise NotFound(
            f"Module {status.key!r} has no version {number}.",
            hint=Hint(Fix.LOOK_UP, "history", status.key),
        )
    return row[0]
