"""Material that should not reach prospects as is: stale modules and decks using retired ones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils

from enabler.domain import lifecycle
from enabler.domain.lifecycle import ModuleStatus
from enabler.domain.modules import ModuleState
from enabler.store import modules as module_store


@dataclass(frozen=True, slots=True)
class StaleModule:
    status: ModuleStatus
    days_overdue: int


def stale_modules(db: sqlite_utils.Database, today: dt.date | None = None) -> list[StaleModule]:
    """Approved modules past their review-by date, most overdue first (marketing's to-do)."""
    today = today or dt.date.today()
    out = [
        StaleModule(s, lifecycle.days_overdue(s.review_by, today))
        for s in module_store.module_statuses(db, ModuleState.APPROVED)
        if lifecycle.is_stale(s.review_by, today)
    ]
    return sorted(out, key=lambda m: (-m.days_overdue, m.status.key))


@dataclass(frozen=True, slots=True)
class FlaggedDeck:
    """A built deck that used a module since retired."""

    deck_id: int
    company: str
    built_at: str
    built_by: str
    output_path: str
    module_key: str
    replacement_key: str | None


_FLAGGED = """
SELECT DISTINCT d.id, COALESCE(p.company, ''), d.built_at, d.built_by, d.output_path,
       m.key, r.key
FROM decks d
JOIN json_each(CASE WHEN json_valid(d.module_versions) THEN d.module_versions ELSE '[]' END) j
JOIN module_versions v ON v.id = j.value
JOIN modules m ON m.id = v.module_id
LEFT JOIN modules r ON r.id = m.replaced_by
LEFT JOIN prospects p ON p.id = d.prospect_id
WHERE {where}
ORDER BY d.id, m.key
"""


def decks_using(db: sqlite_utils.Database, module_id: int) -> list[FlaggedDeck]:
    """Decks built with any version of a module."""
    rows = db.execute(_FLAGGED.format(where="m.id = ?"), [module_id]).fetchall()
    return [FlaggedDeck(*row) for row in rows]


def flagged_decks(db: sqlite_utils.Database) -> list[FlaggedDeck]:
    """Decks built with modules that have since been retired, with their replacements."""
    rows = db.execute(_FLAGGED.format(where="m.state = 'retired'")).fetchall()
    return [FlaggedDeck(*row) for row in rows]
