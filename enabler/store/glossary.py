"""Glossary terms as stored: one row per template name."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlite_utils

from enabler.domain.glossary import GlossaryTerm
from enabler.errors import Fix, Hint, NotFound
from enabler.store.connection.rows import now_iso

_COLUMNS = "name, label, definition, updated_by, updated_at, read_only"


def _term(row: Mapping[str, Any]) -> GlossaryTerm:
    return GlossaryTerm(
        name=row["name"],
        label=row["label"],
        definition=row["definition"],
        updated_by=row["updated_by"],
        updated_at=row["updated_at"],
        read_only=bool(row["read_only"]),
    )


def list_terms(db: sqlite_utils.Database) -> list[GlossaryTerm]:
    rows = db.query(f"SELECT {_COLUMNS} FROM glossary ORDER BY label COLLATE NOCASE")
    return [_term(row) for row in rows]


def find(db: sqlite_utils.Database, name: str) -> GlossaryTerm | None:
    row = next(db.query(f"SELECT {_COLUMNS} FROM glossary WHERE name = ?", [name]), None)
    return _term(row) if row else None


def get(db: sqlite_utils.Database, name: str) -> GlossaryTerm:
    term = find(db, name)
    if term is None:
        raise NotFound(f"No glossary term {name!r}.", hint=Hint(Fix.LOOK_UP, "glossary"))
    return term


def put(db: sqlite_utils.Database, term: GlossaryTerm, actor: str) -> GlossaryTerm:
    """Insert or replace a term (keeping `term.read_only`). Call inside a transaction."""
    db.execute(
        "INSERT INTO glossary (name, label, definition, updated_by, updated_at, read_only) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET label = excluded.label, "
        "definition = excluded.definition, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at, read_only = excluded.read_only",
        [term.name, term.label, term.definition, actor, now_iso(), int(term.read_only)],
    )
    return get(db, term.name)


def delete(db: sqlite_utils.Database, name: str) -> None:
    db.execute("DELETE FROM glossary WHERE name = ?", [name])


def as_context(db: sqlite_utils.Database) -> dict[str, str]:
    """{name: definition} for templates (`{{ glossary.qualified_lead }}`)."""
    return dict(db.execute("SELECT name, definition FROM glossary ORDER BY name").fetchall())
