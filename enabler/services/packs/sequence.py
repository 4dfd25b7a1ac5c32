"""Rollback protection for library packs (as TUF does with metadata versions).

Every pack a publisher signs carries a `sequence` in its signed manifest, higher than any it
signed before: the exporting library remembers its last one per key, and a sequence is never
lower than the export's Unix time in seconds, so a reinstalled or restored publisher machine
still counts upwards. A library remembers the highest sequence it applied per publisher key;
a pack with an older or equal one would roll modules back (re-approve a retired one, revert a
corrected title) and is refused unless the user asks for the downgrade.
"""

from __future__ import annotations

import time

import sqlite_utils

from enabler.services.packs.plan import PackImport
from enabler.store import settings

_EXPORTED = "pack_sequences_exported"  # settings key: {fingerprint: last sequence signed}


def next_export_sequence(db: sqlite_utils.Database, fingerprint: str) -> int:
    """The sequence for the next pack signed with `fingerprint` (not yet recorded)."""
    last = (settings.get(db, _EXPORTED, {}) or {}).get(fingerprint, 0)
    return max(int(last) + 1, int(time.time()))


def record_export_sequence(db: sqlite_utils.Database, fingerprint: str, sequence: int) -> None:
    """Remember a signed pack's sequence. In a transaction."""
    exported = dict(settings.get(db, _EXPORTED, {}) or {})
    exported[fingerprint] = max(int(exported.get(fingerprint, 0)), sequence)
    settings.put(db, _EXPORTED, exported)


def signed_here(db: sqlite_utils.Database, fingerprint: str) -> bool:
    """True when this library exported packs with that key: it is the publisher's own."""
    return fingerprint in (settings.get(db, _EXPORTED, {}) or {})


def pack_sequence(manifest: dict) -> int | None:
    """The manifest's sequence (None for a pack made before sequences existed)."""
    value = manifest.get("sequence")
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


def applied_sequence(db: sqlite_utils.Database, fingerprint: str) -> tuple[int, str] | None:
    """(highest sequence applied from this publisher key, that pack's sha256), or None."""
    row = db.execute(
        "SELECT sequence, sha256 FROM pack_imports WHERE fingerprint = ? "
        "AND sequence IS NOT NULL ORDER BY sequence DESC, id DESC LIMIT 1",
        [fingerprint],
    ).fetchone()
    return (row[0], row[1]) if row else None


def is_downgrade(ours: tuple[int, str] | None, theirs: int | None, sha256: str) -> bool:
    """True when a pack is older than the newest one applied, or has the same sequence but is
    another pack. The very same pack again is no rollback (it changes nothing)."""
    if ours is None:
        return False
    newest, newest_sha = ours
    if theirs is None or theirs < newest:
        return True
    return theirs == newest and sha256 != newest_sha


def downgrade_message(plan: PackImport) -> str:
    """Why an older pack is not applied, and how to apply it anyway."""
    theirs = "no sequence (an old pack)" if plan.sequence is None else f"sequence {plan.sequence}"
    return (
        f"This pack from {plan.publisher} ({theirs}, made {plan.created_at[:10]}) is older "
        f"than what you have (sequence {plan.older_than}): importing it would roll modules back. "
        "Nothing was changed; allow the downgrade only if you really mean to go back."
    )
