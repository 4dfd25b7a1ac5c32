"""Glossary changes made from an editor that shows terms read earlier: each change says what
the term looked like when it was read, and is refused (Conflict) if someone changed it since.

That is what makes the app's undo and redo safe: undoing an edit puts the old definition back
only if the term still holds the definition the edit wrote.
"""

from __future__ import annotations

import sqlite_utils

from enabler.domain.glossary import GlossaryTerm, make_term
from enabler.domain.profile import Profile
from enabler.errors import Conflict
from enabler.services.library import glossary
from enabler.store import glossary as store
from enabler.store.connection.db import transaction


def _same(a: GlossaryTerm | None, b: GlossaryTerm | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.name, a.label, a.definition) == (b.name, b.label, b.definition)


def _check_unchanged(db: sqlite_utils.Database, seen: GlossaryTerm) -> None:
    if not _same(store.find(db, seen.name), seen):
        raise Conflict(
            f"The glossary term {seen.label!r} was changed or removed by someone else since you "
            "opened it; the list is reloaded, make your change again."
        )


def _check_free(db: sqlite_utils.Database, term: GlossaryTerm) -> None:
    taken = store.find(db, term.name)
    if taken is not None:
        raise Conflict(
            f"The glossary already has {taken.label!r} (used as glossary.{taken.name}); "
            "edit that term instead."
        )


def add_term(
    db: sqlite_utils.Database, profile: Profile, label: str, definition: str
) -> GlossaryTerm:
    """A new term; Conflict if a term with the same template name exists."""
    profile.require_marketing("change the glossary")
    term = make_term(label, definition)
    with transaction(db):
        _check_free(db, term)
        return glossary.set_term(db, profile, term.label, term.definition)


def update_term(
    db: sqlite_utils.Database,
    profile: Profile,
    seen: GlossaryTerm,
    label: str,
    definition: str,
) -> GlossaryTerm:
    """Change `seen` (as the editor read it); a new label that makes a new template name
    renames the term."""
    profile.require_marketing("change the glossary")
    term = make_term(label, definition)
    with transaction(db):
        _check_unchanged(db, seen)
        if term.name != seen.name:
            _check_free(db, term)
            glossary.remove_term(db, profile, seen.name)
        return glossary.set_term(db, profile, term.label, term.definition)


def delete_term(db: sqlite_utils.Database, profile: Profile, seen: GlossaryTerm) -> GlossaryTerm:
    """Remove `seen`, unless someone changed it since it was read."""
    with transaction(db):
        _check_unchanged(db, seen)
        return glossary.remove_term(db, profile, seen.name)
