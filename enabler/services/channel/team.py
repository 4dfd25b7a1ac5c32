"""Team figures from merged field reports: who contributed, how fresh, what the field says.

Only trusted reporters count (a revoked reporter's events no longer do). An event's month is
the earlier of when it says it happened and when it was merged, so a rep whose clock runs
ahead never puts objections in a month that has not come yet.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import sqlite_utils

from enabler.services.channel.reporters import ReporterView, list_reporters

TREND_MONTHS = 6


@dataclass(frozen=True, slots=True)
class RepFigures:
    """One trusted reporter, by its profile name: what it built and how its deals ended."""

    name: str
    reporter: ReporterView
    decks: int
    won: int
    lost: int
    objections: int

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None

    def to_dict(self) -> dict:
        rate = self.win_rate
        return {
            "name": self.name,
            "decks": self.decks,
            "won": self.won,
            "lost": self.lost,
            "win_rate": None if rate is None else round(rate, 4),
            "objections": self.objections,
            "events": self.reporter.events,
            "age_days": self.reporter.to_dict()["age_days"],
        }


@dataclass(frozen=True, slots=True)
class TeamFigures:
    reporters: tuple[ReporterView, ...]  # trusted reporters with at least one merged event
    events_by_kind: dict[str, int]
    decks_by_rep: dict[str, int]
    outcomes: dict[str, int]  # won / lost / no_decision
    objections_by_category: dict[str, int]
    reps: tuple[RepFigures, ...] = ()  # busiest first
    objection_trend: dict[str, dict[str, int]] | None = None  # "YYYY-MM" → category → raised

    @property
    def contributors(self) -> int:
        return len(self.reporters)

    @property
    def win_rate(self) -> float | None:
        closed = self.outcomes.get("won", 0) + self.outcomes.get("lost", 0)
        return self.outcomes.get("won", 0) / closed if closed else None

    def to_dict(self) -> dict:
        return {
            "contributors": self.contributors,
            "reporters": [r.to_dict() for r in self.reporters],
            "events_by_kind": self.events_by_kind,
            "decks_by_rep": self.decks_by_rep,
            "outcomes": self.outcomes,
            "win_rate": None if self.win_rate is None else round(self.win_rate, 4),
            "objections_by_category": self.objections_by_category,
            "reps": [r.to_dict() for r in self.reps],
            "objection_trend": self.objection_trend or {},
        }


def _month(at: str, merged_at: str) -> str:
    """'YYYY-MM' of the earlier of the two ISO times (text order is time order here)."""
    candidates = [t for t in (at[:7], merged_at[:7]) if len(t) == 7 and t[4] == "-"]
    return min(candidates) if candidates else "unknown"


def team_figures(db: sqlite_utils.Database) -> TeamFigures:
    """Figures over the events of trusted reporters (a revoked reporter's no longer count)."""
    names: dict[str, str] = {}
    views: dict[str, ReporterView] = {}
    for r in list_reporters(db):
        if r.status != "trusted":
            continue
        names[r.fingerprint] = r.name or r.fingerprint[:16]
        views[r.fingerprint] = r
    kinds: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    objections: Counter[str] = Counter()
    per_rep: dict[str, Counter[str]] = {fp: Counter() for fp in names}
    trend: dict[str, Counter[str]] = {}
    for reporter, kind, at, merged_at, payload in db.execute(
        "SELECT reporter, kind, at, merged_at, payload FROM field_events"
    ).fetchall():
        if reporter not in names:
            continue
        kinds[kind] += 1
        data = json.loads(payload)
        mine = per_rep[reporter]
        if kind == "deck":
            mine["decks"] += 1
        elif kind == "outcome":
            outcomes[str(data.get("result"))] += 1
            mine[str(data.get("result"))] += 1
        elif kind == "objection" and data.get("state") != "answered":
            category = str(data.get("category") or "other")
            objections[category] += 1
            mine["objections"] += 1
            trend.setdefault(_month(at, merged_at), Counter())[category] += 1
    reps = tuple(
        sorted(
            (
                RepFigures(names[fp], views[fp], c["decks"], c["won"], c["lost"], c["objections"])
                for fp, c in per_rep.items()
                if views[fp].events
            ),
            key=lambda r: (-r.decks, -r.reporter.events, r.name),
        )
    )
    months = sorted(trend)[-TREND_MONTHS:]
    return TeamFigures(
        tuple(views[fp] for fp in names if views[fp].events),
        dict(kinds),
        {r.name: r.decks for r in reps if r.decks},
        dict(outcomes),
        dict(objections.most_common()),
        reps,
        {m: dict(trend[m].most_common()) for m in months},
    )
