"""Benchmark: library search (FTS5 + facets, ranked, with snippets) versus a plain LIKE scan.

Generates 10,000 modules with realistic text (titles, bullets, quotes, talking points, tags,
stages, industries, personas, competitors, mixed states), then runs the same 1,000 mixed
queries (single words, several words, phrases, prefixes, OR, exclusions, with and without
facets, and facet-only browsing) through `enabler.store.search.search` and through a LIKE scan
over the same columns with the same facets. Prints p50/p95 of both, in one process.
Target: FTS p95 < 30 ms.

Run: `make bench` or `.venv/bin/python bench/search.py [--modules N] [--queries N]`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enabler.domain.search_query import parse
from enabler.store.connection.db import open_db, transaction
from enabler.store.search import SearchFilters, search

STAGES = ["awareness", "consideration", "decision", "post_sale"]
INDUSTRIES = ["Healthcare", "Financial Services", "Manufacturing", "Retail", "Insurance"]
PERSONAS = ["CFO", "CIO", "VP Operations", "Compliance Officer", "Head of Claims"]
COMPETITORS = ["Arcline", "FlowStack", "Paperbridge"]
OWNERS = ["Lena Brandt", "Tomás Reyes", "Hannah Cole", "Owen Park"]
STATES = ["approved"] * 6 + ["draft", "in_review", "retired"]


def words(text: str) -> list[str]:
    return list(dict.fromkeys(text.split()))


DOMAIN = words(
    "claims invoices onboarding kyc compliance audit denials intake extraction workflow "
    "automation approval routing exceptions review accuracy throughput backlog payer provider "
    "supplier purchase order reconciliation ledger fraud sanctions screening policy underwriting "
    "renewal adjuster examiner regulator evidence retention security encryption integration "
    "api connector dashboard roi payback savings headcount overtime cycle time accuracy quality "
    "customer experience onboarding handoff escalation scanning fax email portal signature"
)
FILLER = words(
    "the a our your teams with without every faster fewer more less before after during "
    "manual automated real measurable proven secure simple complete clear quarterly monthly"
)


SYLLABLES = words("ka lo mi ne ru sa ti vo ze pa da fi gu ho ja be ro tu")


class Vocabulary:
    """Words with Zipf frequencies, as in real text: a few common, a long tail of rare ones.

    The domain words take common ranks (5, 10, … 300), the rest are made-up words (product,
    customer and industry terms); the filler words stand for the stop words of prose.
    """

    def __init__(self, rng: random.Random, size: int = 4000) -> None:
        pseudo: set[str] = set()
        while len(pseudo) < size - len(DOMAIN):
            pseudo.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
        self.words = sorted(pseudo)
        rng.shuffle(self.words)
        for i, word in enumerate(DOMAIN):
            self.words.insert(5 + 5 * i, word)
        self.cum = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(self.words))))

    def draw(self, rng: random.Random, k: int = 1) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)

    def sentence(self, rng: random.Random, n: int) -> str:
        content = iter(self.draw(rng, n))
        out = [rng.choice(FILLER) if rng.random() < 0.4 else next(content) for _ in range(n)]
        return " ".join(out).capitalize()


def generate(db, count: int, rng: random.Random, vocab: Vocabulary) -> None:
    """Insert `count` modules with one smart version each (the triggers index them)."""
    with transaction(db):
        for i in range(count):
            content = {
                "layout": "bullets",
                "title": vocab.sentence(rng, rng.randint(3, 7)),
                "bullets": [
                    vocab.sentence(rng, rng.randint(6, 14)) for _ in range(rng.randint(2, 5))
                ],
            }
            if rng.random() < 0.2:
                content["quote"] = vocab.sentence(rng, 15)
                content["attribution"] = f"{rng.choice(PERSONAS)}, {rng.choice(INDUSTRIES)}"
            now = "2026-11-01T00:00:00+00:00"
            module_id = db.execute(
                "INSERT INTO modules (key, title, state, owner, stages, industries, personas, "
                "competitors, tags, review_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    f"m{i:05d}",
                    content["title"],
                    rng.choice(STATES),
                    rng.choice(OWNERS),
                    json.dumps(rng.sample(STAGES, rng.randint(1, 2))),
                    json.dumps(rng.sample(INDUSTRIES, rng.choice([0, 0, 1, 2]))),
                    json.dumps(rng.sample(PERSONAS, rng.randint(1, 3))),
                    json.dumps(rng.sample(COMPETITORS, rng.choice([0, 0, 0, 1]))),
                    json.dumps(rng.sample(DOMAIN, rng.randint(1, 4))),
                    "2027-05-01",
                    now,
                    now,
                ],
            ).lastrowid
            version_id = db.execute(
                "INSERT INTO module_versions (module_id, number, kind, content, talking_points, "
                "created_at, created_by) VALUES (?, 1, 'smart', ?, ?, ?, 'bench')",
                [module_id, json.dumps(content), vocab.sentence(rng, rng.randint(10, 30)), now],
            ).lastrowid
            db.execute(
                "UPDATE modules SET current_version_id = ? WHERE id = ?", [version_id, module_id]
            )


def queries(count: int, rng: random.Random, vocab: Vocabulary) -> list[tuple[str, SearchFilters]]:
    """Users type the library's words: half domain words, half any of its 2,000 most common."""
    out = []
    for _ in range(count):
        kind = rng.random()
        a, b, c = (rng.choice(DOMAIN if rng.random() < 0.5 else vocab.words[:2000]) for _ in "abc")
        if kind < 0.30:
            text = a
        elif kind < 0.50:
            text = f"{a} {b}"
        elif kind < 0.60:
            text = f'"{a} {b}"'
        elif kind < 0.70:
            text = a[: max(3, len(a) - 3)] + "*"
        elif kind < 0.80:
            text = f"{a} OR {b}"
        elif kind < 0.88:
            text = f"{a} -{c}"
        elif kind < 0.93:
            text = rng.choice(vocab.words[1000:])  # a rare word
        else:
            text = ""  # facet-only browsing
        facets = {}
        if rng.random() < 0.6 or not text:
            facets["state"] = "approved"
        if rng.random() < 0.4:
            facets["stage"] = rng.choice(STAGES)
        if rng.random() < 0.25:
            facets["industry"] = rng.choice(INDUSTRIES)
        if rng.random() < 0.15:
            facets["persona"] = rng.choice(PERSONAS)
        if rng.random() < 0.05:
            facets["competitor"] = rng.choice(COMPETITORS)
        if rng.random() < 0.05:
            facets["owner"] = rng.choice(OWNERS)
        out.append((text, SearchFilters(**facets)))
    return out


