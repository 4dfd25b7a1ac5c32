"""Review trail of modules: submissions, approvals, rejections, retirements and comments."""

from __future__ import annotations

import sqlite_utils

from enabler.domain.lifecycle import Action, ReviewEvent
from enabler.store.connection.rows import now_iso


def add(
    db: sqlite_utils.Database,
    module_id: int,
    action: Action,
    actor: str,
    comment: str = "",
    version_id: int | None = None,
) -> None:
    db.table("module_reviews").insert(
        {
            "module_id": module_id,
            "version_id": version_id,
            "action": action.value,
            "actor": actor,
            "comment": comment,
            "at": now_iso(),
        }
    )


def events(db: sqlite_utils.Database, module_id: int) -> list[ReviewEvent]:
    """Oldest first."""
    rows = db.execute(
        "SELECT action, actor, at, comment, version_id FROM module_reviews "
        "WHERE module_id = ? ORDER BY id",
        [module_id],
    ).fetchall()
    return [ReviewEvent(*row) for row in rows]


def authors(db: sqlite_utils.Database, version_id: int) -> set[str]:
    """Who wrote a version or submitted it for review (for the four-eyes rule)."""
    names = {
        row[0]
        for row in db.execute(
            "SELECT actor FROM module_reviews WHERE version_id = ? AND action IN (?, ?, ?)",
            [version_id, Action.SUBMIT.value, Action.EDIT.value, Action.RESTORE.value],
        )
    }
    created = db.execute(
        "SELECT created_by FROM module_versions WHERE id = ?", [version_id]
    ).fetchone()
    if created:
        names.add(created[0])
    return names
