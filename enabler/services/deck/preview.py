"""What the app shows about a plan before building: module titles filled for the prospect."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.domain.deck.notes import PlanNoteKind
from enabler.domain.deck.plan import DeckPlan
from enabler.domain.recommend.score import Reason
from enabler.domain.refs import ProspectRef
from enabler.errors import RenderError
from enabler.render.templating import engine as templating
from enabler.services.deck.context import template_context
from enabler.services.recommend import Recommender


@dataclass(frozen=True, slots=True)
class PlanLine:
    key: str
    title: str  # filled for the prospect; the raw title if it cannot be filled
    why: str  # the module's facets: stages, industries, competitors
    problem: str = ""  # why the module would not render, if it would not
    reasons: tuple[Reason, ...] = ()  # the recommender's points for this prospect, best first
    score: float | None = None  # None: the module is not among the recommendations


def _why(module) -> str:
    why = ", ".join(s.label for s in module.stages)
    if module.industries:
        why += f" · {', '.join(module.industries)}"
    if module.competitors:
        why += f" · vs {', '.join(module.competitors)}"
    return why


def plan_lines(db: sqlite_utils.Database, plan: DeckPlan) -> list[PlanLine]:
    """Each planned module with its filled title and why it is there (the recommender's
    reasons for this prospect, strongest first)."""
    ctx = template_context(db, plan)
    report = Recommender(db).recommend(ProspectRef.by_id(plan.prospect.id), limit=None)
    recommended = {rec.module.id: rec for rec in report.results}
    added = {n.module_key: n.reason for n in plan.notes if n.kind is PlanNoteKind.ADDED}
    lines = []
    for planned in plan.modules:
        raw = planned.module.title
        try:
            title, problem = templating.render(raw, ctx, f"Module {planned.module.key!r}"), ""
        except RenderError as exc:
            title, problem = raw, str(exc)
        rec = recommended.get(planned.module.id)
        reasons = tuple(sorted(rec.reasons, key=lambda r: -r.points)) if rec else ()
        lines.append(
            PlanLine(
                planned.module.key,
                title,
                added.get(planned.module.key) or _why(planned.module),
                problem,
                reasons,
                rec.score if rec else None,
            )
        )
    return lines


def filled_titles(
    db: sqlite_utils.Database, prospect_ref: ProspectRef, keys: list[str]
) -> dict[str, str]:
    """Each module's title filled for the prospect (raw where it cannot be filled), by key."""
    from enabler.services.deck.build import plan_deck

    if not keys:
        return {}
    plan = plan_deck(db, prospect_ref, list(keys))
    return {line.key: line.title for line in plan_lines(db, plan)}
