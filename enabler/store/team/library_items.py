"""Which library items (objections, criteria, presets…) came from which pack publisher."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.store.connection.rows import now_iso


@dataclass(frozen=True, slots=True)
class Tracked:
    """One delivered item: its publisher key, its digest as applied and (research) its row."""

    fingerprint: str
    digest: str
    local_id: int | None = None


def tracked(db: sqlite_utils.Database, kind: str) -> dict[str, Tracked]:
    """{key: Tracked} for every item of `kind` a pack delivered here."""
    rows = db.execute(
        "SELECT key, fingerprint, digest, local_id FROM pack_library_items WHERE kind = ?", [kind]
    ).fetchall()
    return {key: Tracked(fp, digest, local_id) for key, fp, digest, local_id in rows}


def track(
    db: sqlite_utils.Database,
    kind: str,
    key: str,
    fingerprint: str,
    digest: str,
    local_id: int | None = None,
) -> None:
    """Remember (or update) where an item came from. In a transaction."""
    db.execute(
        "INSERT INTO pack_library_items (kind, key, fingerprint, digest, local_id, applied_at) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(kind, key) DO UPDATE SET "
        "fingerprint = excluded.fingerprint, digest = excluded.digest, "
        "local_id = excluded.local_id, applied_at = excluded.applied_at",
        [kind, key, fingerprint, digest, local_id, now_iso()],
    )


def untrack(db: sqlite_utils.Database, kind: str, key: str) -> None:
    db.execute("DELETE FROM pack_library_items WHERE kind = ? AND key = ?", [kind, key])
