"""What a CRM import will do: match rows to prospects, merge repeats, list every change (pure).

A row matches an existing prospect by CRM id, else by web domain, else by normalised company
name. Rows of one file that name the same company are combined (later rows win), so a report
with several opportunities per account updates one prospect once — and a second import of
the same file finds nothing left to change. Two accounts of one file that would become
prospects of the same name (or CRM id) cannot both be imported: the later is skipped and both
lines are named, so what a dry run says is what the import does. New prospects get
provisional (negative) ids, so a later file of the same import can update them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from enabler.domain.crm.rows import BadRow, CrmRecord
from enabler.domain.crm.values import company_key, normalise_domain
from enabler.domain.prospects import Prospect

DEAL_FIELDS = ("stage", "deal_amount", "close_date", "owner_rep")


class RowAction(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    MERGED = "merged"  # same company as an earlier row; counted there
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True, slots=True)
class RowOutcome:
    line: int
    action: RowAction
    company: str
    prospect_id: int | None = None
    changes: tuple[FieldChange, ...] = ()
    notes: tuple[str, ...] = ()
    matched_on: str = ""  # "CRM id", "domain" or "name"
    contact: str = ""  # a contact row: the person; `company` is their prospect


@dataclass(frozen=True, slots=True)
class ImportPlan:
    outcomes: tuple[RowOutcome, ...]
    creates: tuple[Prospect, ...] = ()
    updates: tuple[tuple[int, Mapping[str, Any]], ...] = ()

    def count(self, action: RowAction) -> int:
        return sum(1 for o in self.outcomes if o.action is action)

    @property
    def changes_anything(self) -> bool:
        return bool(self.creates or self.updates)


@dataclass(slots=True)
class _Group:
    target: Prospect | None
    matched_on: str
    company: str
    lines: list[int] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    clash: str = ""  # why the group cannot be imported
    deal_rank: tuple[int, int] | None = None  # of the deal that set the deal fields


def nocase(text: str) -> str:
    """Names as SQLite's NOCASE compares them (ASCII letters only), as the library's check does."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class _Matcher:
    """Lookup by CRM id, domain and name, over prospects on file and new rows seen so far."""

    def __init__(self) -> None:
        self.crm: dict[str, Any] = {}
        self.domain: dict[str, Any] = {}
        self.name: dict[str, Any] = {}

    def add(self, item, crm_id: str, domain: str, name: str) -> None:
        if crm_id:
            self.crm.setdefault(crm_id, item)
        if domain:
            self.domain.setdefault(domain, item)
        self.name.setdefault(company_key(name), item)

    def find(self, rec: CrmRecord, crm_of=None):
        """The item the row is, and how it matched; with `crm_of`, never one whose CRM id
        differs from the row's (two accounts of one file are two prospects)."""
        crm_id = rec.values.get("crm_id")
        for how, table, key in (
            ("CRM id", self.crm, crm_id),
            ("domain", self.domain, rec.values.get("domain")),
            ("name", self.name, company_key(rec.company) if rec.company else ""),
        ):
            if key and key in table:
                item = table[key]
                other = crm_of(item) if crm_of else ""
                if crm_id and other and other != crm_id and _crm(other) == _crm(crm_id):
                    continue  # another account of the same CRM: another prospect
                return item, how
        return None, ""


def _crm(crm_id: str) -> str:
    """'salesforce:001…' → 'salesforce': ids of different CRMs never say two accounts differ."""
    return crm_id.partition(":")[0] if ":" in crm_id else ""


def _absorb(group: _Group, rec: CrmRecord) -> None:
    values = dict(rec.values)
    target = group.target
    if target is not None:
        if target.crm_id and values.get("crm_id", target.crm_id) != target.crm_id:
            group.notes.append(
                f"CRM id {values.pop('crm_id')} differs from the one on file "
                f"({target.crm_id}); kept"
            )
        if rec.company and company_key(rec.company) != company_key(target.company):
            group.notes.append(f"the CRM calls it {rec.company!r}; the name here stays")
    if rec.deal_rank is not None:
        if group.deal_rank is not None and rec.deal_rank < group.deal_rank:
            for name in DEAL_FIELDS:
                values.pop(name, None)
        else:
            group.deal_rank = rec.deal_rank
    group.values.update(values)
    prefix = f"line {rec.line}: " if group.lines else ""
    group.notes += [prefix + n for n in rec.notes]
    group.lines.append(rec.line)


