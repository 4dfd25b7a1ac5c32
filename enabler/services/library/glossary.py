"""The shared glossary: maintained by marketing, read by reps, usable in slide templates."""

from __future__ import annotations

import dataclasses

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan
from enabler.domain.glossary import GlossaryTerm, check_name, make_term, term_name
from enabler.domain.profile import Profile
from enabler.errors import Conflict
from enabler.store import audit
from enabler.store import glossary as store
from enabler.store.connection.db import transaction


def _view(term: GlossaryTerm | None) -> dict | None:
    if term is None:
        return None
    return {"name": term.name, "label": term.label, "definition": term.definition}


def _writable(term: GlossaryTerm | None) -> None:
    if term is not None and term.read_only:
        raise Conflict(
            f"Glossary term {term.label!r} came with a signed pack and is read-only here; "
            "ask its publisher to change it."
        )


def list_terms(db: sqlite_utils.Database) -> list[GlossaryTerm]:
    return store.list_terms(db)


def set_term(
    db: sqlite_utils.Database, profile: Profile, label: str, definition: str
) -> GlossaryTerm:
    """Add a term or change its definition; templates use it as {{ glossary.<name> }}."""
    profile.require_marketing("change the glossary")
    term = make_term(label, definition)
    with transaction(db):
        before = store.find(db, term.name)
        _writable(before)
        after = store.put(db, term, profile.name)
        audit.record(
            db,
            actor=profile.name,
            action="update" if before else "create",
            entity="glossary",
            entity_id=term.name,
            before=_view(before),
            after=_view(after),
        )
    return after


def remove_term(db: sqlite_utils.Database, profile: Profile, name_or_label: str) -> GlossaryTerm:
    profile.require_marketing("change the glossary")
    name = name_or_label if store.find(db, name_or_label) else term_name(name_or_label)
    with transaction(db):
        before = store.get(db, check_name(name, name_or_label))
        _writable(before)
        store.delete(db, before.name)
        audit.record(
            db,
            actor=profile.name,
            action="delete",
            entity="glossary",
            entity_id=before.name,
            before=_view(before),
        )
    return before


def glossary_context(db: sqlite_utils.Database, plan: DeckPlan) -> dict:
    """Template values: {"glossary": {"qualified_lead": "…definition…", …}}."""
    return {"glossary": store.as_context(db)}


def import_term(db: sqlite_utils.Database, term: GlossaryTerm, actor: str) -> None:
    """Store a term from a trusted pack (read-only from now on). Call inside a transaction."""
    store.put(db, dataclasses.replace(term, read_only=True), actor)
