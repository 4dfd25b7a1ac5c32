"""Prospects and their buying committee: add, edit, and the full picture a rep looks at."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from enabler.domain.prospects import Contact, Prospect, ReviewState, coerce_changes, parse_influence
from enabler.domain.refs import ProspectRef
from enabler.errors import Conflict, InvalidInput
from enabler.services.insights import MarkedInsight, mark, stale_after_days
from enabler.store import insights as insight_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction


@dataclass(frozen=True, slots=True)
class ProspectDetails:
    """A prospect with its committee, its insights and the segment research that matches it."""

    prospect: Prospect
    contacts: tuple[Contact, ...]
    insights: tuple[MarkedInsight, ...]
    segment_research: tuple[MarkedInsight, ...]
    stale_after_days: int

    @property
    def personas(self) -> set[str]:
        return {c.persona for c in self.contacts if c.persona}


def prospect_details(
    db: sqlite_utils.Database, ref: ProspectRef, today: dt.date | None = None
) -> ProspectDetails:
    today = today or dt.date.today()
    prospect = prospect_store.find(db, ref)
    contacts = tuple(prospect_store.contacts(db, prospect.id))
    personas = {c.persona for c in contacts if c.persona}
    days = stale_after_days(db)
    research = [
        r
        for r in insight_store.segment_research(db, ReviewState.APPROVED, prospect.industry)
        if r.applies_to(prospect.industry, personas)
    ]
    return ProspectDetails(
        prospect=prospect,
        contacts=contacts,
        insights=mark(insight_store.insights(db, prospect.id), today, days),
        segment_research=mark(research, today, days),
        stale_after_days=days,
    )


def add_prospect(
    db: sqlite_utils.Database, company: str, fields: Mapping[str, Any] | None = None, actor=""
) -> Prospect:
    """A new prospect; `fields` as for `edit_prospect`."""
    values = coerce_changes({"company": company, **(fields or {})})
    with transaction(db):
        return prospect_store.create(db, Prospect(id=0, **values), actor=actor)


def edit_prospect(
    db: sqlite_utils.Database, ref: ProspectRef, changes: Mapping[str, Any], actor: str = ""
) -> Prospect:
    """Change fields (typed values or text); list fields are replaced as a whole."""
    values = coerce_changes(changes)
    with transaction(db):
        prospect = prospect_store.find(db, ref)
        return prospect_store.update(db, prospect.id, values, actor=actor)


_CONTACT_FIELDS = ("name", "title", "role", "persona", "influence", "stance", "email", "primary")


def _contact_values(changes: Mapping[str, Any]) -> dict[str, Any]:
    unknown = set(changes) - set(_CONTACT_FIELDS)
    if unknown:
        raise InvalidInput(
            f"Unknown contact field {sorted(unknown)[0]!r}; use: {', '.join(_CONTACT_FIELDS)}."
        )
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "primary":
            out[name] = bool(value)
        elif name == "influence":
            out[name] = parse_influence(str(value or ""))
        else:
            out[name] = " ".join(str(value or "").split())
    if "name" in out and not out["name"]:
        raise InvalidInput("A contact needs a name.")
    return out


def add_contact(
    db: sqlite_utils.Database, prospect_ref: ProspectRef, name: str, actor: str = "", **fields
) -> Contact:
    """Add someone to a prospect's buying committee (title, role, persona, influence…)."""
    values = _contact_values({"name": name, **fields})
    with transaction(db):
        prospect = prospect_store.find(db, prospect_ref)
        return prospect_store.add_contact(
            db, Contact(id=0, prospect_id=prospect.id, **values), actor=actor
        )


def edit_contact(db: sqlite_utils.Database, contact_id: int, actor: str = "", **changes) -> Contact:
    values = _contact_values(changes)
    with transaction(db):
        contact = prospect_store.get_contact(db, contact_id)
        return prospect_store.update_contact(db, dataclasses.replace(contact, **values), actor)


def remove_contact(db: sqlite_utils.Database, contact_id: int, actor: str = "") -> Contact:
    with transaction(db):
        return prospect_store.remove_contact(db, contact_id, actor)


def restore_contact(db: sqlite_utils.Database, contact: Contact, actor: str = "") -> Contact:
    """Put back a contact that `remove_contact` took away, with its id (so earlier edits of it
    can still be undone)."""
    with transaction(db):
        prospect_store.get(db, contact.prospect_id)  # NotFound if the prospect went meanwhile
        if db.execute("SELECT 1 FROM contacts WHERE id = ?", [contact.id]).fetchone():
            raise Conflict(f"{contact.name} is already on the committee; nothing to put back.")
        return prospect_store.add_contact(db, contact, actor=actor)
