"""Audit log: who did what and when, with before/after."""

from __future__ import annotations

import sqlite_utils

from enabler.store.rows import dumps, now_iso


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
    db["audit_log"].insert(
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
