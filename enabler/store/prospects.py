"""Repository for prospects, their contacts and insights."""

from __future__ import annotations

import difflib

import sqlite_utils

from enabler.domain.modules import Stage
from enabler.domain.prospects import Contact, Insight, InsightKind, Prospect
from enabler.errors import NotFound
from enabler.store import audit
from enabler.store.rows import date_or_none, list_json, now_iso, tuple_of


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
    )


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


def _insight(row: dict) -> Insight:
    return Insight(
        id=row["id"],
        prospect_id=row["prospect_id"],
        kind=InsightKind(row["kind"]),
        text=row["text"],
        source=row["source"],
        author=row["author"],
        date=date_or_none(row["date"]),
    )


def create(db: sqlite_utils.Database, prospect: Prospect, actor: str = "") -> Prospect:
    """Insert `prospect` (its id is ignored). Call inside a transaction."""
    now = now_iso()
    pid = (
        db["prospects"]
        .insert(
            {
                "company": prospect.company,
                "domain": prospect.domain,
                "industry": prospect.industry,
                "employees": prospect.employees,
                "revenue": prospect.revenue,
                "region": prospect.region,
                "stage": prospect.stage.value,
                "owner_rep": prospect.owner_rep,
                "pains": list_json(prospect.pains),
                "goals": list_json(prospect.goals),
                "competitors": list_json(prospect.competitors),
                "current_vendor": prospect.current_vendor,
                "next_meeting": prospect.next_meeting.isoformat()
                if prospect.next_meeting
                else None,
                "logo": prospect.logo or None,
                "currency": prospect.currency,
                "locale": prospect.locale,
                "created_at": now,
                "updated_at": now,
            }
        )
        .last_pk
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


def add_contact(db: sqlite_utils.Database, contact: Contact) -> Contact:
    cid = (
        db["contacts"]
        .insert(
            {
                "prospect_id": contact.prospect_id,
                "name": contact.name,
                "title": contact.title,
                "role": contact.role,
                "persona": contact.persona,
                "influence": contact.influence,
                "stance": contact.stance,
                "email": contact.email,
                "is_primary": int(contact.primary),
            }
        )
        .last_pk
    )
    return _contact(db["contacts"].get(cid))


def add_insight(db: sqlite_utils.Database, insight: Insight) -> Insight:
    iid = (
        db["insights"]
        .insert(
            {
                "prospect_id": insight.prospect_id,
                "kind": insight.kind.value,
                "text": insight.text,
                "source": insight.source,
                "author": insight.author,
                "date": insight.date.isoformat() if insight.date else None,
            }
        )
        .last_pk
    )
    return _insight(db["insights"].get(iid))


def list_prospects(db: sqlite_utils.Database) -> list[Prospect]:
    return [_prospect(r) for r in db["prospects"].rows_where(order_by="company")]


def get(db: sqlite_utils.Database, pid: int) -> Prospect:
    rows = list(db["prospects"].rows_where("id = ?", [pid]))
    if not rows:
        raise NotFound(f"No prospect with id {pid}. See `enabler prospects list`.")
    return _prospect(rows[0])


def find(db: sqlite_utils.Database, ref: str) -> Prospect:
    """A prospect by id or by company name (case-insensitive)."""
    ref = ref.strip()
    if ref.isdigit():
        return get(db, int(ref))
    rows = list(db["prospects"].rows_where("company = ? COLLATE NOCASE", [ref]))
    if rows:
        return _prospect(rows[0])
    names = [r["company"] for r in db["prospects"].rows_where(select="company")]
    close = difflib.get_close_matches(ref, names, n=1, cutoff=0.6)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    raise NotFound(f"No prospect named {ref!r}.{hint} See `enabler prospects list`.")


def contacts(db: sqlite_utils.Database, pid: int) -> list[Contact]:
    rows = db["contacts"].rows_where("prospect_id = ?", [pid], order_by="is_primary DESC, id")
    return [_contact(r) for r in rows]


def insights(db: sqlite_utils.Database, pid: int) -> list[Insight]:
    rows = db["insights"].rows_where("prospect_id = ?", [pid], order_by="date DESC, id")
    return [_insight(r) for r in rows]


def exists(db: sqlite_utils.Database, company: str) -> bool:
    row = db.execute(
        "SELECT 1 FROM prospects WHERE company = ? COLLATE NOCASE", [company]
    ).fetchone()
    return row is not None
