"""Counts shown on the app's start page."""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils


@dataclass(frozen=True, slots=True)
class LibrarySummary:
    modules: int
    approved: int
    prospects: int
    decks: int


def summarise(db: sqlite_utils.Database) -> LibrarySummary:
    def count(sql: str) -> int:
        return db.execute(sql).fetchone()[0]

    return LibrarySummary(
        modules=count("SELECT count(*) FROM modules"),
        approved=count("SELECT count(*) FROM modules WHERE state = 'approved'"),
        prospects=count("SELECT count(*) FROM prospects"),
        decks=count("SELECT count(*) FROM decks"),
    )
