"""Import prospects from a CRM report export (Salesforce, HubSpot or mapped), all or nothing."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.crm import (
    CrmFormat,
    detect_format,
    expected_headers,
    resolve_columns,
    stage_rules,
)
from enabler.domain.crm_mapping import CrmMapping, mapping_from_dict
from enabler.domain.crm_plan import ImportPlan, RowAction, RowOutcome, plan_import, with_ids
from enabler.domain.crm_rows import BadRow, CrmRecord, read_record
from enabler.domain.crm_values import DateOrder, detect_date_order
from enabler.errors import Conflict, EnablerError, InvalidInput
from enabler.services.csv_read import CsvTable, read_file
from enabler.services.json_input import loads_json, loads_toml
from enabler.store import audit
from enabler.store import crm as crm_store
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.db import transaction

FORMAT_CHOICES = ("auto", "salesforce", "hubspot")


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import did (or, in a dry run, would do), row by row."""

    file: str
    format: CrmFormat
    encoding: str
    delimiter: str
    date_order: DateOrder
    dry_run: bool
    outcomes: tuple[RowOutcome, ...]

    def count(self, action: RowAction) -> int:
        return sum(1 for o in self.outcomes if o.action is action)

    @property
    def changed(self) -> bool:
        return any(o.action in (RowAction.CREATE, RowAction.UPDATE) for o in self.outcomes)


def load_mapping(path: Path | str) -> CrmMapping:
    """A mapping file in JSON (.json) or TOML (anything else)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"No mapping file {path}; check the path.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"Cannot read the mapping file {path}: {exc}.") from None
    try:
        data = loads_json(text) if path.suffix.lower() == ".json" else loads_toml(text)
    except ValueError as exc:  # JSONDecodeError, TOMLDecodeError, NestedTooDeeply
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise InvalidInput(f"The mapping file {path.name} is not valid {kind}: {exc}.") from None
    return mapping_from_dict(data)


def _mapping(mapping: CrmMapping | Path | str | None) -> CrmMapping | None:
    """The mapping itself (the app's wizard builds one), or read from its file (the CLI)."""
    if isinstance(mapping, CrmMapping):
        return mapping
    return load_mapping(mapping) if mapping else None


def _format(table: CsvTable, name: str, fmt: str, mapping: CrmMapping | None) -> CrmFormat:
    if fmt not in FORMAT_CHOICES:
        raise InvalidInput(f"Format must be one of {', '.join(FORMAT_CHOICES)}, not {fmt!r}.")
    if fmt != "auto":
        return CrmFormat(fmt)
    if mapping and mapping.format:
        return mapping.format
    found = detect_format(table.header)
    if found:
        return found
    if mapping and "company" in mapping.columns:
        return CrmFormat.CUSTOM
    shown = ", ".join(h for h in table.header if h) or "(none)"
    raise InvalidInput(
        f"{name} does not look like a CRM export: expected the columns of a "
        f"{expected_headers()}; found: {shown}. Pass --format, or --mapping FILE for other files."
    )


def _known_industries(db: sqlite_utils.Database) -> list[str]:
    names = {i for m in module_store.list_modules(db) for i in m.industries}
    names |= {p.industry for p in prospect_store.list_prospects(db) if p.industry}
    return sorted(names, key=str.casefold)


def read_export(
    db: sqlite_utils.Database,
    path: Path | str,
    fmt: str = "auto",
    mapping: CrmMapping | Path | str | None = None,
) -> tuple[CsvTable, CrmFormat, DateOrder, list[CrmRecord], list[BadRow]]:
    """Read and check every row of an export, without touching the library.

    `mapping` is a `CrmMapping` or the path of a mapping file (see `load_mapping`).
    """
    path = Path(path)
    mapping = _mapping(mapping)
    table = read_file(path)
    crm = _format(table, path.name, fmt, mapping)
    columns = resolve_columns(table.header, crm, mapping.columns if mapping else None)
    date_cells = [
        cells[columns.columns[f]]
        for f in ("close_date", "next_meeting")
        if f in columns.columns
        for _, cells in table.rows
        if columns.columns[f] < len(cells)
    ]
    order = (mapping.date_order if mapping else None) or detect_date_order(date_cells)
    rules = stage_rules(crm_store.stage_edits(db))
    if mapping:
        rules.update(mapping.stages)
    known = _known_industries(db)
    namespace = "crm" if crm is CrmFormat.CUSTOM else crm.value
    records: list[CrmRecord] = []
    bad: list[BadRow] = []
    for line, cells in table.rows:
        row = read_record(
            line,
            cells,
            columns,
            stages=rules,
            date_order=order,
            crm=namespace,
            known_industries=known,
            industry_aliases=mapping.industries if mapping else None,
        )
        (bad if isinstance(row, BadRow) else records).append(row)
    return table, crm, order, records, bad


def _apply(db: sqlite_utils.Database, plan: ImportPlan, actor: str) -> dict[str, int]:
    created = {}
    for prospect in plan.creates:
        created[prospect.company] = prospect_store.create(db, prospect, actor=actor).id
    for pid, values in plan.updates:
        prospect_store.update(db, pid, values, actor=actor)
    return created


def import_crm(
    db: sqlite_utils.Database,
    path: Path | str,
    *,
    fmt: str = "auto",
    mapping: CrmMapping | Path | str | None = None,
    dry_run: bool = False,
    actor: str = "",
) -> ImportReport:
    """Create and update prospects from a CRM export in one transaction.

    Bad rows are skipped and reported; if anything else fails, nothing is imported.
    A dry run reports exactly the same outcomes and writes nothing. `mapping` is a
    `CrmMapping` or the path of a mapping file.
    """
    path = Path(path)
    table, crm, order, records, bad = read_export(db, path, fmt, mapping)
    actor = actor or f"crm import ({path.name})"
    if dry_run:
        plan = plan_import(records, bad, prospect_store.list_prospects(db))
    else:
        try:
            with transaction(db):
                plan = plan_import(records, bad, prospect_store.list_prospects(db))
                plan = with_ids(plan, _apply(db, plan, actor))
                if plan.changes_anything:
                    audit.record(
                        db,
                        actor=actor,
                        action="import",
                        entity="crm_file",
                        entity_id=path.name,
                        after={a.value: plan.count(a) for a in RowAction},
                    )
        except (EnablerError, sqlite3.DatabaseError) as exc:
            raise Conflict(f"Nothing was imported from {path.name}: {exc}") from exc
    return ImportReport(
        path.name, crm, table.encoding, table.delimiter, order, dry_run, plan.outcomes
    )
