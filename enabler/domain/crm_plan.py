"""What a CRM import will do: match rows to prospects, merge repeats, list every change (pure).

A row matches an existing prospect by CRM id, else by web domain, else by normalised company
name. Rows of one file that name the same company are combined (later rows win), so a report
with several opportunities per account updates one prospect once — and a second import of
the same file finds nothing left to change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from enabler.domain.crm_rows import BadRow, CrmRecord
from enabler.domain.crm_values import company_key, normalise_domain
from enabler.domain.prospects import Prospect


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


@dataclass(frozen=True, slots=True)
class ImportPlan:
    outcomes: tuple[RowOutcome, ...]
    creates: tuple[Prospect, ...] = ()
    updates: tuple[tuple[int, Mapping[str, object]], ...] = ()

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
    values: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class _Matcher:
    """Lookup by CRM id, domain and name, over prospects on file and new rows seen so far."""

    def __init__(self) -> None:
        self.crm: dict[str, object] = {}
        self.domain: dict[str, object] = {}
        self.name: dict[str, object] = {}

    def add(self, item, crm_id: str, domain: str, name: str) -> None:
        if crm_id:
            self.crm.setdefault(crm_id, item)
        if domain:
            self.domain.setdefault(domain, item)
        self.name.setdefault(company_key(name), item)

    def find(self, rec: CrmRecord):
        for how, table, key in (
            ("CRM id", self.crm, rec.values.get("crm_id")),
            ("domain", self.domain, rec.values.get("domain")),
            ("name", self.name, company_key(rec.company)),
        ):
            if key and key in table:
                return table[key], how
        return None, ""


def _absorb(group: _Group, rec: CrmRecord) -> None:
    values = dict(rec.values)
    target = group.target
    if target is not None:
        if target.crm_id and values.get("crm_id", target.crm_id) != target.crm_id:
            group.notes.append(
                f"CRM id {values.pop('crm_id')} differs from the one on file "
                f"({target.crm_id}); kept"
            )
        if company_key(rec.company) != company_key(target.company):
            group.notes.append(f"the CRM calls it {rec.company!r}; the name here stays")
    group.values.update(values)
    prefix = f"line {rec.line}: " if group.lines else ""
    group.notes += [prefix + n for n in rec.notes]
    group.lines.append(rec.line)


def plan_import(
    records: Iterable[CrmRecord], bad_rows: Iterable[BadRow], existing: Iterable[Prospect]
) -> ImportPlan:
    """The per-row outcomes, the prospects to create and the field changes to make."""
    on_file = _Matcher()
    for p in existing:
        on_file.add(p, p.crm_id, normalise_domain(p.domain), p.company)
    pending = _Matcher()
    groups: list[_Group] = []
    by_prospect: dict[int, _Group] = {}
    for rec in records:
        target, how = on_file.find(rec)
        if target is not None:
            group = by_prospect.get(target.id)
            if group is None:
                group = by_prospect[target.id] = _Group(target, how, target.company)
                groups.append(group)
        else:
            group, _ = pending.find(rec)
            if group is None:
                group = _Group(None, "", rec.company)
                groups.append(group)
            pending.add(
                group, rec.values.get("crm_id", ""), rec.values.get("domain", ""), rec.company
            )
        _absorb(group, rec)

    outcomes = [
        RowOutcome(b.line, RowAction.SKIPPED, b.company, notes=(b.message,)) for b in bad_rows
    ]
    creates, updates = [], []
    for g in groups:
        first, *rest = g.lines
        if g.target is None:
            creates.append(Prospect(id=0, company=g.company, **g.values))
            changes = tuple(FieldChange(k, None, v) for k, v in sorted(g.values.items()))
            action, pid = RowAction.CREATE, None
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
                notes=(f"same company as line {first}; combined with it (later lines win)",),
            )
            for line in rest
        ]
    outcomes.sort(key=lambda o: o.line)
    return ImportPlan(tuple(outcomes), tuple(creates), tuple(updates))


def with_ids(plan: ImportPlan, created: Mapping[str, int]) -> ImportPlan:
    """The plan's outcomes with the ids the new prospects got (by company)."""
    outcomes = tuple(
        dataclasses.replace(o, prospect_id=created.get(o.company, o.prospect_id))
        for o in plan.outcomes
    )
    return dataclasses.replace(plan, outcomes=outcomes)
