"""Repository for prospects and their buying committee (insights live in store.insights)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import sqlite_utils

from enabler.domain.modules import Stage
from enabler.domain.prospects import Contact, Prospect
from enabler.domain.refs import ProspectRef
from enabler.errors import Conflict, Fix, Hint, NotFound
from enabler.store import audit
from enabler.store.connection.refs import find_row
from enabler.store.connection.rows import date_or_none, list_json, now_iso, row_id, tuple_of
from enabler.store.insights import add_insight, insights  # noqa: F401  (kept for callers)


def _prospect(row: dict) -> Prospect:
    return Prospect(
        id=row["id"],
        company=row["company"],
        industry=row["industry"],
        stage=Stage(row["stage"]),
        domain=row["domain"],
        employees=row["employees"],
        revenue=row["revenue"],
        region=row["region"],
        owner_rep=row["owner_rep"],
        pains=tuple_of(row["pains"]),
        goals=tuple_of(row["goals"]),
        competitors=tuple_of(row["competitors"]),
        current_vendor=row["current_vendor"],
        next_meeting=date_or_none(row["next_meeting"]),
        logo=row["logo"] or "",
        currency=row["currency"],
        locale=row["locale"],
        crm_id=row["crm_id"] or "",
        deal_amount=row["deal_amount"],
        close_date=date_or_none(row["close_date"]),
    )


def _columns(p: Prospect) -> dict:
    """The prospect's stored columns (without id and timestamps)."""
    return {
        "company": p.company,
        "domain": p.domain,
        "industry": p.industry,
        "employees": p.employees,
        "revenue": p.revenue,
        "region": p.region,
        "stage": p.stage.value,
        "owner_rep": p.owner_rep,
        "pains": list_json(p.pains),
        "goals": list_json(p.goals),
        "competitors": list_json(p.competitors),
        "current_vendor": p.current_vendor,
        "next_meeting": p.next_meeting.isoformat() if p.next_meeting else None,
        "logo": p.logo or None,
        "currency": p.currency,
        "locale": p.locale,
        "crm_id": p.crm_id or None,
        "deal_amount": p.deal_amount,
        "close_date": p.close_date.isoformat() if p.close_date else None,
    }


