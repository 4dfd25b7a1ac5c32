"""What library packs need from the store: imported modules, asset details, import records."""

from __future__ import annotations

import json

import sqlite_utils

from enabler.domain.version_diff import VersionSnapshot
from enabler.errors import NotFound
from enabler.store import versions
from enabler.store.connection.rows import dumps, list_json, now_iso, row_id
from enabler.store.designed import slides as designed


def asset_meta(db: sqlite_utils.Database, sha: str) -> dict:
    rows = db.query("SELECT mime, filename FROM assets WHERE sha256 = ?", [sha])
    return next(rows, None) or {}


def current_number(db: sqlite_utils.Database, version_id: int | None) -> int:
    row = db.execute("SELECT number FROM module_versions WHERE id = ?", [version_id]).fetchone()
    if row is None:
        raise NotFound(f"No module version {version_id}.")
    return row[0]


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
    module_id = row_id(
        db.table("modules").insert(
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
    )
    version_id = versions.add_version(db, module_id, snap, actor=actor, note=note)
    db.execute(
        "UPDATE modules SET current_version_id = ?, row_version = row_version + 1 WHERE id = ?",
        [version_id, module_id],
    )
    return module_id


def put_designed_rules(
    db: sqlite_utils.Database,
    module_id: int,
    *,
    key: str,
    source_name: str,
    rules: tuple[str, str],
    actor: str,
) -> None:
    """Give an imported designed module its rules, adding its `designed_slides` row if missing.

    The row's identity is `pack:<key>`, a namespace `import-slides` never produces (it uses
    `p14:<id>` or `<file stem>#<slide id>`), so importing the original file here later makes a
    separate local module instead of finding, and trying to edit, the read-only one.
    In a transaction.
    """
    if designed.designed_details(db, module_id) is None:
        identity = f"pack:{key}"
        if designed.module_for_identity(db, identity) is not None:
            identity = f"{identity}#{module_id}"
        db.table("designed_slides").insert(
            {
                "module_id": module_id,
                "identity": identity,
                "source_name": source_name,
                "slide_number": 0,
                "updated_at": now_iso(),
            }
        )
    details = designed.designed_details(db, module_id)
    if details is None or (details["condition"], details["repeat"]) != rules:
        designed.set_rules(db, module_id, *rules, actor)


def record_import(
    db: sqlite_utils.Database,
    *,
    fingerprint: str,
    publisher: str,
    pack_created_at: str,
    sha256: str,
    actor: str,
    summary: dict,
    sequence: int | None = None,
) -> int:
    return row_id(
        db.table("pack_imports").insert(
            {
                "sequence": sequence,
                "fingerprint": fingerprint,
                "publisher": publisher,
                "pack_created_at": pack_created_at,
                "sha256": sha256,
                "imported_by": actor,
                "imported_at": now_iso(),
                "summary": dumps(summary),
            }
        )
    )


def list_imports(db: sqlite_utils.Database) -> list[dict]:
    rows = db.query(
        "SELECT id, publisher, fingerprint, pack_created_at, imported_by, imported_at, summary "
        "FROM pack_imports ORDER BY id"
    )
    return [row | {"summary": json.loads(row["summary"])} for row in rows]


def was_imported(db: sqlite_utils.Database, sha256: str) -> bool:
    """True when the pack file with this SHA-256 was applied here before."""
    row = db.execute("SELECT 1 FROM pack_imports WHERE sha256 = ? LIMIT 1", [sha256]).fetchone()
    return row is not None
