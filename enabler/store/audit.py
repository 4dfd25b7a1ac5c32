"""Audit log: who did what and when, with before/after."""

from __future__ import annotations

import sqlite_utils

from enabler.store.connection.rows import dumps, now_iso


def record(
    db: sqlite_utils.Database,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: object = "",
    before: object = None,
    after: object = None,
) -> None:
    db.table("audit_log").insert(
        {
            "at": now_iso(),
            "actor": actor,
            "action": action,
            "entity": entity,
            "entity_id": str(entity_id),
            "before": None if before is None else dumps(before),
            "after": None if after is None else dumps(after),
        }
    )


def entries(db: sqlite_utils.Database, entity: str | None = None) -> list[dict]:
    where, args = ("entity = ?", [entity]) if entity else (None, None)
    return list(db["audit_log"].rows_where(where, args, order_by="id"))


def latest(
    db: sqlite_utils.Database,
    entity: str | None = None,
    entity_id: str | None = None,
    limit: int = 50,
) -> list[dict]:
    """Newest entries first, optionally for one kind of entity or one entity."""
    clauses, args = [], []
    if entity:
        clauses, args = ["entity = ?"], [entity]
    if entity_id is not None:
        clauses.append("entity_id = ?")
        args.append(str(entity_id))
    where = " AND ".join(clauses) or None
    return list(db["audit_log"].rows_where(where, args or None, order_by="id DESC", limit=limit))
