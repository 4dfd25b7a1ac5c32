"""Team figures from merged field reports: who contributed, how fresh, what the field says."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

import sqlite_utils

from enabler.services.channel.reporters import ReporterView, list_reporters


@dataclass(frozen=True, slots=True)
class TeamFigures:
    reporters: tuple[ReporterView, ...]  # trusted reporters with at least one merged event
    events_by_kind: dict[str, int]
    decks_by_rep: dict[str, int]
    outcomes: dict[str, int]  # won / lost / no_decision
    objections_by_category: dict[str, int]

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
        }


def team_figures(db: sqlite_utils.Database) -> TeamFigures:
    """Figures over the events of trusted reporters (a revoked reporter's no longer count)."""
    names = {}
    contributors = []
    for r in list_reporters(db):
        if r.status != "trusted":
            continue
        names[r.fingerprint] = r.name or r.fingerprint[:16]
        if r.events:
            contributors.append(r)
    kinds: Counter[str] = Counter()
    decks: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    objections: Counter[str] = Counter()
    for reporter, kind, payload in db.execute(
        "SELECT reporter, kind, payload FROM field_events"
    ).fetchall():
        if reporter not in names:
            continue
        kinds[kind] += 1
        if kind == "deck":
            decks[names.get(reporter, reporter[:16])] += 1
        elif kind == "outcome":
            outcomes[str(json.loads(payload).get("result"))] += 1
        elif kind == "objection":
            objections[str(json.loads(payload).get("category") or "other")] += 1
    return TeamFigures(
        tuple(contributors), dict(kinds), dict(decks), dict(outcomes), dict(objections)
    )
