"""Objections in the deck: the template data the generated slides read, and which of those
slides a prospect's automatic selection gets.

Registered in `enabler.services.deck.build`: `deck_context` as a context provider and
`adjust_plan` as a plan adjuster.
"""

from __future__ import annotations

import sqlite_utils

from enabler.domain.battlecards import battlecard_to_dict
from enabler.domain.deck.plan import DeckPlan
from enabler.domain.modules import Module, SmartLayout
from enabler.domain.objections import ObjectionChecklist, buyer_facing
from enabler.domain.prospects import Prospect
from enabler.services.objections.checklists import battlecards_in_play, checklist, proof_titles
from enabler.store import modules as module_store

GENERATED = (SmartLayout.WHY_US, SmartLayout.OBJECTION_APPENDIX)
# Why `adjust_plan` adds each slide, for the rep ({company} is the prospect's name).
WHY_ADDED = {
    SmartLayout.WHY_US: "{company} is evaluating a competitor we have a battlecard for",
    SmartLayout.OBJECTION_APPENDIX: "{company} has objections with approved answers",
}


def appendix_items(db: sqlite_utils.Database, cl: ObjectionChecklist) -> list[dict]:
    """What the buyer raised or we answered ("heard"), then the likely ones we pre-empt
    ("anticipated"), as plain dicts; parked ones never (`buyer_facing`)."""
    heard, anticipated = buyer_facing(cl)
    out = []
    for group, items in (("heard", heard), ("anticipated", anticipated)):
        for item in items:
            obj = item.objection
            if obj is None:  # buyer_facing keeps library objections only
                continue
            out.append(
                {
                    "ref": obj.key,
                    "text": obj.text,
                    "category": obj.category.value,
                    "category_label": obj.category.label,
                    "state": item.state.value,
                    "group": group,
                    "acknowledge": obj.answer.acknowledge,
                    "reframe": obj.answer.reframe,
                    "proof": obj.answer.proof,
                    "question_back": obj.answer.question_back,
                    "proof_modules": proof_titles(db, obj.proof_modules),
                }
            )
    return out


def deck_data(db: sqlite_utils.Database, prospect: Prospect) -> dict:
    """{"objections": [...], "battlecards": [...]} for a prospect, as plain dicts."""
    cl = checklist(db, prospect)
    return {
        "objections": appendix_items(db, cl),
        "battlecards": [battlecard_to_dict(c) for c in battlecards_in_play(db, cl)],
    }


def deck_context(db: sqlite_utils.Database, plan: DeckPlan) -> dict:
    """Context provider: what the why-us and appendix generators read."""
    return deck_data(db, plan.prospect)


def _fits(module: Module, prospect: Prospect) -> bool:
    stage_ok = not module.stages or prospect.stage in module.stages
    return stage_ok and module.fits_industry(prospect.industry)


def adjust_plan(
    db: sqlite_utils.Database, prospect: Prospect, modules: list[Module]
) -> list[Module]:
    """Plan adjuster: the why-us slides when a competitor with a battlecard is in play (before
    the closing modules), the appendix when objections are raised or likely (at the end).

    Each is dropped when the prospect has nothing to show on it, so a build never fails or
    shows an empty slide. Only the first approved module of each layout is used.
    """
    layouts = module_store.approved_by_layout(db, [g.value for g in GENERATED])
    kept = [m for m in modules if m.id not in layouts]
    if not layouts:
        return kept
    data = deck_data(db, prospect)
    wanted = {
        SmartLayout.WHY_US.value: bool(data["battlecards"]),
        SmartLayout.OBJECTION_APPENDIX.value: bool(data["objections"]),
    }
    chosen: dict[str, Module] = {}
    for module_id, layout in layouts.items():
        module = module_store.get_module(db, module_id)
        if wanted[layout] and layout not in chosen and _fits(module, prospect):
            chosen[layout] = module
    closing = next((n for n, m in enumerate(kept) if m.is_closing), len(kept))
    why = [chosen[k] for k in (SmartLayout.WHY_US.value,) if k in chosen]
    appendix = [chosen[k] for k in (SmartLayout.OBJECTION_APPENDIX.value,) if k in chosen]
    return kept[:closing] + why + kept[closing:] + appendix
