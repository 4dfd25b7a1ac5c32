"""The steps of the desktop app's CRM import wizard, on top of `crm_import` (no Qt here).

The wizard lets the user say which column holds each prospect field and how each CRM stage
maps. Those choices make a mapping checked exactly like the `--mapping FILE` of
`enabler import-crm`, so the preview reads the file as `read_export` does and the dry run and
the import are the very `import_crm` call the CLI makes: the same matching, the same per-row
report, one transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from enabler.domain.crm.columns import (
    ALIASES,
    FIELDS,
    CrmFormat,
    StageRule,
    detect_format,
    header_key,
    resolve_columns,
    stage_key,
    stage_rules,
)
from enabler.domain.crm.mapping import KEEP, CrmMapping, mapping_from_dict
from enabler.domain.crm.objects import API_ALIASES, CrmObject, describe, detect_object
from enabler.domain.crm.rows import BadRow, CrmRecord
from enabler.errors import InvalidInput
from enabler.services.crm.csv_read import open_csv
from enabler.services.crm.importer import ImportReport, import_crm, read_export
from enabler.services.crm.stages import map_stage
from enabler.store import crm as crm_store
from enabler.store.connection.db import transaction

PREVIEW_ROWS = 20
CRM_NAMES = {
    CrmFormat.SALESFORCE: "Salesforce",
    CrmFormat.HUBSPOT: "HubSpot",
    CrmFormat.CUSTOM: "Custom",
}


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What a CSV file is, before any choice: its columns and where our fields are."""

    file: str
    headers: tuple[str, ...]
    format: CrmFormat  # CUSTOM when neither CRM's headers were recognised
    columns: Mapping[str, str]  # our field → the header the export's usual names point to
    rows: int
    encoding: str
    delimiter: str  # "comma", "semicolon"…
    problem: str = ""  # a sentence when the company column is missing

    @property
    def crm_name(self) -> str:
        return CRM_NAMES[self.format]

    @property
    def recognised(self) -> bool:
        return self.format is not CrmFormat.CUSTOM

    def fixed(self, name: str) -> bool:
        """A field the export's usual header fills: it can be pointed elsewhere, not dropped."""
        return self.recognised and name in self.columns


@dataclass(frozen=True, slots=True)
class WizardChoices:
    """The user's answers: the CRM, a column per field, and stage overrides for this import."""

    format: CrmFormat
    columns: Mapping[str, str]  # field → header
    stages: Mapping[str, str] = field(default_factory=dict)  # CRM stage → stage value or "keep"
    date_order: str = ""  # "MDY" or "DMY"; "" decides by the file's dates

    def mapping(self) -> CrmMapping:
        """The choices checked exactly as `enabler import-crm --mapping FILE` checks a file."""
        return mapping_from_dict(self.mapping_file())

    def mapping_file(self) -> dict:
        """The same choices as a mapping file for `enabler import-crm --mapping`."""
        data = {
            "format": self.format.value,
            "columns": dict(self.columns),
            "stages": dict(self.stages),
        }
        if self.date_order:
            data["date_order"] = self.date_order
        return data


@dataclass(frozen=True, slots=True)
class StageChoice:
    label: str  # as the file spells it
    rows: int
    target: str  # a funnel stage value, "keep", or "" when nothing maps it
    table_target: str  # what the library's stage table says, before this import's choice


@dataclass(frozen=True, slots=True)
class ImportPreview:
    rows: tuple[CrmRecord | BadRow, ...]  # the first rows, as they would be imported
    total: int
    skipped: int
    fields: tuple[str, ...]  # our fields the choices read, in display order
    stages: tuple[StageChoice, ...]


def _target(rule: StageRule | None) -> str:
    if rule is None:
        return ""
    return rule.stage.value if rule.stage else KEEP


