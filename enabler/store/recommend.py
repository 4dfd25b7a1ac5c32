"""Storage for recommendations: the user's weight edits and the library snapshot to index."""

from __future__ import annotations

import sqlite_utils

from enabler.domain.modules import ModuleState
from enabler.domain.recommend.score import ModuleFacts, module_facts
from enabler.domain.recommend.weights import Factor
from enabler.store import audit
from enabler.store import modules as module_store
from enabler.store.connection.rows import now_iso


def weight_overrides(db: sqlite_utils.Database) -> dict[str, float]:
    """Weights the user changed, by factor name (the rest keep their defaults)."""
    return {r["factor"]: r["weight"] for r in db["recommend_weights"].rows_where(order_by="factor")}


def set_weight(
    db: sqlite_utils.Database, factor: Factor, weight: float | None, before: float, actor: str
) -> None:
    """Store a weight (None: back to the default) and record the change."""
    if weight is None:
        db.execute("DELETE FROM recommend_weights WHERE factor = ?", [factor.value])
    else:
        db.table("recommend_weights").upsert(
            {
                "factor": factor.value,
                "weight": weight,
                "updated_at": now_iso(),
                "updated_by": actor,
            },
            pk="factor",
        )
    audit.record(
        db,
        actor=actor,
        action="update" if weight is not None else "reset",
        entity="recommend_weight",
        entity_id=factor.value,
        before={"weight": before},
        after={"weight": weight},
    )


def write_marker(db: sqlite_utils.Database) -> tuple[int, int]:
    """Changes whenever anyone commits to the file (other connections: `data_version`; this
    one: its change count). Cheap, so it can be checked on every call."""
    return db.execute("PRAGMA data_version").fetchone()[0], db.conn.total_changes


def library_stamp(db: sqlite_utils.Database) -> tuple:
    """Changes whenever an approved module, its state or its current version changes."""
    return tuple(
        db.execute(
            "SELECT count(*), max(updated_at), total(current_version_id), max(id) FROM modules"
        ).fetchone()
    )


def approved_facts(db: sqlite_utils.Database) -> list[ModuleFacts]:
    """Approved modules with the words of their current version."""
    out = []
    for m in module_store.list_modules(db, ModuleState.APPROVED):
        version = module_store.current_version(db, m) if m.current_version_id else None
        out.append(module_facts(m, version))
    return out
