"""The insights report marketing reads: usage, win rates, ratings, flags, objections.

The same `InsightsReport` feeds `enabler report` (text or JSON), the CSV export and the app's
Insights page, so all three show the same numbers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain import feedback as fb
from enabler.export.atomic import write_atomic
from enabler.export.csv_safe import csv_bytes
from enabler.services.library.staleness import stale_modules
from enabler.services.objections.counts import Dimension, raised_counts
from enabler.services.output_guard import check_outputs
from enabler.store import feedback as store

OBJECTION_DIMENSIONS: tuple[Dimension, ...] = ("stage", "industry", "competitor", "objection")


@dataclass(frozen=True, slots=True)
class ModuleInsight:
    module_id: int
    key: str
    decks: int  # decks built with it
    ratings: int
    average: float | None
    flags: dict[str, int]
    win: fb.WinRate


@dataclass(frozen=True, slots=True)
class InsightsReport:
    modules: tuple[ModuleInsight, ...]  # win-rate claims first (see domain.feedback.win_rates)
    usage_by_stage: dict[str, dict[str, int]]  # stage → module key → decks
    usage_by_rep: dict[str, dict[str, int]]
    objections: dict[Dimension, dict[str, int]]  # dimension → value → times raised
    outcomes: dict[str, int]
    stale: tuple[str, ...]
    flagged: tuple[dict, ...]
    low_rated: tuple[str, ...]
    insights: tuple[str, ...]  # plain sentences both teams can act on
    min_sample: int

    @property
    def empty(self) -> bool:
        return not (self.modules or any(self.objections.values()) or sum(self.outcomes.values()))

    def to_dict(self) -> dict:
        return {
            "modules": [_module_dict(m) for m in self.modules],
            "usage_by_stage": self.usage_by_stage,
            "usage_by_rep": self.usage_by_rep,
            "objections": self.objections,
            "outcomes": self.outcomes,
            "stale": list(self.stale),
            "flagged": list(self.flagged),
            "low_rated": list(self.low_rated),
            "insights": list(self.insights),
            "min_sample": self.min_sample,
        }


def _pct(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _module_dict(m: ModuleInsight) -> dict:
    w = m.win
    iu, ir = w.interval_used, w.interval_rest
    return {
        "id": m.module_id,
        "key": m.key,
        "decks": m.decks,
        "ratings": m.ratings,
        "average_rating": None if m.average is None else round(m.average, 2),
        "open_flags": m.flags,
        "closed_decks_with": w.used,
        "won_with": w.used_won,
        "closed_decks_without": w.rest,
        "won_without": w.rest_won,
        "win_rate_with": _pct(w.rate_used),
        "interval_with": None if iu is None else [_pct(iu.low), _pct(iu.high)],
        "win_rate_without": _pct(w.rate_rest),
        "interval_without": None if ir is None else [_pct(ir.low), _pct(ir.high)],
        "verdict": w.verdict,
    }


def _keyed(counter, names: dict[int, str]) -> dict[str, int]:
    return dict(fb.top({names.get(mid, str(mid)): n for mid, n in counter.items()}, n=10**6))


def build_report(
    db: sqlite_utils.Database, *, min_sample: int = fb.MIN_SAMPLE, today: dt.date | None = None
) -> InsightsReport:
    names = store.module_names(db)
    decks = fb.distinct_decks(store.deck_uses(db))  # a rebuild of one plan is one deck
    outcomes = store.outcomes(db)
    summaries = fb.rating_summaries(store.rating_rows(db))
    used = fb.usage(decks)
    per_module = used["module"]["all"]
    ids = set(per_module) | set(summaries)
    wins = fb.win_rates(decks, outcomes, ids, min_sample)
    modules = tuple(
        ModuleInsight(
            w.module_id,
            names.get(w.module_id, str(w.module_id)),
            per_module.get(w.module_id, 0),
            summaries[w.module_id].count if w.module_id in summaries else 0,
            summaries[w.module_id].average if w.module_id in summaries else None,
            dict(summaries[w.module_id].flags) if w.module_id in summaries else {},
            w,
        )
        for w in wins
    )
    objections = {d: raised_counts(db, by=d) for d in OBJECTION_DIMENSIONS}
    result_counts = {o.value: 0 for o in fb.Outcome}
    for o in outcomes.values():
        result_counts[o.value] += 1
    report = InsightsReport(
        modules=modules,
        usage_by_stage={s: _keyed(c, names) for s, c in sorted(used["stage"].items())},
        usage_by_rep={r: _keyed(c, names) for r, c in sorted(used["rep"].items())},
        objections=objections,
        outcomes=result_counts,
        stale=tuple(s.status.key for s in stale_modules(db, today)),
        flagged=tuple(store.open_flags(db)),
        low_rated=tuple(names.get(s.module_id, "?") for s in fb.low_rated(summaries)),
        insights=(),
        min_sample=min_sample,
    )
    return _with_insights(report)


def _with_insights(r: InsightsReport) -> InsightsReport:
    lines = []
    for m in r.modules:
        w = m.win
        if w.verdict in ("better", "worse"):
            lines.append(
                f"Decks with {m.key} won {w.rate_used:.0%} of {w.used} closed deals vs "
                f"{w.rate_rest:.0%} of {w.rest} without it ({w.verdict})."
            )
    for dim in ("stage", "industry", "competitor"):
        best = fb.top(r.objections.get(dim, {}), 1)
        if best:
            lines.append(f"Most objections by {dim}: {best[0][0]} ({best[0][1]} raised).")
    top_objection = fb.top(r.objections.get("objection", {}), 1)
    if top_objection:
        lines.append(f"Most raised objection: {top_objection[0][0]} ({top_objection[0][1]}x).")
    if r.low_rated:
        lines.append(f"Low-rated by reps: {', '.join(r.low_rated)}.")
    if r.flagged:
        lines.append(f"{len(r.flagged)} open flag(s) from sales wait for marketing's review.")
    if r.stale:
        lines.append(f"{len(r.stale)} module(s) are past their review date.")
    if not any(m.win.enough for m in r.modules):
        lines.append(
            f"No win-rate claims yet: each needs {r.min_sample} closed decks with and "
            "without the module. Record the outcome (won or lost) of decks to get them."
        )
    return dataclasses.replace(r, insights=tuple(lines))


def csv_rows(report: InsightsReport) -> list[list[object]]:
    """Long format (section, item, metric, value): every number of the report, one per row."""
    rows: list[list[object]] = [["section", "item", "metric", "value"]]
    for m in _module_dicts(report):
        for metric, value in m.items():
            if metric in ("key", "id"):
                continue
            if isinstance(value, dict):
                rows += [["module", m["key"], f"{metric}.{k}", v] for k, v in value.items()]
            elif isinstance(value, list):
                rows += [
                    ["module", m["key"], f"{metric}.{e}", v]
                    for e, v in zip(("low", "high"), value, strict=True)
                ]
            else:
                rows.append(["module", m["key"], metric, "" if value is None else value])
    for section, table in (
        ("stage_usage", report.usage_by_stage),
        ("rep_usage", report.usage_by_rep),
    ):
        for who, counts in table.items():
            rows += [[section, who, key, n] for key, n in counts.items()]
    for dim, counts in report.objections.items():
        rows += [[f"objections_by_{dim}", value, "raised", n] for value, n in counts.items()]
    rows += [["outcomes", result, "deals", n] for result, n in report.outcomes.items()]
    rows += [["stale", key, "past_review", 1] for key in report.stale]
    rows += [["low_rated", key, "low_rated", 1] for key in report.low_rated]
    return rows


def _module_dicts(report: InsightsReport) -> list[dict]:
    return [_module_dict(m) for m in report.modules]


def export_csv(
    report: InsightsReport, path: Path | str, db: sqlite_utils.Database | None = None
) -> Path:
    """Write every number as CSV (cells neutralised against formula injection)."""
    check_outputs([path], db=db)
    data = csv_bytes(csv_rows(report))
    return write_atomic(path, lambda fh: fh.write(data))