def plan_import(
    records: Iterable[CrmRecord],
    bad_rows: Iterable[BadRow],
    existing: Iterable[Prospect],
    first_new_id: int = -1,
) -> ImportPlan:
    """The per-row outcomes, the prospects to create and the field changes to make.

    New prospects get ids first_new_id, first_new_id - 1… (negative: provisional)."""
    existing = list(existing)
    on_file = _Matcher()
    for p in existing:
        on_file.add(p, p.crm_id, normalise_domain(p.domain), p.company)
    pending = _Matcher()
    groups: list[_Group] = []
    by_prospect: dict[int, _Group] = {}
    outcomes = []
    for rec in records:
        target, how = on_file.find(rec, crm_of=lambda p: p.crm_id)
        if target is not None:
            group = by_prospect.get(target.id)
            if group is None:
                group = by_prospect[target.id] = _Group(target, how, target.company)
                groups.append(group)
        elif not rec.company:
            outcomes.append(_unplaced(rec))
            continue
        else:
            group, _ = pending.find(rec, crm_of=lambda g: g.values.get("crm_id", ""))
            if group is None:
                group = _Group(None, "", rec.company)
                groups.append(group)
            pending.add(
                group, rec.values.get("crm_id", ""), rec.values.get("domain", ""), rec.company
            )
        _absorb(group, rec)

    outcomes += [
        RowOutcome(b.line, RowAction.SKIPPED, b.company, notes=(b.message,)) for b in bad_rows
    ]
    _find_clashes(groups, existing)
    creates, updates = [], []
    next_id = first_new_id
    for g in groups:
        first, *rest = g.lines
        if g.clash:
            outcomes += [
                RowOutcome(line, RowAction.SKIPPED, g.company, notes=(g.clash,)) for line in g.lines
            ]
            continue
        if g.target is None:
            creates.append(Prospect(id=next_id, company=g.company, **g.values))
            changes = tuple(FieldChange(k, None, v) for k, v in sorted(g.values.items()))
            action, pid = RowAction.CREATE, next_id
            next_id -= 1
        else:
            changes = tuple(
                FieldChange(k, getattr(g.target, k), v)
                for k, v in sorted(g.values.items())
                if getattr(g.target, k) != v
            )
            if changes:
                updates.append((g.target.id, {c.field: c.after for c in changes}))
            action = RowAction.UPDATE if changes else RowAction.UNCHANGED
            pid = g.target.id
        outcomes.append(
            RowOutcome(first, action, g.company, pid, changes, tuple(g.notes), g.matched_on)
        )
        outcomes += [
            RowOutcome(
                line,
                RowAction.MERGED,
                g.company,
                pid,
                notes=(_merged_note(first, g.deal_rank is not None),),
            )
            for line in rest
        ]
    outcomes.sort(key=lambda o: o.line)
    return ImportPlan(tuple(outcomes), tuple(creates), tuple(updates))


def _merged_note(first: int, ranked: bool) -> str:
    if ranked:
        return (
            f"same account as line {first}; combined with it (its open deal closing last, "
            "else its last closed one, sets stage, amount and close date)"
        )
    return f"same company as line {first}; combined with it (later lines win)"


def _unplaced(rec: CrmRecord) -> RowOutcome:
    account = str(rec.values.get("crm_id", "")).split(":")[-1]
    return RowOutcome(
        rec.line,
        RowAction.SKIPPED,
        "",
        notes=(
            f"account {account} is not a prospect and the file does not name it: import "
            "its Account file first, or with this one",
        ),
    )


def _find_clashes(groups: list[_Group], existing: list[Prospect]) -> None:
    """Mark what the library's unique names and CRM ids would refuse, naming both lines."""
    names: dict[str, str] = {nocase(p.company): f"prospect {p.company!r}" for p in existing}
    crm_ids: dict[str, str] = {p.crm_id: f"prospect {p.company!r}" for p in existing if p.crm_id}
    for g in sorted(groups, key=lambda g: g.lines[0]):
        crm_id = str(g.values.get("crm_id", ""))
        owner = g.target.company if g.target else None
        if g.target is None:
            where = f"line {g.lines[0]}"
            if nocase(g.company) in names:
                g.clash = (
                    f"another account has the same name ({names[nocase(g.company)]}); a "
                    "prospect's name must be unique, so this one was not imported: rename "
                    "one of them in the CRM and import again"
                )
                continue
            if crm_id and crm_id in crm_ids:
                g.clash = f"CRM id {crm_id} is already used ({crm_ids[crm_id]}); not imported"
                continue
            names[nocase(g.company)] = f"line {g.lines[0]}"
        else:
            where = f"{owner!r}, line {g.lines[0]}"
            if crm_id and crm_id in crm_ids and g.target.crm_id != crm_id:
                g.notes.append(f"CRM id {crm_id} already belongs to {crm_ids[crm_id]}; not set")
                g.values.pop("crm_id")
                continue
        if crm_id:
            crm_ids.setdefault(crm_id, where)


def with_ids(plan: ImportPlan, ids: Mapping[int, int]) -> ImportPlan:
    """The plan's outcomes with the real ids of the prospects it created (provisional → real)."""
    outcomes = tuple(
        dataclasses.replace(o, prospect_id=ids.get(o.prospect_id, o.prospect_id))
        if o.prospect_id is not None and o.prospect_id < 0
        else o
        for o in plan.outcomes
    )
    return dataclasses.replace(plan, outcomes=outcomes)


def after_plan(existing: Iterable[Prospect], plan: ImportPlan) -> list[Prospect]:
    """The prospects as they will be once `plan` is applied (new ones with provisional ids)."""
    changes = dict(plan.updates)
    result = [dataclasses.replace(p, **changes[p.id]) if p.id in changes else p for p in existing]
    return result + list(plan.creates)
