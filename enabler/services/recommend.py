"""Recommend library modules for a prospect, with reasons; edit the weights behind them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sqlite_utils

from enabler.domain.deck.storyline import DEFAULT_TOP, select_for_deck
from enabler.domain.modules import Module
from enabler.domain.prospects import Prospect, ReviewState
from enabler.domain.recommend.index import LibraryIndex
from enabler.domain.recommend.score import Recommendation
from enabler.domain.recommend.signals import ProspectSignals, signals_for
from enabler.domain.recommend.weights import (
    DESCRIPTIONS,
    Factor,
    Weights,
    parse_factor,
    parse_weight,
)
from enabler.domain.refs import ProspectRef
from enabler.services.feedback import ratings as feedback
from enabler.services.insights import stale_after_days
from enabler.store import insights as insight_store
from enabler.store import prospects as prospect_store
from enabler.store import recommend as recommend_store
from enabler.store.connection.db import transaction

# Where average rep ratings come from: each `(db) -> {module_id: average 1..5}`. The feedback
# feature adds one line; later sources win for a module rated by several.
RatingSource = Callable[[sqlite_utils.Database], Mapping[int, float]]
RATING_SOURCES: tuple[RatingSource, ...] = (feedback.module_ratings,)

DEFAULT_LIMIT = 20


@dataclass(frozen=True, slots=True)
class WeightSetting:
    factor: Factor
    weight: float
    default: float
    description: str

    @property
    def edited(self) -> bool:
        return self.weight != self.default


@dataclass(frozen=True, slots=True)
class RecommendationReport:
    prospect: Prospect
    results: tuple[Recommendation, ...]
    weights: Weights
    today: dt.date
    library_size: int  # approved modules considered


def load_weights(db: sqlite_utils.Database) -> Weights:
    return Weights.with_overrides(recommend_store.weight_overrides(db))


def weight_settings(db: sqlite_utils.Database) -> list[WeightSetting]:
    current, default = load_weights(db), Weights()
    return [WeightSetting(f, current.of(f), default.of(f), DESCRIPTIONS[f]) for f in Factor]


def set_weight(
    db: sqlite_utils.Database, factor: str, weight: str | float, actor: str = ""
) -> WeightSetting:
    """Change one factor's weight (recorded in the audit log)."""
    f = parse_factor(factor)
    value = parse_weight(str(weight))
    with transaction(db):
        recommend_store.set_weight(db, f, value, load_weights(db).of(f), actor)
    return next(s for s in weight_settings(db) if s.factor is f)


def reset_weights(
    db: sqlite_utils.Database, factor: str | None = None, actor: str = ""
) -> list[WeightSetting]:
    """Back to the default weight for one factor, or for all."""
    factors = [parse_factor(factor)] if factor else list(Factor)
    with transaction(db):
        current = load_weights(db)
        edited = recommend_store.weight_overrides(db)
        for f in factors:
            if f.value in edited:
                recommend_store.set_weight(db, f, None, current.of(f), actor)
    return weight_settings(db)


def ratings(db: sqlite_utils.Database) -> dict[int, float]:
    merged: dict[int, float] = {}
    for source in RATING_SOURCES:
        merged.update(source(db))
    return merged


class Recommender:
    """Keeps the library index between calls (the app holds one); rebuilt when modules change."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self._index: LibraryIndex | None = None
        self._stamp: tuple | None = None
        self._seen: tuple | None = None

    def index(self) -> LibraryIndex:
        # Cheap check first: has anything at all been written since we last looked? Only
        # then read the modules' stamp (a table scan), and rebuild if modules changed.
        seen = recommend_store.write_marker(self.db)
        if self._index is not None and seen == self._seen:
            return self._index
        stamp = recommend_store.library_stamp(self.db)
        if self._index is None or stamp != self._stamp:
            self._index = LibraryIndex(recommend_store.approved_facts(self.db))
            self._stamp = stamp
        self._seen = seen
        return self._index

    def signals(
        self, prospect: Prospect, today: dt.date, index: LibraryIndex | None = None
    ) -> ProspectSignals:
        contacts = prospect_store.contacts(self.db, prospect.id)
        personas = {c.persona for c in contacts if c.persona}
        research = [
            r
            for r in insight_store.segment_research(
                self.db, ReviewState.APPROVED, prospect.industry
            )
            if r.applies_to(prospect.industry, personas)
        ]
        return signals_for(
            prospect,
            contacts,
            [*insight_store.insights(self.db, prospect.id), *research],
            today=today,
            stale_after_days=stale_after_days(self.db),
            known_competitors=(index or self.index()).competitor_names,
        )

    def recommend(
        self,
        prospect_ref: ProspectRef,
        limit: int | None = DEFAULT_LIMIT,
        today: dt.date | None = None,
        ratings_by_module: Mapping[int, float] | None = None,
        stage_only: bool = False,
    ) -> RecommendationReport:
        """Approved modules for a prospect, best first, each with its score and reasons."""
        if limit is not None and limit < 1:
            limit = 1
        today = today or dt.date.today()
        prospect = prospect_store.find(self.db, prospect_ref)
        index = self.index()
        weights = load_weights(self.db)
        given = ratings(self.db) if ratings_by_module is None else ratings_by_module
        results = index.rank(
            self.signals(prospect, today, index), weights, today, given, limit, stage_only
        )
        return RecommendationReport(prospect, tuple(results), weights, today, len(index))


def recommend(
    db: sqlite_utils.Database,
    prospect_ref: ProspectRef,
    limit: int | None = DEFAULT_LIMIT,
    today: dt.date | None = None,
    ratings_by_module: Mapping[int, float] | None = None,
) -> RecommendationReport:
    return Recommender(db).recommend(prospect_ref, limit, today, ratings_by_module)


def deck_selection(
    db: sqlite_utils.Database, prospect: Prospect, top: int = DEFAULT_TOP
) -> list[Module]:
    """The automatic deck: the best `top` modules made for the prospect's stage, in story
    order (opening, problem, solution, proof, ROI, next steps)."""
    report = Recommender(db).recommend(ProspectRef.by_id(prospect.id), limit=None, stage_only=True)
    return select_for_deck(report.results, max(1, top))


def as_dict(rec: Recommendation) -> dict:
    """JSON-ready form of one recommendation."""
    return {
        "module_id": rec.module.id,
        "key": rec.module.key,
        "title": rec.module.title,
        "score": round(rec.score, 2),
        "stage_fit": rec.stage_fit.value,
        "reasons": [
            {"factor": r.factor.value, "points": round(r.points, 2), "text": r.text}
            for r in rec.reasons
        ],
    }
