"""Benchmark: marketing merging the team channel's field reports.

Writes, in a temporary folder channel, one signed batch of `--events` field events for each of
`--reporters` trusted reporters, then measures in this process:
- the merge (`reports.merge`: list, read, verify each signature, insert by event id, one
  transaction per batch): wall time, and peak Python memory (tracemalloc, in a second run on a
  fresh library so tracing does not skew the time);
- a baseline on the same files in the same run: read each file, parse its JSON and insert the
  same rows with `executemany`, no signature check (the floor the merge can approach);
- a sync of the unchanged channel afterwards: listing only, no file is read. Target: < 1 s;
- the team figures the Insights page and `enabler report` show (`team.team_figures`) against a
  bare read of every merged payload (SELECT + json.loads), in the same process.

Run: `.venv/bin/python bench/team.py [--reporters 200] [--events 1000]`.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402

from enabler.services.channel import reports  # noqa: E402
from enabler.services.channel.team import team_figures  # noqa: E402
from enabler.services.channel.transport import Channel, Location  # noqa: E402
from enabler.services.packs import keys  # noqa: E402
from enabler.store.connection.db import open_db, transaction  # noqa: E402
from enabler.store.team import channel as store  # noqa: E402

_KINDS = ("deck", "rating", "outcome", "objection")


def events_for(reporter: int, n: int) -> list[dict]:
    out = []
    for i in range(n):
        kind = _KINDS[i % 4]
        data = {"module": f"module-{i % 40}", "version": 1 + i % 3, "rating": 1 + i % 5}
        data |= {"industry": "Healthcare", "stage": "decision", "company": f"Co {reporter}-{i}"}
        out.append({"id": f"{reporter:04d}{i:08d}", "kind": kind, "at": "2026-12-01", "data": data})
    return out


def write_channel(root: Path, reporters: int, n: int) -> list[tuple[str, str, str]]:
    """One batch per reporter; returns (fingerprint, name, public PEM) of each reporter."""
    channel = Channel(Location(str(root)))
    channel.ensure()
    who = []
    for r in range(reporters):
        key = Ed25519PrivateKey.generate()
        fingerprint = keys.fingerprint(key.public_key())
        data = reports.seal_batch(key, f"Rep {r}", events_for(r, n))
        channel.write(reports.FOLDER, f"{fingerprint}-20261201T000000Z-{r:08x}.json", data)
        who.append((fingerprint, f"Rep {r}", keys.public_pem(key.public_key())))
    return who


def marketing_library(path: Path, who):
    db = open_db(path)
    with transaction(db):
        for fingerprint, name, pem in who:
            store.add_pending(db, fingerprint, name, pem)
            store.set_status(db, fingerprint, "trusted")
    return db


def baseline(db, root: Path) -> int:
    """Read, parse and insert the same events, without signatures or bookkeeping."""
    db.execute("CREATE TABLE plain (id TEXT PRIMARY KEY, kind TEXT, at TEXT, payload TEXT)")
    total = 0
    for path in sorted((root / "reports").glob("*.json")):
        body = json.loads(json.loads(path.read_bytes())["body"])
        rows = [(e["id"], e["kind"], e["at"], json.dumps(e["data"])) for e in body["events"]]
        with transaction(db):
            db.conn.executemany("INSERT OR IGNORE INTO plain VALUES (?, ?, ?, ?)", rows)
        total += len(rows)
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reporters", type=int, default=200)
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enabler-bench-team-") as tmp:
        tmp = Path(tmp)
        root = tmp / "channel"
        t = time.perf_counter()
        who = write_channel(root, args.reporters, args.events)
        print(
            f"wrote {args.reporters} batches x {args.events} events in "
            f"{time.perf_counter() - t:.1f} s"
        )
        channel = Channel(Location(str(root)))

        db = marketing_library(tmp / "merge.db", who)
        t = time.perf_counter()
        merged = reports.merge(db, channel)
        merge_s = time.perf_counter() - t
        assert merged.new_events == args.reporters * args.events, merged

        base_db = marketing_library(tmp / "base.db", who)
        t = time.perf_counter()
        rows = baseline(base_db, root)
        base_s = time.perf_counter() - t
        assert rows == merged.new_events

        traced = marketing_library(tmp / "traced.db", who)
        tracemalloc.start()
        reports.merge(traced, channel)
        peak_mb = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()

        reads = 0
        original = channel.read

        def counting_read(folder, name):
            nonlocal reads
            reads += 1
            return original(folder, name)

        t = time.perf_counter()
        figures = team_figures(db)
        team_s = time.perf_counter() - t
        assert figures.contributors == args.reporters
        t = time.perf_counter()
        bare = [json.loads(p) for (p,) in db.execute("SELECT payload FROM field_events")]
        bare_s = time.perf_counter() - t
        assert len(bare) == merged.new_events

        channel.read = counting_read
        t = time.perf_counter()
        again = reports.merge(db, channel)
        unchanged_s = time.perf_counter() - t
        assert again.merged_batches == 0 and reads == 0

    per_s = merged.new_events / merge_s
    print(f"merge     {merged.new_events:,} events  {merge_s:6.2f} s  ({per_s:,.0f} events/s)")
    print(f"baseline  {rows:,} events  {base_s:6.2f} s  (parse + executemany, no signatures)")
    print(f"  ratio   {merge_s / base_s:.2f}×")
    print(f"peak Python memory during the merge  {peak_mb:.0f} MB")
    print(
        f"unchanged channel, {args.reporters} reporters: {unchanged_s * 1000:.0f} ms, "
        f"{reads} files read"
    )
    print(
        f"team figures over {merged.new_events:,} events  {team_s:6.2f} s  "
        f"(bare payload read {bare_s:.2f} s, ratio {team_s / bare_s:.2f}×)"
    )
    print(f"BENCH team merge ratio={merge_s / base_s:.2f} target<=3")
    print(f"BENCH team unchanged sync ms={unchanged_s * 1000:.0f} target<1000")


if __name__ == "__main__":
    main()
