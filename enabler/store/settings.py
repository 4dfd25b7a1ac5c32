"""Small JSON settings kept in the library (vendor profile, rep directory…)."""

from __future__ import annotations

import json

import sqlite_utils

from enabler.store.connection.rows import dumps


def get(db: sqlite_utils.Database, key: str, default=None):
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else default


def put(db: sqlite_utils.Database, key: str, value) -> None:
    db.execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, dumps(value)],
    )
