"""Field reports up the channel: a rep writes signed append-only batches, marketing merges them.

A batch is `reports/<reporter fingerprint>-<UTC time>-<random>.json`, never rewritten. Marketing
merges each batch of a trusted reporter in one transaction, keyed by event id, so a replayed
batch counts once. Batches from an unknown reporter wait until marketing trusts it; a batch whose
signature fails is refused (and reported at every sync while it stays) without stopping the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from dataclasses import dataclass

import sqlite_utils
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from enabler.domain.profile import Profile
from enabler.services.channel import envelope, events, research
from enabler.services.channel.transport import Channel, Missing
from enabler.services.packs import keys
from enabler.store.connection.db import transaction
from enabler.store.connection.rows import now_iso
from enabler.store.team import channel as store

FOLDER = "reports"
KIND = "field-batch"
_KINDS = {"deck", "rating", "outcome", "objection", research.KIND}
MAX_EVENTS = 5000  # per batch, so one merge transaction stays small


@dataclass(frozen=True, slots=True)
class Upload:
    batch: str | None
    events: int


def upload(db: sqlite_utils.Database, profile: Profile, channel: Channel, key) -> Upload:
    """Write batches of every event not sent yet; mark each batch's events sent once it is in.

    A crash between the two steps only means the events go again in a later batch; marketing
    counts each event id once.
    """
    sent = store.sent_ids(db)
    fresh = [e for e in events.collect(db) if e.event_id not in sent]
    fingerprint = keys.fingerprint(key.public_key())
    last, count = None, 0
    for start in range(0, len(fresh), MAX_EVENTS):
        chunk = fresh[start : start + MAX_EVENTS]
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        name = f"{fingerprint}-{stamp}-{secrets.token_hex(4)}.json"
        channel.write(FOLDER, name, seal_batch(key, profile.name, [e.to_dict() for e in chunk]))
        with transaction(db):
            store.mark_sent(db, [e.event_id for e in chunk], name)
        last, count = name, count + len(chunk)
    return Upload(last, count)


def seal_batch(key: Ed25519PrivateKey, reporter_name: str, items: list[dict]) -> bytes:
    body = {"kind": KIND, "reporter": reporter_name, "created_at": now_iso(), "events": items}
    return envelope.seal(body, key)


@dataclass(frozen=True, slots=True)
class Merge:
    merged_batches: int = 0
    new_events: int = 0
    waiting_reporters: tuple[str, ...] = ()  # fingerprints not trusted yet
    refused: tuple[tuple[str, str], ...] = ()  # (batch name, why)
    incomplete: tuple[str, ...] = ()  # retried at the next sync
    research: int = 0  # segment research proposals now pending marketing's review


def _rows(body: dict) -> list[tuple[str, str, str, str]]:
    items = body.get("events")
    if not isinstance(items, list):
        raise envelope.Tampered("it has no event list")
    rows = []
    for item in items:
        if not (
            isinstance(item, dict)
            and isinstance(item.get("id"), str)
            and 0 < len(item["id"]) <= 64
            and item.get("kind") in _KINDS
            and isinstance(item.get("at"), str)
            and isinstance(item.get("data"), dict)
        ):
            raise envelope.Tampered("one of its events is malformed")
        rows.append((item["id"], item["kind"], item["at"][:40], json.dumps(item["data"])))
        if item["kind"] == research.KIND:
            research.check(rows[-1][3])
    return rows


def merge(db: sqlite_utils.Database, channel: Channel) -> Merge:
    """Merge every new batch of trusted reporters; the listing alone decides what to fetch."""
    names = channel.list(FOLDER)
    done = store.merged_batch_names(db)
    status = {r.fingerprint: r.status for r in store.reporters(db)}
    merged = new = proposals = 0
    waiting: set[str] = set()
    refused, incomplete = [], []
    for name in sorted(n for n in names if n not in done and n.endswith(".json")):
        fingerprint = name.split("-", 1)[0]
        if status.get(fingerprint) == "revoked":
            continue
        if status.get(fingerprint) == "pending":
            waiting.add(fingerprint)
            continue
        try:
            data = channel.read(FOLDER, name)
            opened = envelope.open_envelope(data, KIND)
            if opened.fingerprint != fingerprint:
                raise envelope.Tampered("its file name names another reporter")
            rows = _rows(opened.body)
        except (envelope.Incomplete, Missing):
            incomplete.append(name)
            continue
        except envelope.Tampered as exc:
            refused.append((name, str(exc)))
            continue
        if fingerprint not in status:
            with transaction(db):
                store.add_pending(
                    db, fingerprint, str(opened.body.get("reporter", ""))[:80], opened.public_pem
                )
            status[fingerprint] = "pending"
            waiting.add(fingerprint)
            continue
        prefix = fingerprint[:16]
        keyed = [(f"{prefix}:{eid}", kind, at, p) for eid, kind, at, p in rows]
        with transaction(db):
            proposed = _new_research(db, keyed)
            new += store.merge_batch(
                db,
                name=name,
                reporter=fingerprint,
                sha256=hashlib.sha256(data).hexdigest(),
                created_at=str(opened.body.get("created_at", ""))[:40],
                events=keyed,
            )
            reporter = store.find_reporter(db, fingerprint)
            proposals += research.add_pending(db, proposed, reporter.name if reporter else "")
        merged += 1
    return Merge(merged, new, tuple(sorted(waiting)), tuple(refused), tuple(incomplete), proposals)


def _new_research(db: sqlite_utils.Database, keyed: list[tuple[str, str, str, str]]) -> list[str]:
    """Payloads of the research proposals in this batch not merged before (a replay adds none)."""
    wanted = {eid: p for eid, kind, _, p in keyed if kind == research.KIND}
    if not wanted:
        return []
    have = store.known_events(db, list(wanted))
    return [payload for eid, payload in wanted.items() if eid not in have]
