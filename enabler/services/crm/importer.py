"""Import prospects and contacts from CRM exports (Salesforce, HubSpot or mapped), all or nothing.

Several files can be imported together (a Salesforce Account, Opportunity and Contact export):
accounts are planned first, and each later file is planned against the prospects as the
earlier files leave them, so opportunities and contacts find their accounts by `AccountId`.
The whole plan is made before anything is written, by the same code in a dry run and in the
real one, so the two report the same thing.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.crm.columns import CrmFormat, stage_rules
from enabler.domain.crm.contacts import ContactPlan, ContactRecord, plan_contacts
from enabler.domain.crm.mapping import CrmMapping
from enabler.domain.crm.objects import CrmObject
from enabler.domain.crm.plan import (
    ImportPlan,
    RowAction,
    RowOutcome,
    after_plan,
    plan_import,
    with_ids,
)
from enabler.domain.crm.rows import BadRow, CrmRecord
from enabler.domain.crm.values import DateOrder
from enabler.domain.prospects import Contact
from enabler.errors import Conflict, EnablerError, InvalidInput
from enabler.services.crm.csv_read import CsvFile
from enabler.services.crm.sources import (
    FORMAT_CHOICES,
    CrmSource,
    RowContext,
    as_mapping,
    load_mapping,
    open_source,
    parse_date_order,
)
from enabler.store import audit
from enabler.store import crm as crm_store
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction

__all__ = ["FORMAT_CHOICES", "ImportReport", "import_crm", "import_crm_files", "load_mapping"]


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did (or, in a dry run, would do) with one file, row by row."""

    file: str
    format: CrmFormat
    encoding: str
    delimiter: str
    date_order: DateOrder
    dry_run: bool
    outcomes: tuple[RowOutcome, ...]
    object: CrmObject = CrmObject.REPORT

    def count(self, action: RowAction) -> int:
        return sum(1 for o in self.outcomes if o.action is action)

    @property
    def changed(self) -> bool:
        return any(o.action in (RowAction.CREATE, RowAction.UPDATE) for o in self.outcomes)


def _known_industries(db: sqlite_utils.Database) -> tuple[str, ...]:
    names = {i for m in module_store.list_modules(db) for i in m.industries}
    names |= {p.industry for p in prospect_store.list_prospects(db) if p.industry}
    return tuple(sorted(names, key=str.casefold))


def row_context(db: sqlite_utils.Database, mapping: CrmMapping | None) -> RowContext:
    rules = stage_rules(crm_store.stage_edits(db))
    if mapping:
        rules.update(mapping.stages)
    return RowContext(rules, _known_industries(db), dict(mapping.industries) if mapping else {})


def _split(rows: Iterable, bad: list[BadRow]) -> Iterable:
    """The usable rows, streamed; bad ones are set aside in `bad` as they pass."""
    for row in rows:
        if isinstance(row, BadRow):
            bad.append(row)
        else:
            yield row


def read_export(
    db: sqlite_utils.Database,
    path: Path | str,
    fmt: str = "auto",
    mapping: CrmMapping | Path | str | None = None,
    date_order: DateOrder | str | None = None,
) -> tuple[CsvFile, CrmFormat, DateOrder, list[CrmRecord], list[BadRow]]:
    """Read and check every row of an export, without touching the library (for previews)."""
    mapping = as_mapping(mapping)
    source = open_source(path, fmt, mapping, parse_date_order(date_order))
    rows = source.records(row_context(db, mapping))
    bad: list[BadRow] = []
    records = list(_split(rows, bad))
    return source.file, source.format, source.date_order, records, bad


@dataclass(frozen=True, slots=True)
class _FilePlan:
    source: CrmSource
    plan: ImportPlan | ContactPlan


def _plan_all(
    db: sqlite_utils.Database, sources: Sequence[CrmSource], ctx: RowContext
) -> list[_FilePlan]:
    prospects = prospect_store.list_prospects(db)
    committees: dict[int, list[Contact]] = {}
    plans = []
    next_id = -1
    for source in sorted(sources, key=lambda s: s.object.order):
        bad: list[BadRow] = []
        plan: ImportPlan | ContactPlan
        if source.object is CrmObject.CONTACT:
            for p in prospects:
                if p.id > 0 and p.id not in committees:
                    committees[p.id] = prospect_store.contacts(db, p.id)
            contacts: Iterable[ContactRecord] = _split(source.contacts(), bad)
            plan = plan_contacts(contacts, bad, prospects, committees)
            for c in plan.adds:
                committees.setdefault(c.prospect_id, []).append(c)
            for c in plan.updates:
                committees[c.prospect_id] = [
                    c if old.id == c.id else old for old in committees[c.prospect_id]
                ]
        else:
            plan = plan_import(_split(source.records(ctx), bad), bad, prospects, next_id)
            next_id -= len(plan.creates)
            prospects = after_plan(prospects, plan)
        plans.append(_FilePlan(source, plan))
    return plans


