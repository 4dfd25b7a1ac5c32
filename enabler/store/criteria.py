"""Repository for the criteria library and each prospect's criteria checklist items."""

from __future__ import annotations

import datetime as dt
import json

import sqlite_utils

from enabler.domain.criteria import (
    Criterion,
    CriterionItem,
    CriterionStatus,
    KnownGap,
    Proof,
    custom_ref,
)
from enabler.domain.modules import ModuleState
from enabler.domain.refs import CriterionRef
from enabler.store import audit
from enabler.store.connection.refs import find_row
from enabler.store.connection.rows import date_or_none, dumps, list_json, now_iso, row_id, tuple_of

# Columns a rep may change on a checklist item.
ITEM_FIELDS = ("wording", "weight", "status", "evidence", "note", "dropped")


def _criterion(row: dict) -> Criterion:
    return Criterion(
        id=row["id"],
        key=row["key"],
        name=row["name"],
        question=row["question"],
        industries=tuple_of(row["industries"]),
        personas=tuple_of(row["personas"]),
        how_we_meet=row["how_we_meet"],
        proof=Proof(
            tuple_of(row["proof_modules"]),
            tuple_of(row["case_studies"]),
            tuple_of(row["certifications"]),
        ),
        gaps=tuple(KnownGap(g["gap"], g["answer"]) for g in json.loads(row["gaps"] or "[]")),
        weight=row["weight"],
        owner=row["owner"],
        state=ModuleState(row["state"]),
        review_by=date_or_none(row["review_by"]),
    )


def _columns(crit: Criterion) -> dict:
    return {
        "key": crit.key,
        "name": crit.name,
        "question": crit.question,
        "industries": list_json(crit.industries),
        "personas": list_json(crit.personas),
        "how_we_meet": crit.how_we_meet,
        "proof_modules": list_json(crit.proof.modules),
        "case_studies": list_json(crit.proof.case_studies),
        "certifications": list_json(crit.proof.certifications),
        "gaps": dumps([{"gap": g.gap, "answer": g.answer} for g in crit.gaps]),
        "weight": crit.weight,
        "owner": crit.owner,
        "state": crit.state.value,
        "review_by": crit.review_by.isoformat() if crit.review_by else None,
    }


def create_criterion(db: sqlite_utils.Database, crit: Criterion, actor: str = "") -> Criterion:
    """Insert `crit` (its id is ignored). Call inside a transaction."""
    now = now_iso()
    cid = row_id(
        db.table("criteria").insert(_columns(crit) | {"created_at": now, "updated_at": now})
    )
    audit.record(
        db,
        actor=actor or crit.owner,
        action="create",
        entity="criterion",
        entity_id=cid,
        after={"key": crit.key, "state": crit.state.value},
    )
    return get_criterion(db, cid)


def replace_criterion(
    db: sqlite_utils.Database, criterion_id: int, crit: Criterion, actor: str, why: str
) -> Criterion:
    """Overwrite every field of a library criterion (its key stays). In a transaction.

    Prospects' checklist items keep their own wording, weight and status."""
    before = get_criterion(db, criterion_id)
    columns = _columns(crit) | {"key": before.key, "updated_at": now_iso()}
    db.table("criteria").update(criterion_id, columns)
    audit.record(
        db,
        actor=actor,
        action="update",
        entity="criterion",
        entity_id=criterion_id,
        before={"state": before.state.value, "name": before.name},
        after={"state": crit.state.value, "name": crit.name, "why": why},
    )
    return get_criterion(db, criterion_id)


def list_criteria(db: sqlite_utils.Database, state: ModuleState | None = None) -> list[Criterion]:
    where, args = ("state = ?", [state.value]) if state else (None, None)
    return [_criterion(r) for r in db["criteria"].rows_where(where, args, order_by="id")]


def get_criterion(db: sqlite_utils.Database, ref: CriterionRef | int | str) -> Criterion:
    """The criterion `ref` names: a CriterionRef, an id, or a key as stored (never an id)."""
    ref = CriterionRef.by_name(ref) if isinstance(ref, str) else CriterionRef.of(ref)
    return _criterion(find_row(db, "criteria", "key", ref))


def criterion_exists(db: sqlite_utils.Database, key: str) -> bool:
    return db.execute("SELECT 1 FROM criteria WHERE key = ?", [key]).fetchone() is not None


# --- checklist items -----------------------------------------------------------------------