def inspect_export(path: Path | str) -> ExportSummary:
    """Read the file and find our fields by their usual CRM headers (raises if unreadable)."""
    path = Path(path)
    table = open_csv(path)
    headers = tuple(table.header)
    if not any(h.strip() for h in headers):
        raise InvalidInput(f"{path.name} has an empty header row: export the report with headers.")
    fmt = detect_format(headers) or CrmFormat.CUSTOM
    obj = detect_object(headers) if fmt is CrmFormat.CUSTOM else None
    problem = ""
    columns: dict[str, str] = {}
    if obj is not None:
        fmt = CrmFormat.SALESFORCE
        found = resolve_columns(
            headers, fmt, aliases=API_ALIASES[obj], required=("company", "crm_id")
        )
        columns = {f: headers[i] for f, i in found.columns.items()}
        if obj is not CrmObject.ACCOUNT:
            problem = (
                f"{path.name} is a Salesforce {describe(obj)}: it names accounts by AccountId. "
                "Import it together with its Account export (both files in one import on the "
                "command line), or choose the column that holds the company name."
            )
            columns.pop("company", None)
    elif fmt is CrmFormat.CUSTOM:
        problem = (
            f"{path.name} is not a Salesforce or HubSpot export the wizard recognises. "
            "Choose below the column that holds the company name, and any others you want."
        )
    else:
        try:
            found = resolve_columns(headers, fmt)
        except InvalidInput:
            # Find the other fields all the same; the user names the company column.
            stand_in = next(h for h in headers if h.strip())
            found = resolve_columns(headers, fmt, {"company": stand_in})
            expected = " or ".join(repr(n) for n in ALIASES[fmt]["company"])
            problem = (
                f"This {CRM_NAMES[fmt]} export has no company column (expected "
                f"{expected}). Choose the column that holds the company name."
            )
        columns = {f: headers[i] for f, i in found.columns.items()}
        if problem:
            columns.pop("company", None)
    return ExportSummary(
        path.name,
        headers,
        fmt,
        columns,
        table.count_rows(),
        table.encoding,
        table.delimiter_name,
        problem,
    )


def default_choices(summary: ExportSummary) -> WizardChoices:
    return WizardChoices(summary.format, dict(summary.columns))


def _stages(db, path: Path, choices: WizardChoices) -> tuple[StageChoice, ...]:
    header = choices.columns.get("stage")
    if not header:
        return ()
    table = open_csv(path)
    keys = [header_key(h) for h in table.header]
    if header_key(header) not in keys:
        return ()
    column = keys.index(header_key(header))
    counts: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for _, cells in table.rows():
        label = " ".join(cells[column].split()) if column < len(cells) else ""
        if label:
            counts[stage_key(label)] += 1
            spelled.setdefault(stage_key(label), label)
    table_rules = stage_rules(crm_store.stage_edits(db))
    mine = choices.mapping().stages
    return tuple(
        StageChoice(
            spelled[key],
            counts[key],
            _target(mine.get(key, table_rules.get(key))),
            _target(table_rules.get(key)),
        )
        for key in sorted(counts, key=lambda k: spelled[k].casefold())
    )


def preview_import(
    db: sqlite_utils.Database, path: Path | str, choices: WizardChoices, limit: int = PREVIEW_ROWS
) -> ImportPreview:
    """The first rows as the import would read them with these choices; writes nothing."""
    path = Path(path)
    if not choices.columns.get("company"):
        raise InvalidInput("Choose the column that holds the company name first.")
    _table, _fmt, _order, records, bad = read_export(db, path, "auto", choices.mapping())
    read: list[CrmRecord | BadRow] = [*records, *bad]
    rows = sorted(read, key=lambda r: r.line)
    return ImportPreview(
        tuple(rows[:limit]),
        len(rows),
        len(bad),
        tuple(f for f in FIELDS if f in choices.columns),
        _stages(db, path, choices),
    )


def run_import(
    db: sqlite_utils.Database,
    path: Path | str,
    choices: WizardChoices,
    *,
    dry_run: bool,
    remember_stages: bool = False,
    actor: str = "",
) -> ImportReport:
    """Dry-run or apply the import with the wizard's choices (all or nothing).

    With `remember_stages`, the stage choices also go into the library's stage table, in the
    same transaction as the import.
    """
    path = Path(path)
    mapping = choices.mapping()
    if dry_run:
        return import_crm(db, path, mapping=mapping, dry_run=True, actor=actor)
    with transaction(db):
        if remember_stages:
            for label, target in choices.stages.items():
                map_stage(db, label, target, actor)
        return import_crm(db, path, mapping=mapping, actor=actor)
