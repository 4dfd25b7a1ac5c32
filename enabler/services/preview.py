"""What the app shows about a plan before building: module titles filled for the prospect."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from enabler.domain.deck import DeckPlan
from enabler.errors import RenderError
from enabler.render import templating
from enabler.services.build import template_context


@dataclass(frozen=True, slots=True)
class PlanLine:
    key: str
    title: str  # filled for the prospect; the raw title if it cannot be filled
    why: str
    problem: str = ""  # why the module would not render, if it would not


def _why(module) -> str:
    why = ", ".join(s.label for s in module.stages)
    if module.industries:
        why += f" · {', '.join(module.industries)}"
    if module.competitors:
        why += f" · vs {', '.join(module.competitors)}"
    return why


def plan_lines(db: sqlite_utils.Database, plan: DeckPlan) -> list[PlanLine]:
    ctx = template_context(db, plan)
    lines = []
    for planned in plan.modules:
        raw = planned.module.title
        try:
            title, problem = templating.render(raw, ctx, f"Module {planned.module.key!r}"), ""
        except RenderError as exc:
            title, problem = raw, str(exc)
        lines.append(PlanLine(planned.module.key, title, _why(planned.module), problem))
    return lines


def filled_titles(db: sqlite_utils.Database, prospect_ref: str, keys: list[str]) -> dict[str, str]:
    """Each module's title filled for the prospect (raw where it cannot be filled), by key."""
    from enabler.services.build import plan_deck

    if not keys:
        return {}
    plan = plan_deck(db, prospect_ref, list(keys))
    return {line.key: line.title for line in plan_lines(db, plan)}
