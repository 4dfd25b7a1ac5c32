"""What library packs need from the store: imported modules, asset details, import records."""

from __future__ import annotations

import json

import sqlite_utils

from enabler.domain.version_diff import VersionSnapshot
from enabler.store import versions
from enabler.store.rows import dumps, list_json, now_iso


def asset_meta(db: sqlite_utils.Database, sha: str) -> dict:
    row = db.execute("SELECT mime, filename FROM assets WHERE sha256 = ?", [sha]).fetchone()
    return {"mime": row[0], "filename": row[1]} if row else {}


def current_number(db: sqlite_utils.Database, version_id: int) -> int:
    return db.execute("SELECT number FROM module_versions WHERE id = ?", [version_id]).fetchone()[0]


def create_imported_module(
    db: sqlite_utils.Database,
    *,
    key: str,
    owner: str,
    review_by: str | None,
    snap: VersionSnapshot,
    origin: str,
    actor: str,
    note: str,
) -> int:
    """An approved, read-only module with one version, as a pack delivers it. In a transaction."""
    now = now_iso()
    module_id = (
        db["modules"]
        .insert(
            {
                "key": key,
                "title": str(snap.content.get("title", key)),
                "state": "approved",
                "owner": owner,
                **{name: list_json(values) for name, values in snap.meta.items()},
                "review_by": review_by,
                "read_only": 1,
                "origin": origin,
                "created_at": now,
                "updated_at": now,
            }
        )
        .last_pk
    )
    version_id = versions.add_version(db, module_id, snap, actor=actor, note=note)
    db.execute(
        "UPDATE modules SET current_version_id = ?, row_version = row_version + 1 WHERE id = ?",
        [version_id, module_id],
    )
    return module_id


def record_import(
    db: sqlite_utils.Database,
    *,
    fingerprint: str,
    publisher: str,
    pack_created_at: str,
    sha256: str,
    actor: str,
    summary: dict,
) -> int:
    return (
        db["pack_imports"]
        .insert(
            {
                "fingerprint": fingerprint,
                "publisher": publisher,
                "pack_created_at": pack_created_at,
                "sha256": sha256,
                "imported_by": actor,
                "imported_at": now_iso(),
                "summary": dumps(summary),
            }
        )
        .last_pk
    )


def list_imports(db: sqlite_utils.Database) -> list[dict]:
    rows = db.execute(
        "SELECT id, publisher, fingerprint, pack_created_at, imported_by, imported_at, summary "
        "FROM pack_imports ORDER BY id"
    ).fetchall()
    keys = ("id", "publisher", "fingerprint", "pack_created_at", "imported_by", "imported_at")
    return [dict(zip(keys, row[:6], strict=True)) | {"summary": json.loads(row[6])} for row in rows]