def _plain(value):
    if isinstance(value, tuple):
        return list(value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _check_unique(db: sqlite_utils.Database, p: Prospect) -> None:
    clash = db.execute(
        "SELECT company FROM prospects WHERE company = ? COLLATE NOCASE AND id != ?",
        [p.company, p.id],
    ).fetchone()
    if clash:
        raise Conflict(f"A prospect named {clash[0]!r} already exists; pick another name.")
    if p.crm_id:
        clash = db.execute(
            "SELECT company FROM prospects WHERE crm_id = ? AND id != ?", [p.crm_id, p.id]
        ).fetchone()
        if clash:
            raise Conflict(f"CRM id {p.crm_id} already belongs to {clash[0]!r}.")


def create(db: sqlite_utils.Database, prospect: Prospect, actor: str = "") -> Prospect:
    """Insert `prospect` (its id is ignored). Call inside a transaction."""
    _check_unique(db, dataclasses.replace(prospect, id=0))
    now = now_iso()
    pid = row_id(
        db.table("prospects").insert(_columns(prospect) | {"created_at": now, "updated_at": now})
    )
    audit.record(
        db,
        actor=actor,
        action="create",
        entity="prospect",
        entity_id=pid,
        after={"company": prospect.company},
    )
    return get(db, pid)


def update(
    db: sqlite_utils.Database, pid: int, changes: Mapping[str, Any], actor: str = ""
) -> Prospect:
    """Change some fields of a prospect; records before/after of what changed."""
    before = get(db, pid)
    after = dataclasses.replace(before, **changes)
    _check_unique(db, after)
    old, new = _columns(before), _columns(after)
    diff = {k: v for k, v in new.items() if old[k] != v}
    if not diff:
        return before
    db.table("prospects").update(pid, diff | {"updated_at": now_iso()})
    fields = [f for f in changes if getattr(before, f) != getattr(after, f)]
    audit.record(
        db,
        actor=actor,
        action="update",
        entity="prospect",
        entity_id=pid,
        before={f: _plain(getattr(before, f)) for f in fields},
        after={f: _plain(getattr(after, f)) for f in fields},
    )
    return get(db, pid)


def list_prospects(db: sqlite_utils.Database) -> list[Prospect]:
    return [_prospect(r) for r in db["prospects"].rows_where(order_by="company")]


def get(db: sqlite_utils.Database, pid: int) -> Prospect:
    rows = list(db["prospects"].rows_where("id = ?", [pid]))
    if not rows:
        raise NotFound(f"No prospect with id {pid}.", hint=Hint(Fix.LOOK_UP, "prospects"))
    return _prospect(rows[0])


def find(db: sqlite_utils.Database, ref: ProspectRef) -> Prospect:
    """The prospect `ref` names, by id or by company name (any case).

    Plain text or an int is parsed with `ProspectRef.of` too, for scripts and tests.
    """
    return _prospect(find_row(db, "prospects", "company", ProspectRef.of(ref)))


def resolve(db: sqlite_utils.Database, prospect: Prospect | ProspectRef) -> Prospect:
    """The prospect itself when given one, else the one `prospect` names."""
    return prospect if isinstance(prospect, Prospect) else find(db, prospect)


def exists(db: sqlite_utils.Database, company: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM prospects WHERE company = ? COLLATE NOCASE", [company]
    ).fetchone()
    return row is not None


# contacts ---------------------------------------------------------------------------------


def _contact(row: dict) -> Contact:
    return Contact(
        id=row["id"],
        prospect_id=row["prospect_id"],
        name=row["name"],
        title=row["title"],
        role=row["role"],
        persona=row["persona"],
        influence=row["influence"],
        stance=row["stance"],
        email=row["email"],
        primary=bool(row["is_primary"]),
    )


def _contact_columns(c: Contact) -> dict:
    return {
        "prospect_id": c.prospect_id,
        "name": c.name,
        "title": c.title,
        "role": c.role,
        "persona": c.persona,
        "influence": c.influence,
        "stance": c.stance,
        "email": c.email,
        "is_primary": int(c.primary),
    }


def _only_primary(db: sqlite_utils.Database, c: Contact) -> None:
    # One primary contact per prospect: the deck's title slide is addressed to them.
    if c.primary:
        db.execute(
            "UPDATE contacts SET is_primary = 0 WHERE prospect_id = ? AND id != ?",
            [c.prospect_id, c.id],
        )


def add_contact(db: sqlite_utils.Database, contact: Contact, actor: str = "") -> Contact:
    """Insert a contact; a nonzero `contact.id` is kept (putting back one that was removed)."""
    columns = _contact_columns(contact)
    if contact.id:
        columns["id"] = contact.id
    cid = row_id(db.table("contacts").insert(columns))
    saved = get_contact(db, cid)
    _only_primary(db, saved)
    audit.record(
        db,
        actor=actor,
        action="create",
        entity="contact",
        entity_id=cid,
        after={"prospect_id": saved.prospect_id, "name": saved.name, "persona": saved.persona},
    )
    return saved


def get_contact(db: sqlite_utils.Database, cid: int) -> Contact:
    rows = list(db["contacts"].rows_where("id = ?", [cid]))
    if not rows:
        raise NotFound(f"No contact with id {cid}.", hint=Hint(Fix.LOOK_UP, "contacts"))
    return _contact(rows[0])


def update_contact(db: sqlite_utils.Database, contact: Contact, actor: str = "") -> Contact:
    before = get_contact(db, contact.id)
    db.table("contacts").update(contact.id, _contact_columns(contact))
    _only_primary(db, contact)
    old, new = _contact_columns(before), _contact_columns(contact)
    changed = [k for k in new if old[k] != new[k]]
    if changed:
        audit.record(
            db,
            actor=actor,
            action="update",
            entity="contact",
            entity_id=contact.id,
            before={k: old[k] for k in changed},
            after={k: new[k] for k in changed},
        )
    return get_contact(db, contact.id)


def remove_contact(db: sqlite_utils.Database, cid: int, actor: str = "") -> Contact:
    gone = get_contact(db, cid)
    db.table("contacts").delete(cid)
    audit.record(
        db,
        actor=actor,
        action="delete",
        entity="contact",
        entity_id=cid,
        before={"prospect_id": gone.prospect_id, "name": gone.name},
    )
    return gone


def contacts(db: sqlite_utils.Database, pid: int) -> list[Contact]:
    rows = db["contacts"].rows_where("prospect_id = ?", [pid], order_by="is_primary DESC, id")
    return [_contact(r) for r in rows]
