"""Contacts from a CRM export into prospects' buying committees: read, match, plan (pure).

A contact belongs to the prospect whose CRM id is the contact's account id (or, failing
that, whose name is the contact's account name). Within that committee a person is the same
one when the e-mail, else the name, matches; a repeat in the file is combined with its first
row. A prospect without a committee gets its first imported contact as primary, so a deck
addressed to "the contact" has someone to address.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from enabler.domain.crm.plan import FieldChange, RowAction, RowOutcome
from enabler.domain.crm.rows import BadRow
from enabler.domain.crm.values import company_key, is_empty
from enabler.domain.prospects import Contact, Prospect


@dataclass(frozen=True, slots=True)
class ContactRecord:
    line: int
    account: str  # the account's CRM id with its namespace ("salesforce:001…"), or ""
    company: str  # the account's name when the export has it, else ""
    name: str
    title: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class ContactPlan:
    outcomes: tuple[RowOutcome, ...]
    adds: tuple[Contact, ...] = ()  # prospect_id may be a provisional (negative) id
    updates: tuple[Contact, ...] = ()


def _clean(text: str) -> str:
    return " ".join(text.replace("\x00", "").split())


def read_contact(
    line: int, cells: Sequence[str], columns: Mapping[str, int], crm: str = ""
) -> ContactRecord | BadRow:
    """One contact row; `columns` maps crm_id, company, name, first_name… to cell positions."""

    def cell(name: str) -> str:
        i = columns.get(name)
        return _clean(cells[i]) if i is not None and i < len(cells) else ""

    name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
    raw_id = cell("crm_id")
    account = f"{crm}:{raw_id}" if crm and raw_id and not is_empty(raw_id) else raw_id
    if not name:
        return BadRow(line, "", "has no contact name")
    if not account and not cell("company"):
        return BadRow(line, "", f"{name} is not linked to an account (AccountId is empty)")
    email = cell("email")
    return ContactRecord(line, account, cell("company"), name, cell("title"), email)


def _person_key(text: str) -> str:
    return " ".join(text.casefold().split())


class _Committee:
    """One prospect's people, on file and planned, found by e-mail or name."""

    def __init__(self, people: Iterable[Contact]) -> None:
        self.people = list(people)

    def find(self, rec: ContactRecord) -> Contact | None:
        for c in self.people:
            if rec.email and c.email and _person_key(c.email) == _person_key(rec.email):
                return c
        for c in self.people:
            if _person_key(c.name) == _person_key(rec.name):
                return c
        return None


def plan_contacts(
    records: Iterable[ContactRecord],
    bad_rows: Iterable[BadRow],
    prospects: Iterable[Prospect],
    committees: Mapping[int, Sequence[Contact]],
) -> ContactPlan:
    """Which rows add a person, update one, repeat an earlier row, or cannot be placed."""
    by_id: dict[str, Prospect] = {}
    by_name: dict[str, Prospect] = {}
    for p in prospects:
        if p.crm_id:
            by_id.setdefault(p.crm_id, p)
        by_name.setdefault(company_key(p.company), p)
    outcomes: list[RowOutcome] = []
    teams: dict[int, _Committee] = {}
    first_line: dict[tuple[int, int], int] = {}  # (prospect, id(contact)) → line that made it
    adds: dict[int, Contact] = {}  # line → contact to add
    changed: dict[int, Contact] = {}  # contact id → contact as updated
    for rec in records:
        prospect = by_id.get(rec.account) if rec.account else None
        if prospect is None and rec.company:
            prospect = by_name.get(company_key(rec.company))
        if prospect is None:
            where = f"account {rec.account.split(':')[-1]}" if rec.account else rec.company
            outcomes.append(
                RowOutcome(
                    rec.line,
                    RowAction.SKIPPED,
                    rec.company,
                    notes=(
                        f"{rec.name}: {where} is not a prospect; import its Account file "
                        "first, or with this one",
                    ),
                    contact=rec.name,
                )
            )
            continue
        team = teams.get(prospect.id)
        if team is None:
            team = teams[prospect.id] = _Committee(committees.get(prospect.id, ()))
        person = team.find(rec)
        fields = {"title": rec.title, "email": rec.email}
        if person is not None and (prospect.id, id(person)) in first_line:
            first = first_line[(prospect.id, id(person))]
            outcomes.append(
                RowOutcome(
                    rec.line,
                    RowAction.MERGED,
                    prospect.company,
                    prospect.id,
                    notes=(f"same person as line {first}; that row is used",),
                    contact=rec.name,
                )
            )
            continue
        if person is None:
            person = Contact(
                0, prospect.id, rec.name, rec.title, email=rec.email, primary=not team.people
            )
            team.people.append(person)
            first_line[(prospect.id, id(person))] = rec.line
            adds[rec.line] = person
            changes = tuple(FieldChange(k, None, v) for k, v in fields.items() if v)
            action = RowAction.CREATE
        else:
            first_line[(prospect.id, id(person))] = rec.line
            new: dict[str, Any] = {k: v for k, v in fields.items() if v and getattr(person, k) != v}
            changes = tuple(FieldChange(k, getattr(person, k), v) for k, v in new.items())
            if new:
                changed[person.id] = dataclasses.replace(person, **new)
            action = RowAction.UPDATE if new else RowAction.UNCHANGED
        outcomes.append(
            RowOutcome(rec.line, action, prospect.company, prospect.id, changes, (), "", rec.name)
        )
    outcomes += [  # after the records: bad rows are collected while they stream
        RowOutcome(b.line, RowAction.SKIPPED, b.company, notes=(b.message,)) for b in bad_rows
    ]
    outcomes.sort(key=lambda o: o.line)
    return ContactPlan(tuple(outcomes), tuple(adds.values()), tuple(changed.values()))
