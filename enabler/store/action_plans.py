"""Repository for plan templates per deal size and each prospect's mutual action plan."""

from __future__ import annotations

import datetime as dt
import json

import sqlite_utils

from enabler.domain.action_plan import (
    DealSize,
    PlanStep,
    PlanTemplate,
    StepDraft,
    StepStatus,
    TemplateStep,
)
from enabler.errors import Fix, Hint, NotFound
from enabler.store import audit
from enabler.store.connection.rows import date_or_none, dumps, now_iso, row_id

STEP_FIELDS = ("name", "our_owner", "their_owner", "due", "status", "notes")


# --- templates -----------------------------------------------------------------------------


def _template(row: dict) -> PlanTemplate:
    return PlanTemplate(
        size=DealSize(row["size"]),
        steps=tuple(TemplateStep(**s) for s in json.loads(row["steps"] or "[]")),
        label=row["label"],
        owner=row["owner"],
    )


def put_template(db: sqlite_utils.Database, template: PlanTemplate, actor: str = "") -> None:
    """Create or replace the template for a deal size. Call inside a transaction."""
    steps = [
        {
            "name": s.name,
            "our_owner": s.our_owner,
            "their_owner": s.their_owner,
            "offset_days": s.offset_days,
            "notes": s.notes,
        }
        for s in template.steps
    ]
    db.table("plan_templates").upsert(
        {
            "size": template.size.value,
            "label": template.label,
            "steps": dumps(steps),
            "owner": template.owner,
            "updated_at": now_iso(),
            "updated_by": actor,
        },
        pk="size",
    )
    audit.record(
        db,
        actor=actor or template.owner,
        action="put",
        entity="plan_template",
        entity_id=template.size.value,
        after={"steps": [s["name"] for s in steps]},
    )


def delete_template(db: sqlite_utils.Database, size: DealSize, actor: str) -> bool:
    """Remove the template for a deal size (prospects' plans keep their steps). In a transaction."""
    if not template_exists(db, size):
        return False
    db.execute("DELETE FROM plan_templates WHERE size = ?", [size.value])
    audit.record(db, actor=actor, action="delete", entity="plan_template", entity_id=size.value)
    return True


def list_templates(db: sqlite_utils.Database) -> list[PlanTemplate]:
    order = {s.value: n for n, s in enumerate(DealSize)}
    found = [_template(r) for r in db["plan_templates"].rows]
    return sorted(found, key=lambda t: order[t.size.value])


def get_template(db: sqlite_utils.Database, size: DealSize) -> PlanTemplate:
    rows = list(db["plan_templates"].rows_where("size = ?", [size.value]))
    if not rows:
        raise NotFound(
            f"There is no plan template for {size.label} deals yet. Ask marketing to add one, "
            "or add steps one by one.",
            hint=Hint(Fix.DO_FIRST, "add_step"),
        )
    return _template(rows[0])


def template_exists(db: sqlite_utils.Database, size: DealSize) -> bool:
    row = db.execute("SELECT 1 FROM plan_templates WHERE size = ?", [size.value]).fetchone()
    return row is not None


# --- a prospect's plan ---------------------------------------------------------------------


def _step(row: dict, number: int) -> PlanStep:
    return PlanStep(
        number=number,
        name=row["name"],
        our_owner=row["our_owner"],
        their_owner=row["their_owner"],
        due=date_or_none(row["due"]),
        status=StepStatus(row["status"]),
        notes=row["notes"],
        step_id=row["id"],
        version=row["version"],
        changed_on=date_or_none(row["changed_on"]),
        changed_by=row["changed_by"],
    )


def steps(db: sqlite_utils.Database, prospect_id: int) -> list[PlanStep]:
    rows = db["plan_steps"].rows_where("prospect_id = ?", [prospect_id], order_by="position, id")
    return [_step(r, n) for n, r in enumerate(rows, start=1)]


