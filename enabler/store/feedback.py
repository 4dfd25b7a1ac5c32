"""Ratings and flags per module version, deal outcomes per prospect, deck usage rows."""

from __future__ import annotations

import json

import sqlite_utils

from enabler.domain.feedback import DeckUse, FlagKind, Outcome
from enabler.store.connection.rows import now_iso, row_id


def add_rating(
    db: sqlite_utils.Database,
    *,
    module_id: int,
    version_id: int | None,
    rating: int,
    flag: FlagKind | None,
    comment: str,
    author: str,
) -> int:
    return row_id(
        db.table("feedback").insert(
            {
                "module_id": module_id,
                "version_id": version_id,
                "rating": rating,
                "flag": flag.value if flag else None,
                "comment": comment,
                "author": author,
                "at": now_iso(),
                "resolved": 0,
            }
        )
    )


def rating_rows(db: sqlite_utils.Database) -> list[tuple[int, int, str | None]]:
    """(module_id, rating, open flag or None) for every rating."""
    return [
        (mid, rating, flag if not resolved else None)
        for mid, rating, flag, resolved in db.execute(
            "SELECT module_id, rating, flag, resolved FROM feedback ORDER BY id"
        )
    ]


def open_flags(db: sqlite_utils.Database) -> list[dict]:
    """Unresolved flags, newest first, with the module's key and title."""
    cur = db.execute(
        "SELECT f.id, f.module_id, m.key, m.title, f.version_id, f.flag, f.comment, f.author, "
        "f.at FROM feedback f JOIN modules m ON m.id = f.module_id "
        "WHERE f.flag IS NOT NULL AND f.resolved = 0 ORDER BY f.at DESC, f.id DESC"
    )
    cols = [c[0] for c in cur.description]
    return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]


def put_outcome(
    db: sqlite_utils.Database,
    *,
    prospect_id: int,
    result: Outcome,
    date: str,
    reason: str,
    recorded_by: str,
) -> dict | None:
    """Record (or replace) a prospect's outcome; returns the previous one, if any."""
    before = next(db["outcomes"].rows_where("prospect_id = ?", [prospect_id]), None)
    db.table("outcomes").upsert(
        {
            "prospect_id": prospect_id,
            "result": result.value,
            "date": date,
            "reason": reason,
            "recorded_by": recorded_by,
            "recorded_at": now_iso(),
        },
        pk="prospect_id",
    )
    return before


def outcomes(db: sqlite_utils.Database) -> dict[int, Outcome]:
    return {
        pid: Outcome(result)
        for pid, result in db.execute("SELECT prospect_id, result FROM outcomes")
    }


def deck_uses(db: sqlite_utils.Database) -> list[DeckUse]:
    """Every built deck with its prospect's stage and the modules it used (from provenance)."""
    out = []
    for deck_id, pid, plan, built_by, stage, owner in db.execute(
        "SELECT d.id, d.prospect_id, d.plan, d.built_by, p.stage, p.owner_rep "
        "FROM decks d LEFT JOIN prospects p ON p.id = d.prospect_id ORDER BY d.id"
    ):
        try:
            prov = json.loads(plan)
        except ValueError:
            prov = {}
        ids = frozenset(
            int(m["module_id"]) for m in prov.get("modules", []) if m.get("module_id") is not None
        )
        rep = prov.get("rep") or built_by or owner or ""
        out.append(DeckUse(deck_id, pid, stage or "", rep, ids))
    return out


def module_names(db: sqlite_utils.Database) -> dict[int, str]:
    return {mid: key for mid, key in db.execute("SELECT id, key FROM modules")}
