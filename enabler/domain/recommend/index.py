"""Indexed ranking: the rules of `recommend.score_module`, computed for the whole library at once.

The index is built once per library state: per-module arrays (stages, industry, review date)
and inverted lists (persona, competitor, keyword stem → module positions). A recommendation is
then a handful of vector operations instead of a Python loop over every module; only the
modules returned get their reasons, from `score_module` itself. Points are added in the same
order as `score_module` adds them, so the totals are identical to the last bit.

A small library (up to `PLAIN_UP_TO` approved modules, which covers most real ones) is ranked
module by module with `rank_plain` instead, and a one-shot process (`enabler build`) then never
imports numpy, whose import alone costs more than the whole ranking. Measured at 300 modules:
one ranking takes 2 ms one by one and 0.8 ms on the vectors, but building the arrays takes
6 ms and importing numpy tens of ms; at 1,200 modules the vectors rank 2.7× faster. The arrays
are built, and numpy imported, on first need.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from enabler.domain.modules import ModuleState, Stage
from enabler.domain.recommend.score import (
    INSIGHTS_COUNTED,
    STAGE_ORDER,
    ModuleFacts,
    Recommendation,
    StageFit,
    rank_plain,
    score_module,
)
from enabler.domain.recommend.signals import Clue, ProspectSignals
from enabler.domain.recommend.weights import Weights

if TYPE_CHECKING:
    import numpy as np

_NEVER = dt.date.max.toordinal()
PLAIN_UP_TO = 300  # approved modules ranked one by one (see the module docstring)


def _postings(table: dict[str, list[int]]) -> dict[str, np.ndarray]:
    import numpy as np

    return {k: np.fromiter(v, dtype=np.intp, count=len(v)) for k, v in table.items()}


class LibraryIndex:
    """Approved modules, sorted by key, with arrays and inverted lists for fast scoring.

    `plain_up_to`: rank a library of at most that many modules one by one (tests pass 0 to
    exercise the vectors on small libraries).
    """

    def __init__(self, library: Iterable[ModuleFacts], plain_up_to: int = PLAIN_UP_TO):
        facts = sorted(
            (f for f in library if f.module.state is ModuleState.APPROVED),
            key=lambda f: f.module.key,
        )
        self.facts: tuple[ModuleFacts, ...] = tuple(facts)
        self.plain = len(facts) <= plain_up_to
        names: dict[str, str] = {}
        for f in facts:
            for value in f.module.competitors:
                names.setdefault(value.casefold(), value)
        self.competitor_names = tuple(sorted(names.values(), key=str.casefold))
        if not self.plain:
            self._build_arrays()

    def _build_arrays(self) -> None:
        import numpy as np

        facts = self.facts
        n = len(facts)
        self.positions = {f.module.id: i for i, f in enumerate(facts)}
        self.has_stage = {s: np.zeros(n, dtype=bool) for s in Stage}
        self.no_stage = np.zeros(n, dtype=bool)
        self.generic = np.zeros(n, dtype=bool)
        self.specific = np.zeros(n, dtype=bool)  # about particular competitors
        self.review = np.full(n, _NEVER, dtype=np.int64)
        industries, personas, competitors, stems = (defaultdict(list) for _ in range(4))
        for i, f in enumerate(facts):
            m = f.module
            for s in m.stages:
                self.has_stage[s][i] = True
            self.no_stage[i] = not m.stages
            self.generic[i] = not m.industries
            self.specific[i] = bool(m.competitors)
            if m.review_by is not None:
                self.review[i] = m.review_by.toordinal()
            for value in {x.casefold() for x in m.industries}:
                industries[value].append(i)
            for value in {x.casefold() for x in m.personas}:
                personas[value].append(i)
            for value in {x.casefold() for x in m.competitors}:
                competitors[value].append(i)
            for stem in f.keywords:
                stems[stem].append(i)
        self.industries = _postings(industries)
        self.personas = _postings(personas)
        self.competitors = _postings(competitors)
        self.stems = _postings(stems)

    def __len__(self) -> int:
        return len(self.facts)

    def _clue_points(self, clue: Clue, weight: float) -> np.ndarray:
        import numpy as np

        shared = np.zeros(len(self), dtype=np.int64)
        for stem in clue.keywords:
            hits = self.stems.get(stem)
            if hits is not None:
                shared[hits] += 1
        return weight * np.minimum(shared, 2) / 2

    def scores(
        self,
        signals: ProspectSignals,
        weights: Weights,
        today: dt.date,
        ratings: Mapping[int, float] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(score, eligible, fits_stage) for every module, in index order."""
        import numpy as np

        if self.plain:  # arrays on first need
            self._build_arrays()
            self.plain = False
        n = len(self)
        eligible = self.generic.copy()
        hits = self.industries.get(signals.industry.casefold())
        if hits is not None:
            eligible[hits] = True
        playing = np.zeros(n, dtype=np.int64)
        for c in signals.competitors:
            hits = self.competitors.get(c.name.casefold())
            if hits is not None:
                playing[hits] += 1
        eligible &= ~self.specific | (playing > 0)

        here = STAGE_ORDER.index(signals.stage)
        exact = self.has_stage[signals.stage]
        near = np.zeros(n, dtype=bool)
        for j in (here - 1, here + 1):
            if 0 <= j < len(STAGE_ORDER):
                near |= self.has_stage[STAGE_ORDER[j]]
        total = np.where(
            exact,
            weights.stage,
            np.where(self.no_stage, weights.any_stage, np.where(near, weights.adjacent_stage, 0.0)),
        )
        total += np.where(self.generic, 0.0, weights.industry)
        share = np.zeros(n)
        for p in signals.personas:
            hits = self.personas.get(p.persona.casefold())
            if hits is not None:
                share[hits] += p.share
        total += weights.persona * share
        total += weights.competitor * playing
        for clue in signals.pains:
            total += self._clue_points(clue, weights.pain)
        for clue in signals.goals:
            total += self._clue_points(clue, weights.goal)
        if signals.insights:
            found = np.sort(
                np.stack([self._clue_points(c, weights.insight) for c in signals.insights]),
                axis=0,
            )[::-1]
            for row in found[:INSIGHTS_COUNTED]:
                total += row
        total += np.where(self.review < today.toordinal(), weights.review_overdue, 0.0)
        if ratings:
            rated = np.zeros(n)
            for module_id, value in ratings.items():
                i = self.positions.get(module_id)
                if i is not None:
                    rated[i] = weights.rating * (value - 3.0) / 2
            total += rated
        return total, eligible, exact | self.no_stage

    def rank(
        self,
        signals: ProspectSignals,
        weights: Weights,
        today: dt.date,
        ratings: Mapping[int, float] | None = None,
        limit: int | None = 20,
        stage_only: bool = False,
    ) -> list[Recommendation]:
        """The best `limit` modules (all when None), with reasons; `stage_only` keeps those
        made for the prospect's stage or for every stage."""
        if limit is not None and limit < 1:
            return []
        if self.plain:
            ranked = rank_plain(signals, self.facts, weights, today, ratings)
            if stage_only:
                ranked = [r for r in ranked if stage_fits(r)]
            return ranked if limit is None else ranked[:limit]
        import numpy as np

        total, eligible, fits = self.scores(signals, weights, today, ratings)
        keep = eligible & fits if stage_only else eligible
        candidates = np.flatnonzero(keep)
        if limit is not None and limit < len(candidates):
            # Only modules scoring at least the limit-th best can make the cut (ties included).
            worst = np.partition(-total[candidates], limit - 1)[limit - 1]
            candidates = candidates[-total[candidates] <= worst]
        # Position order is key order, so sorting by (-score, position) = (-score, key).
        order = candidates[np.lexsort((candidates, -total[candidates]))]
        if limit is not None:
            order = order[:limit]
        ratings = ratings or {}
        out = []
        for i in order:
            f = self.facts[i]
            rec = score_module(signals, f, weights, today, ratings.get(f.module.id))
            if rec is not None:  # always, unless the two paths disagree on eligibility
                out.append(rec)
        return out


def stage_fits(rec: Recommendation) -> bool:
    return rec.stage_fit in (StageFit.EXACT, StageFit.ANY)
