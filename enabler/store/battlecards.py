"""Repository for competitor battlecards."""

from __future__ import annotations

import json

import sqlite_utils

from enabler.domain.battlecards import Battlecard, battlecard_from_dict, battlecard_to_dict
from enabler.domain.modules import ModuleState
from enabler.domain.objections import suggest_ref
from enabler.errors import NotFound
from enabler.store import audit
from enabler.store.connection.rows import dumps, now_iso, row_id

_GOVERNANCE = ("competitor", "owner", "state", "review_by")


def _card(row: dict) -> Battlecard:
    data = json.loads(row["content"])
    data.update({name: row[name] for name in _GOVERNANCE})
    return battlecard_from_dict(data, id=row["id"])


def create_battlecard(db: sqlite_utils.Database, card: Battlecard, actor: str = "") -> Battlecard:
    """Insert `card` (its id is ignored). Call inside a transaction."""
    data = battlecard_to_dict(card)
    row = {name: data.pop(name) for name in _GOVERNANCE}
    now = now_iso()
    cid = row_id(
        db.table("battlecards").insert(
            {**row, "content": dumps(data), "created_at": now, "updated_at": now}
        )
    )
    audit.record(
        db,
        actor=actor or card.owner,
        action="create",
        entity="battlecard",
        entity_id=cid,
        after={"competitor": card.competitor, "state": card.state.value},
    )
    return _card(db.table("battlecards").get(cid))


def replace_battlecard(
    db: sqlite_utils.Database, card_id: int, card: Battlecard, actor: str, why: str
) -> Battlecard:
    """Overwrite every field of a battlecard. Call inside a transaction."""
    before = _card(db.table("battlecards").get(card_id))
    data = battlecard_to_dict(card)
    row = {name: data.pop(name) for name in _GOVERNANCE}
    db.table("battlecards").update(
        card_id, {**row, "content": dumps(data), "updated_at": now_iso()}
    )
    audit.record(
        db,
        actor=actor,
        action="update",
        entity="battlecard",
        entity_id=card_id,
        before={"competitor": before.competitor, "state": before.state.value},
        after={"competitor": card.competitor, "state": card.state.value, "why": why},
    )
    return _card(db.table("battlecards").get(card_id))


def list_battlecards(
    db: sqlite_utils.Database, state: ModuleState | None = None
) -> list[Battlecard]:
    where, args = ("state = ?", [state.value]) if state else (None, None)
    return [_card(r) for r in db["battlecards"].rows_where(where, args, order_by="competitor")]


def get_battlecard(db: sqlite_utils.Database, competitor: str) -> Battlecard:
    """The battlecard for `competitor` (case-insensitive)."""
    name = competitor.strip()
    rows = list(db["battlecards"].rows_where("competitor = ? COLLATE NOCASE", [name]))
    if not rows:
        known = [r["competitor"] for r in db["battlecards"].rows_where(select="competitor")]
        listed = f" Known competitors: {', '.join(sorted(known))}." if known else ""
        hint = suggest_ref(name, known)
        raise NotFound(f"No battlecard for {name!r}.{hint}{listed}")
    return _card(rows[0])


def battlecard_exists(db: sqlite_utils.Database, competitor: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM battlecards WHERE competitor = ? COLLATE NOCASE", [competitor.strip()]
    ).fetchone()
    return row is not None