def _apply(db: sqlite_utils.Database, plans: list[_FilePlan], actor: str) -> list[_FilePlan]:
    ids: dict[int, int] = {}
    done = []
    for fp in plans:
        plan = fp.plan
        if isinstance(plan, ContactPlan):
            for c in plan.adds:
                pid = ids.get(c.prospect_id, c.prospect_id)
                prospect_store.add_contact(db, dataclasses.replace(c, prospect_id=pid), actor)
            for c in plan.updates:
                prospect_store.update_contact(db, c, actor)
            outcomes = with_ids(ImportPlan(plan.outcomes), ids).outcomes
            plan = dataclasses.replace(plan, outcomes=outcomes)
        else:
            for prospect in plan.creates:
                saved = prospect_store.create(db, dataclasses.replace(prospect, id=0), actor)
                ids[prospect.id] = saved.id
            for pid, values in plan.updates:
                prospect_store.update(db, ids.get(pid, pid), values, actor=actor)
            plan = with_ids(plan, ids)
        if _changes(plan):
            audit.record(
                db,
                actor=actor,
                action="import",
                entity="crm_file",
                entity_id=fp.source.name,
                after={a.value: sum(o.action is a for o in plan.outcomes) for a in RowAction},
            )
        done.append(_FilePlan(fp.source, plan))
    return done


def _changes(plan: ImportPlan | ContactPlan) -> bool:
    if isinstance(plan, ContactPlan):
        return bool(plan.adds or plan.updates)
    return plan.changes_anything


def _report(fp: _FilePlan, dry_run: bool) -> ImportReport:
    src = fp.source
    outcomes = tuple(
        dataclasses.replace(o, prospect_id=None)
        if o.prospect_id is not None and o.prospect_id < 0
        else o
        for o in fp.plan.outcomes
    )
    return ImportReport(
        src.name,
        src.format,
        src.file.encoding,
        src.file.delimiter,
        src.date_order,
        dry_run,
        outcomes,
        src.object,
    )


def import_crm_files(
    db: sqlite_utils.Database,
    paths: Sequence[Path | str],
    *,
    fmt: str = "auto",
    mapping: CrmMapping | Path | str | None = None,
    date_order: DateOrder | str | None = None,
    dry_run: bool = False,
    actor: str = "",
) -> tuple[ImportReport, ...]:
    """Create and update prospects (and their contacts) from CRM exports, in one transaction.

    Bad rows are skipped and reported; if anything else fails, nothing is imported. A dry run
    reports exactly the same outcomes and writes nothing. Reports come in the order the files
    were planned: accounts, then opportunities, then contacts.
    """
    if not paths:
        raise InvalidInput("Give at least one CSV file to import.")
    mapping = as_mapping(mapping)
    order = parse_date_order(date_order)
    sources = [open_source(p, fmt, mapping, order) for p in paths]
    names = ", ".join(s.name for s in sources)
    if len({Path(p).resolve() for p in paths}) < len(paths):
        raise InvalidInput(f"The same file is given twice ({names}); give each once.")
    ctx = row_context(db, mapping)
    actor = actor or f"crm import ({names})"
    if dry_run:
        plans = _plan_all(db, sources, ctx)
    else:
        try:
            with transaction(db):
                plans = _apply(db, _plan_all(db, sources, ctx), actor)
        except InvalidInput:
            raise
        except (EnablerError, sqlite3.DatabaseError) as exc:
            raise Conflict(f"Nothing was imported from {names}: {exc}") from exc
    return tuple(_report(fp, dry_run) for fp in plans)


def import_crm(
    db: sqlite_utils.Database,
    path: Path | str,
    *,
    fmt: str = "auto",
    mapping: CrmMapping | Path | str | None = None,
    date_order: DateOrder | str | None = None,
    dry_run: bool = False,
    actor: str = "",
) -> ImportReport:
    """Import one export; see `import_crm_files`. `mapping` is a `CrmMapping` or a file path."""
    (report,) = import_crm_files(
        db,
        [path],
        fmt=fmt,
        mapping=mapping,
        date_order=date_order,
        dry_run=dry_run,
        actor=actor,
    )
    return report