def plan_template(db: sqlite_utils.Database, prospect_id: int) -> DealSize | None:
    row = db.execute(
        "SELECT template FROM action_plans WHERE prospect_id = ?", [prospect_id]
    ).fetchone()
    return DealSize(row[0]) if row and row[0] else None


def set_plan_template(
    db: sqlite_utils.Database, prospect_id: int, size: DealSize | None, actor: str
) -> None:
    db.table("action_plans").upsert(
        {
            "prospect_id": prospect_id,
            "template": size.value if size else None,
            "updated_at": now_iso(),
            "updated_by": actor,
        },
        pk="prospect_id",
    )


def has_steps(db: sqlite_utils.Database, prospect_id: int) -> bool:
    row = db.execute("SELECT 1 FROM plan_steps WHERE prospect_id = ?", [prospect_id]).fetchone()
    return row is not None


def _columns(draft: StepDraft) -> dict:
    return {
        "name": draft.name,
        "our_owner": draft.our_owner,
        "their_owner": draft.their_owner,
        "due": draft.due.isoformat() if draft.due else None,
        "status": draft.status.value,
        "notes": draft.notes,
    }


def insert_step(
    db: sqlite_utils.Database,
    prospect_id: int,
    position: int,
    draft: StepDraft,
    actor: str,
    today: dt.date,
) -> int:
    """Store a step at `position` (call `renumber` after inserting in the middle)."""
    row = _columns(draft)
    step_id = row_id(
        db.table("plan_steps").insert(
            {
                "prospect_id": prospect_id,
                "position": position,
                **row,
                "changed_on": today.isoformat(),
                "changed_by": actor,
                "version": 1,
                "created_at": now_iso(),
            }
        )
    )
    audit.record(
        db,
        actor=actor,
        action="create",
        entity="plan_step",
        entity_id=step_id,
        after={"prospect_id": prospect_id, "position": position, **row},
    )
    return step_id


def update_step(
    db: sqlite_utils.Database,
    step: PlanStep,
    draft: StepDraft,
    *,
    expected_version: int,
    actor: str,
    today: dt.date,
) -> bool:
    """Save `draft` over `step` only if it is still at `expected_version`."""
    old, new = _columns(step.draft()), _columns(draft)
    changed = {f: new[f] for f in STEP_FIELDS if old[f] != new[f]}
    sets = "".join(f"{f} = ?, " for f in changed)
    cursor = db.execute(
        f"UPDATE plan_steps SET {sets}changed_on = ?, changed_by = ?, version = version + 1 "
        "WHERE id = ? AND version = ?",
        [*changed.values(), today.isoformat(), actor, step.step_id, expected_version],
    )
    if cursor.rowcount != 1:
        return False
    if changed:
        audit.record(
            db,
            actor=actor,
            action="update",
            entity="plan_step",
            entity_id=step.step_id,
            before={f: old[f] for f in changed},
            after=changed,
        )
    return True


def renumber(db: sqlite_utils.Database, step_ids: list[int]) -> None:
    """Store the order of a plan's steps (positions 1..n in the order given)."""
    for position, step_id in enumerate(step_ids, start=1):
        db.execute("UPDATE plan_steps SET position = ? WHERE id = ?", [position, step_id])


def delete_step(db: sqlite_utils.Database, step: PlanStep, actor: str) -> None:
    if step.step_id is None:
        raise NotFound(f"The step {step.name!r} is not stored, so there is nothing to delete.")
    db.table("plan_steps").delete(step.step_id)
    audit.record(
        db,
        actor=actor,
        action="delete",
        entity="plan_step",
        entity_id=step.step_id,
        before=_columns(step.draft()),
    )


def delete_steps(db: sqlite_utils.Database, prospect_id: int, actor: str) -> int:
    gone = steps(db, prospect_id)
    for step in gone:
        delete_step(db, step, actor)
    return len(gone)