def facet_where(filters: SearchFilters) -> tuple[list[str], list]:
    """The facets as plain SQL over the JSON columns (what a LIKE-based search would do)."""
    where, args = [], []
    for name, column in (
        ("stage", "stages"),
        ("persona", "personas"),
        ("competitor", "competitors"),
    ):
        if getattr(filters, name):
            where.append(f"EXISTS (SELECT 1 FROM json_each(m.{column}) WHERE value = ?)")
            args.append(getattr(filters, name))
    if filters.industry:
        where.append(
            "(m.industries = '[]' OR EXISTS (SELECT 1 FROM json_each(m.industries) "
            "WHERE value = ?))"
        )
        args.append(filters.industry)
    for name, column in (("kind", "v.kind"), ("state", "m.state"), ("owner", "m.owner")):
        if getattr(filters, name):
            where.append(f"{column} = ?")
            args.append(getattr(filters, name))
    return where, args


def like_scan(db, text: str, filters: SearchFilters, limit: int = 20):
    """The obvious alternative: LIKE over the same columns, same facets, first page + total."""
    where, args = facet_where(filters)
    parsed = parse(text)
    terms = [t.text for group in parsed.alternatives for t in group] if parsed else []
    for term in terms[:3]:
        where.append(
            "(m.title LIKE ? OR v.content LIKE ? OR v.talking_points LIKE ? OR m.tags LIKE ?)"
        )
        args += [f"%{term}%"] * 4
    sql = (
        "SELECT COUNT(*) OVER (), m.id, m.key, m.title FROM modules m "
        "LEFT JOIN module_versions v ON v.id = m.current_version_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY m.title LIMIT ?"
    )
    return db.execute(sql, [*args, limit]).fetchall()


def timed(fn, items) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds per query (CPU shows the work on a busy machine)."""
    wall, cpu = [], []
    for text, filters in items:
        start, start_cpu = time.perf_counter(), time.process_time()
        fn(text, filters)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=1_000)
    args = parser.parse_args()
    rng = random.Random(20261123)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        start = time.perf_counter()
        vocab = Vocabulary(rng)
        generate(db, args.modules, rng, vocab)
        print(f"generated {args.modules:,} modules in {time.perf_counter() - start:.1f} s")
        items = queries(args.queries, rng, vocab)
        for text, filters in items[:50]:  # warm the page cache for both
            search(db, text, filters)
            like_scan(db, text, filters)
        hits = sum(search(db, t, f).total > 0 for t, f in items)
        fts, fts_cpu = timed(lambda t, f: search(db, t, f), items)
        like, like_cpu = timed(lambda t, f: like_scan(db, t, f), items)
        print(f"{args.queries:,} mixed queries ({hits} with results)")
        for name, wall, cpu in (("FTS5 search", fts, fts_cpu), ("LIKE scan", like, like_cpu)):
            print(
                f"{name:<12} p50 {percentile(wall, 50):6.2f} ms   "
                f"p95 {percentile(wall, 95):6.2f} ms   max {max(wall):6.2f} ms   "
                f"(CPU p50 {percentile(cpu, 50):5.2f}, p95 {percentile(cpu, 95):5.2f} ms)"
            )
        p95 = percentile(fts, 95)
        verdict = "OK" if p95 < 30 else "ABOVE TARGET"
        print(
            f"p95 target < 30 ms: {verdict}; "
            f"LIKE p95 / FTS p95 = {percentile(like, 95) / p95:.1f}x, "
            f"p50 ratio {percentile(like, 50) / percentile(fts, 50):.1f}x"
        )


if __name__ == "__main__":
    main()
