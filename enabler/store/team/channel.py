"""Team-channel bookkeeping: reporters, merged batches, field events, sent events, releases."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import sqlite_utils

from enabler.store.connection.rows import now_iso


@dataclass(frozen=True, slots=True)
class Reporter:
    fingerprint: str
    name: str
    public_key: str  # PEM
    status: str  # pending | trusted | revoked
    first_seen: str
    last_batch_at: str | None


_REPORTER = "fingerprint, name, public_key, status, first_seen, last_batch_at"


def reporters(db: sqlite_utils.Database) -> list[Reporter]:
    rows = db.execute(f"SELECT {_REPORTER} FROM channel_reporters ORDER BY name, fingerprint")
    return [Reporter(*r) for r in rows.fetchall()]


def find_reporter(db: sqlite_utils.Database, fingerprint: str) -> Reporter | None:
    row = db.execute(
        f"SELECT {_REPORTER} FROM channel_reporters WHERE fingerprint = ?", [fingerprint]
    ).fetchone()
    return Reporter(*row) if row else None


def add_pending(db: sqlite_utils.Database, fingerprint: str, name: str, public_key: str) -> None:
    """Note a reporter seen in the channel; an existing entry keeps its status."""
    db.execute(
        "INSERT INTO channel_reporters (fingerprint, name, public_key, first_seen) "
        "VALUES (?, ?, ?, ?) ON CONFLICT(fingerprint) DO NOTHING",
        [fingerprint, name, public_key, now_iso()],
    )


def set_status(db: sqlite_utils.Database, fingerprint: str, status: str) -> None:
    db.execute(
        "UPDATE channel_reporters SET status = ? WHERE fingerprint = ?", [status, fingerprint]
    )


def merged_batch_names(db: sqlite_utils.Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM channel_batches").fetchall()}


def merge_batch(
    db: sqlite_utils.Database,
    *,
    name: str,
    reporter: str,
    sha256: str,
    created_at: str,
    events: list[tuple[str, str, str, str]],
) -> int:
    """Insert (event_id, kind, at, payload_json) rows once each; return how many were new.

    Call inside a transaction: the batch record and its events land together or not at all.
    """
    merged_at = now_iso()
    created_at = _not_after(created_at, merged_at)
    before = db.conn.total_changes
    db.conn.executemany(
        "INSERT OR IGNORE INTO field_events (event_id, reporter, kind, at, payload, merged_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(eid, reporter, kind, at, payload, merged_at) for eid, kind, at, payload in events],
    )
    new = db.conn.total_changes - before
    db.execute(
        "INSERT INTO channel_batches (name, reporter, sha256, events, merged_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [name, reporter, sha256, new, merged_at],
    )
    db.execute(
        "UPDATE channel_reporters SET last_batch_at = max(coalesce(last_batch_at, ''), ?) "
        "WHERE fingerprint = ?",
        [created_at, reporter],
    )
    return new


def _not_after(stamp: str, now: str) -> str:
    """A batch's own time, but never later than now: a reporter whose clock runs ahead must
    not look fresh for ever. Unreadable times fall back to now."""
    try:
        at = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return now
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return now if at > dt.datetime.fromisoformat(now) else at.isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class ReporterFigures:
    fingerprint: str
    name: str
    status: str
    events: int
    last_batch_at: str | None


def reporter_figures(db: sqlite_utils.Database) -> list[ReporterFigures]:
    rows = db.execute(
        "SELECT r.fingerprint, r.name, r.status, count(e.event_id), r.last_batch_at "
        "FROM channel_reporters r LEFT JOIN field_events e ON e.reporter = r.fingerprint "
        "GROUP BY r.fingerprint ORDER BY r.name"
    ).fetchall()
    return [ReporterFigures(*r) for r in rows]


def events_by_kind(db: sqlite_utils.Database) -> dict[str, int]:
    rows = db.execute("SELECT kind, count(*) FROM field_events GROUP BY kind").fetchall()
    return dict(rows)


def sent_ids(db: sqlite_utils.Database) -> set[str]:
    return {r[0] for r in db.execute("SELECT event_id FROM channel_sent").fetchall()}


def mark_sent(db: sqlite_utils.Database, event_ids: list[str], batch: str) -> None:
    db.conn.executemany(
        "INSERT OR IGNORE INTO channel_sent (event_id, batch) VALUES (?, ?)",
        [(e, batch) for e in event_ids],
    )


def applied_release(db: sqlite_utils.Database, publisher: str) -> int:
    row = db.execute("SELECT seq FROM channel_releases WHERE publisher = ?", [publisher]).fetchone()
    return int(row[0]) if row else 0


def record_release(db: sqlite_utils.Database, publisher: str, seq: int, sha256: str) -> None:
    db.execute(
        "INSERT INTO channel_releases (publisher, seq, sha256, applied_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(publisher) DO UPDATE SET seq = excluded.seq, sha256 = excluded.sha256, "
        "applied_at = excluded.applied_at",
        [publisher, seq, sha256, now_iso()],
    )


def event_payloads(db: sqlite_utils.Database, kind: str) -> list[dict]:
    rows = db.execute("SELECT payload FROM field_events WHERE kind = ?", [kind]).fetchall()
    return [json.loads(r[0]) for r in rows]


def known_events(db: sqlite_utils.Database, event_ids: list[str]) -> set[str]:
    """Which of these event ids are merged already."""
    found: set[str] = set()
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(f"SELECT event_id FROM field_events WHERE event_id IN ({marks})", chunk)
        found |= {r[0] for r in rows.fetchall()}
    return found
