"""Benchmark: one recommendation over a 10,000-module library, for 1,000 prospects.

The library and prospects are generated (seeded, so every run sees the same data) into a
SQLite file and read back through the services, as `enabler recommend` does. Measured:

- indexed: `Recommender.recommend` with its index warm — loading the prospect, committee and
  insights from SQLite, building the signals, scoring every module through the index and
  writing the reasons of the top 20. Target: p95 < 30 ms.
- baseline: the same rules in plain Python without indexes (`rank_plain`: `score_module` for
  every module in turn, module keywords precomputed), on the same signals, for a sample.
Both run in one process; the ratio of medians is printed. Index building is timed once.

Run: `make bench` or `.venv/bin/python bench/recommend.py [--modules N] [--prospects N]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enabler.domain.modules import ModuleState, SmartContent, SmartLayout, Stage
from enabler.domain.prospects import Contact, Insight, InsightKind, Prospect
from enabler.domain.recommend.score import rank_plain
from enabler.services.recommend import Recommender, load_weights
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db, transaction

TODAY = dt.date(2026, 11, 23)
INDUSTRIES = [
    "Healthcare", "Financial Services", "Manufacturing", "Retail", "Insurance", "Logistics",
    "Energy", "Public Sector", "Education", "Telecom", "Pharma", "Hospitality",
]  # fmt: skip
PERSONAS = ["CFO", "CIO", "COO", "VP Operations", "Compliance Officer", "CTO", "CHRO", "CMO"]
COMPETITORS = [f"Rival{i:02d}" for i in range(15)]
SYLLABLES = ["ka", "lo", "mi", "nu", "pe", "ra", "si", "to", "vu", "wa", "xe", "yo", "za", "be"]


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + "x")
    return sorted(words)


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    return " ".join(rng.choice(words) for _ in range(n))


def make_library(db, rng: random.Random, words: list[str], modules: int, prospects: int) -> None:
    layouts = [SmartLayout.BULLETS, SmartLayout.QUOTE, SmartLayout.BIG_NUMBER, SmartLayout.TABLE]
    with transaction(db):
        for i in range(modules):
            generic = rng.random() < 0.6
            module_store.create_smart(
                db,
                key=f"m{i:05d}",
                content=SmartContent(
                    rng.choice(layouts),
                    sentence(rng, words, 5),
                    bullets=tuple(sentence(rng, words, 8) for _ in range(3)),
                ),
                owner="Marketing",
                stages=tuple(rng.sample(list(Stage), rng.randint(1, 2))),
                industries=() if generic else (rng.choice(INDUSTRIES),),
                personas=tuple(rng.sample(PERSONAS, rng.randint(1, 4))),
                competitors=(rng.choice(COMPETITORS),) if rng.random() < 0.1 else (),
                tags=tuple(rng.sample(["proof", "roi", "section", "demo", "closing"], 1)),
                talking_points=sentence(rng, words, 12),
                state=ModuleState.APPROVED,
                review_by=(TODAY + dt.timedelta(days=rng.randint(-300, 400))).isoformat(),
            )
        for i in range(prospects):
            p = prospect_store.create(
                db,
                Prospect(
                    0,
                    f"Prospect {i:04d}",
                    industry=rng.choice(INDUSTRIES),
                    stage=rng.choice(list(Stage)),
                    pains=tuple(sentence(rng, words, 6) for _ in range(3)),
                    goals=tuple(sentence(rng, words, 6) for _ in range(2)),
                    competitors=tuple(rng.sample(COMPETITORS, rng.randint(0, 2))),
                ),
            )
            for j, persona in enumerate(rng.sample(PERSONAS, 4)):
                prospect_store.add_contact(
                    db,
                    Contact(0, p.id, f"Person {j}", persona=persona,
                            influence=rng.choice(["high", "medium", "low"])),
                )  # fmt: skip
            for _ in range(6):
                prospect_store.add_insight(
                    db,
                    Insight(0, p.id, rng.choice(list(InsightKind)), sentence(rng, words, 12),
                            date=TODAY - dt.timedelta(days=rng.randint(0, 200))),
                )  # fmt: skip


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--modules", type=int, default=10_000)
    ap.add_argument("--prospects", type=int, default=1_000)
    ap.add_argument("--baseline-sample", type=int, default=50)
    args = ap.parse_args()
    rng = random.Random(20261123)
    words = vocabulary(rng)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        make_library(db, rng, words, args.modules, args.prospects)
        print(f"generated {args.modules} modules, {args.prospects} prospects "
              f"in {time.perf_counter() - t0:.1f} s")  # fmt: skip
        recommender = Recommender(db)
        t0 = time.perf_counter()
        index = recommender.index()
        print(f"index build (read + keywords + arrays): {time.perf_counter() - t0:.2f} s")
        ids = [p.id for p in prospect_store.list_prospects(db)]
        indexed = []
        for pid in ids:
            t0 = time.perf_counter()
            recommender.recommend(pid, limit=20, today=TODAY)
            indexed.append((time.perf_counter() - t0) * 1000)
        weights = load_weights(db)
        plain = []
        for pid in rng.sample(ids, min(args.baseline_sample, len(ids))):
            signals = recommender.signals(prospect_store.get(db, pid), TODAY)
            t0 = time.perf_counter()
            rank_plain(signals, index.facts, weights, TODAY, limit=20)
            plain.append((time.perf_counter() - t0) * 1000)
    p50, p95 = pct(indexed, 50), pct(indexed, 95)
    b50, b95 = pct(plain, 50), pct(plain, 95)
    print(f"indexed  (service, {len(indexed)} prospects): p50 {p50:.1f} ms  p95 {p95:.1f} ms")
    print(f"baseline (plain Python, no index, {len(plain)} prospects): "
          f"p50 {b50:.1f} ms  p95 {b95:.1f} ms")  # fmt: skip
    print(f"baseline / indexed (medians): {b50 / p50:.1f}×; target p95 < 30 ms: "
          f"{'met' if p95 < 30 else 'NOT met'}")  # fmt: skip


if __name__ == "__main__":
    main()
