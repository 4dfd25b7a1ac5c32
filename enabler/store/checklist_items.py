"""Repository for prospects' objection checklist items and their change history.

Items carry a row `version`: `update_item` changes a row only at the version the caller read
(optimistic concurrency), and every change is appended to `prospect_objection_events`.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from enabler.domain.modules import Stage
from enabler.domain.objections import (
    ChecklistItem,
    Objection,
    ObjectionCategory,
    ObjectionState,
    custom_ref,
)
from enabler.errors import NotFound
from enabler.store.connection.rows import date_or_none, now_iso, row_id
from enabler.store.objections import get_objection, objection_row


def _item(row: dict, objection: Objection | None) -> ChecklistItem:
    return ChecklistItem(
        ref=objection.key if objection else custom_ref(row["id"]),
        text=objection.text if objection else row["text"],
        category=objection.category if objection else ObjectionCategory(row["category"]),
        state=ObjectionState(row["state"]),
        reason=row["reason"],
        note=row["note"],
        changed_on=date_or_none(row["changed_on"]),
        version=row["version"],
        changed_by=row["changed_by"],
        objection=objection,
        item_id=row["id"],
    )


def items(db: sqlite_utils.Database, prospect_id: int) -> list[ChecklistItem]:
    """The stored checklist items of a prospect, in the order they were added."""
    rows = list(
        db["prospect_objections"].rows_where("prospect_id = ?", [prospect_id], order_by="id")
    )
    ids = sorted({r["objection_id"] for r in rows if r["objection_id"] is not None})
    library = {}
    if ids:
        marks = ", ".join("?" * len(ids))
        library = {
            r["id"]: objection_row(r) for r in db["objections"].rows_where(f"id IN ({marks})", ids)
        }
    return [_item(r, library.get(r["objection_id"])) for r in rows]


def find_item(
    db: sqlite_utils.Database,
    prospect_id: int,
    *,
    objection_id: int | None = None,
    item_id: int | None = None,
) -> ChecklistItem | None:
    """A stored item by its library objection or by its own id, or None."""
    args: list[int | None]
    if objection_id is not None:
        where, args = "prospect_id = ? AND objection_id = ?", [prospect_id, objection_id]
    else:
        where, args = "prospect_id = ? AND id = ?", [prospect_id, item_id]
    rows = list(db["prospect_objections"].rows_where(where, args))
    if not rows:
        return None
    oid = rows[0]["objection_id"]
    return _item(rows[0], get_objection(db, oid) if oid is not None else None)


def get_item(db: sqlite_utils.Database, prospect_id: int, item_id: int) -> ChecklistItem:
    """A stored item that must exist (one just written in the same transaction)."""
    item = find_item(db, prospect_id, item_id=item_id)
    if item is None:
        raise NotFound(f"Checklist item {item_id} is not stored for this prospect.")
    return item


def insert_item(
    db: sqlite_utils.Database,
    prospect_id: int,
    *,
    objection_id: int | None,
    text: str = "",
    category: ObjectionCategory | None = None,
    state: ObjectionState,
    note: str,
    reason: str,
    raised_stage: Stage | None,
    actor: str,
    today: dt.date,
) -> int:
    """Store a new item at version 1 and record the change. Call inside a transaction."""
    item_id = row_id(
        db.table("prospect_objections").insert(
            {
                "prospect_id": prospect_id,
                "objection_id": objection_id,
                "text": text,
                "category": category.value if category else "",
                "state": state.value,
                "note": note,
                "reason": reason,
                "raised_stage": raised_stage.value if raised_stage else None,
                "changed_on": today.isoformat(),
                "changed_by": actor,
                "version": 1,
                "created_at": now_iso(),
            }
        )
    )
    _event(db, item_id, 1, state, note, actor)
    return item_id


def update_item(
    db: sqlite_utils.Database,
    item_id: int,
    *,
    expected_version: int,
    state: ObjectionState,
    note: str | None,
    raised_stage: Stage | None,
    actor: str,
    today: dt.date,
) -> bool:
    """Change an item only if it is still at `expected_version`; False if someone got there first.

    `note=None` keeps the current note. `raised_stage` is kept once set.
    """
    cursor = db.execute(
        "UPDATE prospect_objections SET state = ?, note = coalesce(?, note), "
        "raised_stage = coalesce(raised_stage, ?), changed_on = ?, changed_by = ?, "
        "version = version + 1 WHERE id = ? AND version = ?",
        [
            state.value,
            note,
            raised_stage.value if raised_stage else None,
            today.isoformat(),
            actor,
            item_id,
            expected_version,
        ],
    )
    if cursor.rowcount != 1:
        return False
    _event(db, item_id, expected_version + 1, state, note, actor)
    return True


def _event(db, item_id: int, version: int, state: ObjectionState, note, actor: str) -> None:
    db["prospect_objection_events"].insert(
        {
            "item_id": item_id,
            "version": version,
            "state": state.value,
            "note": note,
            "at": now_iso(),
            "actor": actor,
        }
    )


def history(db: sqlite_utils.Database, item_id: int) -> list[dict]:
    """Every change to an item, oldest first: version, state, note (None = unchanged), at, actor."""
    return list(
        db["prospect_objection_events"].rows_where(
            "item_id = ?",
            [item_id],
            order_by="id",
            select="version, state, note, at, actor",
        )
    )


def raised_rows(db: sqlite_utils.Database) -> list[dict]:
    """Checklist items that came up (not open), with their prospect and library objection."""
    sql = """
        SELECT po.id, po.state, po.raised_stage, po.category AS custom_category,
               po.text AS custom_text, p.company, p.industry, p.stage, p.competitors,
               o.key, o.text, o.category, o.competitor
        FROM prospect_objections po
        JOIN prospects p ON p.id = po.prospect_id
        LEFT JOIN objections o ON o.id = po.objection_id
        WHERE po.state != 'open'
        ORDER BY po.id
    """
    return [dict(r) for r in db.query(sql)]
