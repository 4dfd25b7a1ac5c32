"""Storage for the user's edits to the CRM-stage → funnel-stage table."""

from __future__ import annotations

import sqlite_utils

from enabler.domain.crm.columns import StageRule, stage_key
from enabler.domain.modules import Stage
from enabler.store import audit
from enabler.store.connection.rows import now_iso


def stage_edits(db: sqlite_utils.Database) -> dict[str, StageRule]:
    """Edited rules by stage key; a rule with no stage keeps the prospect's stage."""
    return {
        r["key"]: StageRule(r["label"], Stage(r["stage"]) if r["stage"] else None, edited=True)
        for r in db["crm_stage_map"].rows_where(order_by="key")
    }


def set_stage_rule(
    db: sqlite_utils.Database,
    label: str,
    stage: Stage | None,
    before: StageRule | None,
    actor: str = "",
) -> None:
    db.table("crm_stage_map").upsert(
        {
            "key": stage_key(label),
            "label": label,
            "stage": stage.value if stage else None,
            "updated_at": now_iso(),
            "updated_by": actor,
        },
        pk="key",
    )
    audit.record(
        db,
        actor=actor,
        action="update",
        entity="crm_stage_map",
        entity_id=label,
        before=None
        if before is None
        else {"stage": before.stage.value if before.stage else "keep"},
        after={"stage": stage.value if stage else "keep"},
    )


def remove_stage_rule(db: sqlite_utils.Database, label: str, actor: str = "") -> bool:
    """Forget the user's edit for a CRM stage (the built-in rule, if any, applies again)."""
    key = stage_key(label)
    found = db.execute("SELECT 1 FROM crm_stage_map WHERE key = ?", [key]).fetchone()
    if found:
        db.execute("DELETE FROM crm_stage_map WHERE key = ?", [key])
        audit.record(db, actor=actor, action="reset", entity="crm_stage_map", entity_id=label)
    return bool(found)
