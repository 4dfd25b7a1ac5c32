"""Marketing decides whose field reports count: list, trust and revoke reporters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from enabler.domain.profile import Profile
from enabler.errors import Fix, Hint, NotFound
from enabler.store import audit
from enabler.store.connection.db import transaction
from enabler.store.team import channel as store


@dataclass(frozen=True, slots=True)
class ReporterView:
    fingerprint: str
    name: str
    status: str
    events: int
    last_batch_at: str | None

    def age_days(self, now: dt.datetime | None = None) -> float | None:
        """Days since this reporter's newest merged batch was written (None: never)."""
        if not self.last_batch_at:
            return None
        try:
            at = dt.datetime.fromisoformat(self.last_batch_at)
        except ValueError:
            return None
        if at.tzinfo is None:
            at = at.replace(tzinfo=dt.UTC)
        now = now or dt.datetime.now(dt.UTC)
        return max(0.0, (now - at).total_seconds() / 86400)

    def to_dict(self) -> dict:
        age = self.age_days()
        return {
            "id": self.fingerprint,
            "name": self.name,
            "status": self.status,
            "events": self.events,
            "last_batch_at": self.last_batch_at,
            "age_days": None if age is None else round(age, 2),
        }


def list_reporters(db: sqlite_utils.Database) -> list[ReporterView]:
    return [ReporterView(*dataclass_row) for dataclass_row in _rows(db)]


def _rows(db):
    for f in store.reporter_figures(db):
        yield f.fingerprint, f.name, f.status, f.events, f.last_batch_at


def _one(db: sqlite_utils.Database, prefix: str) -> store.Reporter:
    prefix = prefix.strip().lower()
    matches = [r for r in store.reporters(db) if r.fingerprint.startswith(prefix)]
    if len(prefix) < 8 or len(matches) != 1:
        raise NotFound(
            f"No single reporter id starts with {prefix!r}; give at least 8 characters of one.",
            hint=Hint(Fix.LOOK_UP, "reporters"),
        )
    return matches[0]


def set_trust(db: sqlite_utils.Database, profile: Profile, prefix: str, trusted: bool):
    """Trust (their batches merge at the next sync) or revoke (no more batches merge)."""
    profile.require_marketing("decide whose field reports count")
    reporter = _one(db, prefix)
    status = "trusted" if trusted else "revoked"
    with transaction(db):
        store.set_status(db, reporter.fingerprint, status)
        audit.record(
            db,
            actor=profile.name,
            action="trust" if trusted else "revoke",
            entity="reporter",
            entity_id=reporter.fingerprint,
            before={"status": reporter.status},
            after={"status": status, "name": reporter.name},
        )
    return store.find_reporter(db, reporter.fingerprint)
