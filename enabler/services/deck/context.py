"""The deck context: every top-level value a slide template can use, and who provides it.

`build_context` gives the plan's own values (prospect, contact, rep, vendor, today); each
feature adds its names through a provider, e.g. `roi_deck.roi_context` adds `roi`. The names a
provider can add are declared in `PROVIDED_NAMES`, so a build skips providers whose names the plan
never reads, and the module editor and slide import know every field a deck can fill.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan
from enabler.render.templating.context import build_context
from enabler.services.deck import field_overrides
from enabler.services.library.glossary import glossary_context
from enabler.services.objections import deck as objection_deck
from enabler.services.roi import deck as roi_deck
from enabler.services.slides import designed
from enabler.services.worksheets import deck as worksheet_deck
from enabler.store import settings

# Each provider adds top-level template values for a deck, e.g. {"roi": {...}}.
# Signature: (db, plan) -> dict. Add one line per feature, and its names to PROVIDED_NAMES.
ContextProvider = Callable[[sqlite_utils.Database, DeckPlan], dict]
CONTEXT_PROVIDERS: tuple[ContextProvider, ...] = (
    field_overrides.override_context,  # first: the providers below own their names
    objection_deck.deck_context,
    roi_deck.roi_context,
    glossary_context,
    worksheet_deck.deck_context,
    designed.contacts_context,
)

# The top-level names a provider can add, so a build skips it when the plan reads none of them
# (enabler.render.templating.context_reads). A provider not listed here always runs and adds no
# new name (the overrides only replace values of names already there).
PROVIDED_NAMES: dict[ContextProvider, frozenset[str]] = {
    objection_deck.deck_context: frozenset({"objections", "battlecards"}),
    roi_deck.roi_context: frozenset({"roi"}),
    glossary_context: frozenset({"glossary"}),
    worksheet_deck.deck_context: frozenset({"criteria", "action_plan"}),
    designed.contacts_context: frozenset({"contacts"}),
}


def template_context(
    db: sqlite_utils.Database, plan: DeckPlan, reads: frozenset[str] | None = None
) -> dict:
    """Every value slide templates can use for this plan.

    With `reads` (the names the caller will look up at most, see `plan_reads`), providers whose
    names are all outside it are skipped: their data is never shown, so it is not computed.
    """
    reps = settings.get(db, "reps", {}) or {}
    ctx = build_context(plan, settings.get(db, "vendor", {}), reps.get(plan.rep, {}))
    for provider in CONTEXT_PROVIDERS:
        provided = PROVIDED_NAMES.get(provider)
        if reads is not None and provided is not None and reads.isdisjoint(provided):
            continue
        ctx.update(provider(db, plan))
    return ctx


def context_roots() -> frozenset[str]:
    """Top-level fields the providers add to a deck's context (roi, objections…), as declared:
    a provider may add a name only for some prospects, and a deck for one of them can fill it."""
    return frozenset().union(*PROVIDED_NAMES.values())
