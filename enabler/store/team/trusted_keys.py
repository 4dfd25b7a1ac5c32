"""Publishers whose signed library packs this machine accepts."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.errors import NotFound
from enabler.store.connection.rows import now_iso


@dataclass(frozen=True, slots=True)
class TrustedKey:
    fingerprint: str
    name: str
    public_key: str  # PEM
    added_by: str = ""
    added_at: str = ""


_COLUMNS = "fingerprint, name, public_key, added_by, added_at"


def list_keys(db: sqlite_utils.Database) -> list[TrustedKey]:
    rows = db.query(f"SELECT {_COLUMNS} FROM trusted_keys ORDER BY name, fingerprint")
    return [TrustedKey(**row) for row in rows]


def find(db: sqlite_utils.Database, fingerprint: str) -> TrustedKey | None:
    rows = db.query(f"SELECT {_COLUMNS} FROM trusted_keys WHERE fingerprint = ?", [fingerprint])
    row = next(rows, None)
    return TrustedKey(**row) if row else None


def add(db: sqlite_utils.Database, key: TrustedKey) -> TrustedKey:
    """Insert or rename a trusted key. Call inside a transaction."""
    db.execute(
        "INSERT INTO trusted_keys (fingerprint, name, public_key, added_by, added_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT(fingerprint) DO UPDATE SET name = excluded.name",
        [key.fingerprint, key.name, key.public_key, key.added_by, now_iso()],
    )
    stored = find(db, key.fingerprint)
    if stored is None:  # only if the row vanished inside our own transaction
        raise NotFound(f"The trusted key {key.fingerprint} was not stored.")
    return stored


def remove(db: sqlite_utils.Database, fingerprint: str) -> None:
    db.execute("DELETE FROM trusted_keys WHERE fingerprint = ?", [fingerprint])
