"""Content-addressed assets (images, logos, source slides), stored once by sha256."""

from __future__ import annotations

import hashlib

import sqlite_utils

from enabler.errors import NotFound
from enabler.store.connection.rows import now_iso


def put(db: sqlite_utils.Database, content: bytes, mime: str, filename: str = "") -> str:
    """Store `content` unless an identical blob is already there; return its sha256."""
    sha = hashlib.sha256(content).hexdigest()
    db.execute(
        "INSERT OR IGNORE INTO assets (sha256, mime, filename, size, content, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [sha, mime, filename, len(content), content, now_iso()],
    )
    return sha


def get(db: sqlite_utils.Database, sha: str) -> bytes:
    row = db.execute("SELECT content FROM assets WHERE sha256 = ?", [sha]).fetchone()
    if row is None:
        raise NotFound(f"Image or file {sha[:12]}… is missing from the library; re-import it.")
    return row[0]


def exists(db: sqlite_utils.Database, sha: str) -> bool:
    return db.execute("SELECT 1 FROM assets WHERE sha256 = ?", [sha]).fetchone() is not None
