"""Repository for the objection library and each prospect's checklist items."""

from __future__ import annotations

import sqlite_utils

from enabler.domain.modules import ModuleState, Stage
from enabler.domain.objections import Answer, Objection, ObjectionCategory
from enabler.domain.refs import ObjectionRef
from enabler.store import audit
from enabler.store.connection.refs import find_row
from enabler.store.connection.rows import date_or_none, list_json, now_iso, row_id, tuple_of


def objection_row(row: dict) -> Objection:
    """An Objection from its `objections` row."""
    return Objection(
        id=row["id"],
        key=row["key"],
        text=row["text"],
        category=ObjectionCategory(row["category"]),
        answer=Answer(row["acknowledge"], row["reframe"], row["proof"], row["question_back"]),
        stages=tuple(Stage(s) for s in tuple_of(row["stages"])),
        industries=tuple_of(row["industries"]),
        competitor=row["competitor"],
        keywords=tuple_of(row["keywords"]),
        proof_modules=tuple_of(row["proof_modules"]),
        owner=row["owner"],
        state=ModuleState(row["state"]),
        review_by=date_or_none(row["review_by"]),
    )


def _columns(objection: Objection) -> dict:
    return {
        "key": objection.key,
        "text": objection.text,
        "category": objection.category.value,
        "stages": list_json(objection.stages),
        "industries": list_json(objection.industries),
        "competitor": objection.competitor,
        "keywords": list_json(objection.keywords),
        "acknowledge": objection.answer.acknowledge,
        "reframe": objection.answer.reframe,
        "proof": objection.answer.proof,
        "question_back": objection.answer.question_back,
        "proof_modules": list_json(objection.proof_modules),
        "owner": objection.owner,
        "state": objection.state.value,
        "review_by": objection.review_by.isoformat() if objection.review_by else None,
    }


def create_objection(db: sqlite_utils.Database, objection: Objection, actor: str = "") -> Objection:
    """Insert `objection` (its id is ignored). Call inside a transaction."""
    now = now_iso()
    oid = row_id(
        db.table("objections").insert(_columns(objection) | {"created_at": now, "updated_at": now})
    )
    audit.record(
        db,
        actor=actor or objection.owner,
        action="create",
        entity="objection",
        entity_id=oid,
        after={"key": objection.key, "state": objection.state.value},
    )
    return get_objection(db, oid)


def replace_objection(
    db: sqlite_utils.Database, objection_id: int, objection: Objection, actor: str, why: str
) -> Objection:
    """Overwrite every field of a library objection (its key stays). In a transaction."""
    before = get_objection(db, objection_id)
    columns = _columns(objection) | {"key": before.key, "updated_at": now_iso()}
    db.table("objections").update(objection_id, columns)
    audit.record(
        db,
        actor=actor,
        action="update",
        entity="objection",
        entity_id=objection_id,
        before={"state": before.state.value, "text": before.text},
        after={"state": objection.state.value, "text": objection.text, "why": why},
    )
    return get_objection(db, objection_id)


def set_objection_state(
    db: sqlite_utils.Database, ref: ObjectionRef | int | str, state: ModuleState, actor: str = ""
) -> Objection:
    """Move an objection through its lifecycle (draft → in review → approved → retired)."""
    before = get_objection(db, ref)
    db.table("objections").update(before.id, {"state": state.value, "updated_at": now_iso()})
    audit.record(
        db,
        actor=actor,
        action="state",
        entity="objection",
        entity_id=before.id,
        before={"state": before.state.value},
        after={"state": state.value},
    )
    return get_objection(db, before.id)


def list_objections(db: sqlite_utils.Database, state: ModuleState | None = None) -> list[Objection]:
    where, args = ("state = ?", [state.value]) if state else (None, None)
    return [objection_row(r) for r in db["objections"].rows_where(where, args, order_by="id")]


def get_objection(db: sqlite_utils.Database, ref: ObjectionRef | int | str) -> Objection:
    """The objection `ref` names: an ObjectionRef, an id, or a key as stored (never an id)."""
    ref = ObjectionRef.by_name(ref) if isinstance(ref, str) else ObjectionRef.of(ref)
    return objection_row(find_row(db, "objections", "key", ref))


def objection_exists(db: sqlite_utils.Database, key: str) -> bool:
    return db.execute("SELECT 1 FROM objections WHERE key = ?", [key]).fetchone() is not None