def _item(row: dict, crit: Criterion | None) -> CriterionItem:
    return CriterionItem(
        ref=crit.key if crit else custom_ref(row["id"]),
        name=crit.name if crit else row["name"],
        weight=row["weight"],
        status=CriterionStatus(row["status"]),
        wording=row["wording"],
        evidence=row["evidence"],
        note=row["note"],
        reason=row["reason"],
        criterion=crit,
        item_id=row["id"],
        version=row["version"],
        changed_on=date_or_none(row["changed_on"]),
        changed_by=row["changed_by"],
    )


def _items(db, where: str, args: list) -> list[tuple[CriterionItem, bool]]:
    rows = list(db["prospect_criteria"].rows_where(where, args, order_by="id"))
    ids = sorted({r["criterion_id"] for r in rows if r["criterion_id"] is not None})
    library = {}
    if ids:
        marks = ", ".join("?" * len(ids))
        library = {
            r["id"]: _criterion(r) for r in db["criteria"].rows_where(f"id IN ({marks})", ids)
        }
    return [(_item(r, library.get(r["criterion_id"])), bool(r["dropped"])) for r in rows]


def items(db: sqlite_utils.Database, prospect_id: int) -> list[tuple[CriterionItem, bool]]:
    """(item, dropped) for every stored item of a prospect, in the order they were added."""
    return _items(db, "prospect_id = ?", [prospect_id])


def find_item(
    db: sqlite_utils.Database,
    prospect_id: int,
    *,
    criterion_id: int | None = None,
    item_id: int | None = None,
) -> tuple[CriterionItem, bool] | None:
    """(item, dropped) by its library criterion or by its own id, or None."""
    args: list[int | None]
    if criterion_id is not None:
        where, args = "prospect_id = ? AND criterion_id = ?", [prospect_id, criterion_id]
    else:
        where, args = "prospect_id = ? AND id = ?", [prospect_id, item_id]
    found = _items(db, where, args)
    return found[0] if found else None


def has_items(db: sqlite_utils.Database, prospect_id: int) -> bool:
    row = db.execute(
        "SELECT 1 FROM prospect_criteria WHERE prospect_id = ? AND dropped = 0", [prospect_id]
    ).fetchone()
    return row is not None


def insert_item(
    db: sqlite_utils.Database,
    prospect_id: int,
    *,
    criterion_id: int | None,
    name: str = "",
    values: dict,
    reason: str,
    actor: str,
    today: dt.date,
) -> int:
    """Store a new item at version 1 (`values` holds ITEM_FIELDS). Call inside a transaction."""
    row = {f: values[f] for f in ITEM_FIELDS if f in values}
    row.setdefault("status", CriterionStatus.UNKNOWN.value)
    item_id = row_id(
        db.table("prospect_criteria").insert(
            {
                "prospect_id": prospect_id,
                "criterion_id": criterion_id,
                "name": name,
                **row,
                "reason": reason,
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
        entity="prospect_criterion",
        entity_id=item_id,
        after={"prospect_id": prospect_id, "criterion_id": criterion_id, "name": name, **row},
    )
    return item_id


def update_item(
    db: sqlite_utils.Database,
    item_id: int,
    *,
    expected_version: int,
    changes: dict,
    actor: str,
    today: dt.date,
) -> bool:
    """Change an item only if it is still at `expected_version`; False if someone got there
    first. `changes` holds some of ITEM_FIELDS."""
    changes = {f: v for f, v in changes.items() if f in ITEM_FIELDS}
    before = db.execute(
        f"SELECT {', '.join(ITEM_FIELDS)} FROM prospect_criteria WHERE id = ?", [item_id]
    ).fetchone()
    sets = ", ".join(f"{f} = ?" for f in changes)
    cursor = db.execute(
        f"UPDATE prospect_criteria SET {sets}{', ' if sets else ''}changed_on = ?, "
        "changed_by = ?, version = version + 1 WHERE id = ? AND version = ?",
        [*changes.values(), today.isoformat(), actor, item_id, expected_version],
    )
    if cursor.rowcount != 1:
        return False
    old = dict(zip(ITEM_FIELDS, before, strict=True)) if before else {}
    changed = [f for f in changes if old.get(f) != changes[f]]
    if changed:
        audit.record(
            db,
            actor=actor,
            action="update",
            entity="prospect_criterion",
            entity_id=item_id,
            before={f: old.get(f) for f in changed},
            after={f: changes[f] for f in changed},
        )
    return True
