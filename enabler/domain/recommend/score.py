"""Explainable module recommendations: one score per module, every point with a reason (pure).

`score_module` is the rule book. `rank_plain` applies it to every module in turn; the indexed
ranking in `recommend_index` computes the same numbers in bulk and asks `score_module` for the
reasons of the modules it returns, so both always agree (a test checks it).
Scores are sums of factor points in one fixed order, so equal inputs give equal results.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.modules import Module, ModuleState, ModuleVersion, SmartLayout, Stage
from enabler.domain.recommend.keywords import keywords
from enabler.domain.recommend.signals import Clue, ProspectSignals
from enabler.domain.recommend.weights import Factor, Weights

STAGE_ORDER = tuple(Stage)
INSIGHTS_COUNTED = 3  # only the best few insight matches count: many notes ≠ better slide


class StageFit(StrEnum):
    EXACT = "exact"
    ANY = "any"  # the module has no stage
    ADJACENT = "adjacent"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class ModuleFacts:
    """A module with what matching needs from its current version, computed once."""

    module: Module
    layout: SmartLayout | None
    text: str
    keywords: frozenset[str]


@dataclass(frozen=True, slots=True)
class Reason:
    factor: Factor
    points: float
    text: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    module: Module
    score: float
    reasons: tuple[Reason, ...]
    stage_fit: StageFit
    layout: SmartLayout | None = None


def module_facts(module: Module, version: ModuleVersion | None) -> ModuleFacts:
    """Everything a module says: title, slide text, talking points and tags."""
    parts = [module.title, *(t.replace("-", " ") for t in module.tags)]
    layout = None
    if version is not None:
        if version.content is not None:
            layout = version.content.layout
            parts += version.content.texts()
        parts.append(version.talking_points)
    text = "\n".join(p for p in parts if p)
    return ModuleFacts(module, layout, text, keywords(text))


def stage_fit(module: Module, stage: Stage) -> StageFit:
    if not module.stages:
        return StageFit.ANY
    if stage in module.stages:
        return StageFit.EXACT
    here = STAGE_ORDER.index(stage)
    if any(abs(STAGE_ORDER.index(s) - here) == 1 for s in module.stages):
        return StageFit.ADJACENT
    return StageFit.NONE


def is_eligible(module: Module, signals: ProspectSignals) -> bool:
    """Approved, for their industry (or any), and not about a competitor who is not in play."""
    if module.state is not ModuleState.APPROVED or not module.fits_industry(signals.industry):
        return False
    in_play = {c.name.casefold() for c in signals.competitors}
    return not module.competitors or bool(in_play & {c.casefold() for c in module.competitors})


def clue_points(weight: float, shared: int) -> float:
    """Full weight for two or more shared words, half for one."""
    return weight * min(shared, 2) / 2


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _clue_reasons(factor, verb, clues: Iterable[Clue], facts: ModuleFacts, weight: float):
    out = []
    for clue in clues:
        shared = clue.keywords & facts.keywords
        if shared:
            words = ", ".join(clue.shared_words(facts.keywords))
            out.append(
                Reason(factor, clue_points(weight, len(shared)), f"{verb} {clue.label} ({words})")
            )
    return out


def score_module(
    signals: ProspectSignals,
    facts: ModuleFacts,
    weights: Weights,
    today: dt.date,
    rating: float | None = None,
) -> Recommendation | None:
    """Score one module for a prospect, or None when it does not belong in their deck."""
    m = facts.module
    if not is_eligible(m, signals):
        return None
    reasons: list[Reason] = []
    fit = stage_fit(m, signals.stage)
    stage = signals.stage.label.lower()
    if fit is StageFit.EXACT:
        text = f"made for the {stage} stage, where {signals.company} is now"
        reasons.append(Reason(Factor.STAGE, weights.stage, text))
    elif fit is StageFit.ANY:
        reasons.append(Reason(Factor.ANY_STAGE, weights.any_stage, "fits every stage"))
    elif fit is StageFit.ADJACENT:
        made_for = " and ".join(s.label.lower() for s in m.stages)
        text = f"made for the {made_for} stage, next to {stage}"
        reasons.append(Reason(Factor.ADJACENT_STAGE, weights.adjacent_stage, text))
    if m.industries:
        reasons.append(Reason(Factor.INDUSTRY, weights.industry, f"written for {signals.industry}"))
    targets = {p.casefold() for p in m.personas}
    covered = [p for p in signals.personas if p.persona.casefold() in targets]
    if covered:
        share = 0.0
        for p in covered:
            share += p.share
        who = _names([f"{p.persona} ({', '.join(p.people)})" for p in covered])
        text = f"speaks to the {who} in the buying committee"
        reasons.append(Reason(Factor.PERSONA, weights.persona * share, text))
    module_competitors = {c.casefold() for c in m.competitors}
    playing = [c for c in signals.competitors if c.name.casefold() in module_competitors]
    if playing:
        text = "; ".join(f"covers competitor {c.name}, {c.why}" for c in playing)
        reasons.append(Reason(Factor.COMPETITOR, weights.competitor * len(playing), text))
    reasons += _clue_reasons(Factor.PAIN, "answers", signals.pains, facts, weights.pain)
    reasons += _clue_reasons(Factor.GOAL, "supports", signals.goals, facts, weights.goal)
    found = _clue_reasons(Factor.INSIGHT, "matches", signals.insights, facts, weights.insight)
    reasons += sorted(found, key=lambda r: -r.points)[:INSIGHTS_COUNTED]
    if m.review_by is not None and m.review_by < today:
        text = f"past its review date ({m.review_by.isoformat()}): check it is still accurate"
        reasons.append(Reason(Factor.REVIEW_OVERDUE, weights.review_overdue, text))
    if rating is not None:
        text = f"reps rate it {rating:.1f} out of 5"
        reasons.append(Reason(Factor.RATING, weights.rating * (rating - 3.0) / 2, text))
    score = 0.0
    for r in reasons:  # fixed factor order: the indexed ranking adds in the same order
        score += r.points
    return Recommendation(m, score, tuple(reasons), fit, facts.layout)


def order_key(rec: Recommendation) -> tuple[float, str]:
    """Best score first; ties broken by module key, so results never depend on row order."""
    return (-rec.score, rec.module.key)


def rank_plain(
    signals: ProspectSignals,
    library: Iterable[ModuleFacts],
    weights: Weights,
    today: dt.date,
    ratings: Mapping[int, float] | None = None,
    limit: int | None = None,
) -> list[Recommendation]:
    """Score every module one by one (the reference; also the benchmark's baseline)."""
    ratings = ratings or {}
    scored = [score_module(signals, f, weights, today, ratings.get(f.module.id)) for f in library]
    ranked = sorted((r for r in scored if r is not None), key=order_key)
    return ranked if limit is None else ranked[:limit]
