"""The automatic deck: the best modules for the prospect, with the features' slides, at the
size the rep asked for, and only modules whose fields this prospect can fill.

1. Rank the approved modules made for the prospect's stage (enabler.services.recommend).
2. Leave out modules using a field with no value (a fresh CRM import has no contacts, so
   `{{ contact.first_name }}` cannot be filled); the next-best module takes the place.
3. Take the best `top` in story order; features add their generated slides (PLAN_ADJUSTERS in
   enabler.services.deck.build: ROI, objections, criteria…).
4. Cut back to `top`: an added slide takes the place of the lowest-ranked content module.

Every decision is a PlanNote, so `build` can say what was added, replaced or left out and why.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import sqlite_utils

from enabler.domain.deck.notes import PlanNote, PlanNoteKind, fit_to_top
from enabler.domain.deck.plan import DeckPlan, PlannedModule
from enabler.domain.deck.storyline import select_for_deck
from enabler.domain.modules import Module, SmartLayout
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ProspectRef
from enabler.errors import EnablerError, fixes_for
from enabler.render.slides.generated import GENERATORS
from enabler.render.templating import engine as templating
from enabler.services.deck.plan_fields import (
    is_filled,
    lookup,
    module_fields,
    module_optional_fields,
)
from enabler.services.objections import deck as objection_deck
from enabler.services.recommend import Recommender
from enabler.services.roi import deck as roi_deck
from enabler.services.worksheets import deck as worksheet_deck
from enabler.store import modules as module_store

Adjuster = Callable[[sqlite_utils.Database, Prospect, list[Module]], list[Module]]

# Why each generated slide was added, by layout (each feature keeps its own words).
_WHY_DATA = "{company}'s data has something to show"
WHY_ADDED: dict[SmartLayout, str] = {
    **objection_deck.WHY_ADDED,
    **roi_deck.WHY_ADDED,
    **worksheet_deck.WHY_ADDED,
}


def missing_field(planned: PlannedModule, context: Mapping) -> str | None:
    """The first field the module needs that `context` cannot fill, else None."""
    optional = module_optional_fields(planned)
    for name in module_fields(planned):
        if name not in optional and not is_filled(lookup(context, name)):
            return name
    return None


def _title(module: Module, context: Mapping) -> str:
    """The module's title as the deck would show it, else as written."""
    try:
        return templating.render(module.title, context, module.key)
    except EnablerError:
        return module.title


def _layout(db: sqlite_utils.Database, module: Module) -> SmartLayout | None:
    content = module_store.current_version(db, module).content
    return content.layout if content is not None else None


def automatic_modules(
    db: sqlite_utils.Database,
    trial: DeckPlan,
    top: int,
    adjusters: Sequence[Adjuster],
    context: Mapping,
) -> tuple[list[Module], tuple[PlanNote, ...]]:
    """The modules of the automatic deck for `trial.prospect` and what was done to get them.

    `context` is the template context of `trial` (a plan without modules, with the rep's
    overrides), so a field typed for this deck counts as filled.
    """
    prospect, top = trial.prospect, max(1, top)
    ranked = (
        Recommender(db)
        .recommend(ProspectRef.by_id(prospect.id), limit=None, stage_only=True)
        .results
    )
    gaps: dict[int, str] = {}
    for rec in ranked:
        planned = PlannedModule(rec.module, module_store.current_version(db, rec.module))
        field = missing_field(planned, context)
        if field is not None:
            gaps[rec.module.id] = field
    notes = [
        PlanNote(PlanNoteKind.LEFT_OUT, m.key, _title(m, context), field=f, fixes=fixes_for(f))
        for m in select_for_deck(ranked, top)
        if (f := gaps.get(m.id))
    ]
    fillable = [r for r in ranked if r.module.id not in gaps]
    base = select_for_deck(fillable, top)
    base_ids = {m.id for m in base}
    rank = {r.module.id: n for n, r in enumerate(fillable) if r.module.id in base_ids}
    chosen = list(base)
    for adjust in adjusters:
        chosen = adjust(db, prospect, chosen)
    chosen_ids = {m.id for m in chosen}
    for module in base:
        if module.id not in chosen_ids and _layout(db, module) not in GENERATORS:
            reason = f"a slide made from {prospect.company}'s own data replaces it"
            notes.append(
                PlanNote(PlanNoteKind.REPLACED, module.key, _title(module, context), reason)
            )
    kept, dropped = fit_to_top(chosen, rank, top)
    kept_ids = {m.id for m in kept}
    for module in chosen:
        if module.id in base_ids or module.id not in kept_ids:
            continue
        layout = _layout(db, module)
        why = WHY_ADDED.get(layout, _WHY_DATA) if layout is not None else _WHY_DATA
        why = why.format(company=prospect.company)
        notes.append(PlanNote(PlanNoteKind.ADDED, module.key, _title(module, context), why))
    for module in dropped:
        reason = f"the deck is kept at {top} modules"
        notes.append(PlanNote(PlanNoteKind.MADE_ROOM, module.key, _title(module, context), reason))
    return kept, tuple(notes)
