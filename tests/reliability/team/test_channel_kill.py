"""kill -9 while marketing's `enabler sync` merges field reports: the library stays consistent
(every merged batch has exactly its events, nothing half-applied) and the next sync resumes."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from enabler.domain.profile import make_profile
from enabler.services.channel import reports, sync
from enabler.services.channel.transport import Channel, Location
from enabler.services.packs import keys
from enabler.store import users
from enabler.store.connection.db import open_db, transaction
from enabler.store.team import channel as store

ROOT = Path(__file__).resolve().parents[3]
BATCHES, EVENTS = 60, 400
LENA = make_profile("Lena Brandt", "marketing")
START_TIMEOUT_S = 120


def fill_channel(root: Path, db) -> None:
    """Four trusted reporters, BATCHES batches in all, EVENTS distinct events each."""
    channel = Channel(Location(str(root)))
    channel.ensure()
    reporter_keys = [Ed25519PrivateKey.generate() for _ in range(4)]
    with transaction(db):
        for key in reporter_keys:
            fp = keys.fingerprint(key.public_key())
            store.add_pending(db, fp, fp[:6], keys.public_pem(key.public_key()))
            store.set_status(db, fp, "trusted")
    for b in range(BATCHES):
        key = reporter_keys[b % 4]
        items = [
            {"id": f"{b:04d}-{i:05d}", "kind": "rating", "at": "2026-12-01", "data": {"r": i}}
            for i in range(EVENTS)
        ]
        name = f"{keys.fingerprint(key.public_key())}-20261201T000000Z-{b:08x}.json"
        channel.write("reports", name, reports.seal_batch(key, "rep", items))


def consistent(db_path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        events = conn.execute("SELECT count(*) FROM field_events").fetchone()[0]
        (recorded, batches) = conn.execute(
            "SELECT coalesce(sum(events), 0), count(*) FROM channel_batches"
        ).fetchone()
        assert events == recorded  # no batch without its events, no events without a batch
        return events, batches
    finally:
        conn.close()


class DescribeKillDuringSync:
    def it_leaves_whole_batches_only_and_the_next_sync_resumes(self, tmp_path):
        db_path = tmp_path / "hq.db"
        db = open_db(db_path)
        with transaction(db):
            users.put_profile(db, LENA)
        sync.set_channel(db, str(tmp_path / "channel"))
        fill_channel(tmp_path / "channel", db)
        db.conn.close()

        child = subprocess.Popen(
            [sys.executable, "-m", "enabler", "sync", "--db", str(db_path)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        watcher = sqlite3.connect(db_path, timeout=30)
        deadline = time.monotonic() + START_TIMEOUT_S
        try:
            while time.monotonic() < deadline and child.poll() is None:
                merged = watcher.execute("SELECT count(*) FROM channel_batches").fetchone()[0]
                if merged >= 3:  # mid-merge: some batches in, most still to come
                    break
                time.sleep(0.005)
        finally:
            child.send_signal(signal.SIGKILL)
            child.communicate(timeout=START_TIMEOUT_S)
            watcher.close()

        events, batches = consistent(db_path)
        assert batches < BATCHES, "the sync finished before the kill; make the channel bigger"
        assert events == batches * EVENTS

        db = open_db(db_path)
        result = sync.sync(db, LENA)
        assert result.merge.merged_batches == BATCHES - batches
        assert consistent(db_path) == (BATCHES * EVENTS, BATCHES)
