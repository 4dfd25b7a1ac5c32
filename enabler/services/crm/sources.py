"""One CRM export, understood: which CRM and object, which column holds what, the date order.

Opening a source reads only the header (and, to decide the date order, the date cells); its
rows are streamed from disk each time `records()` is called, so a large export never sits in
memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from enabler.domain.crm.columns import (
    ColumnMap,
    CrmFormat,
    StageRule,
    detect_format,
    expected_headers,
    header_key,
    resolve_columns,
)
from enabler.domain.crm.contacts import ContactRecord, read_contact
from enabler.domain.crm.dates import DateBallot
from enabler.domain.crm.mapping import CrmMapping, mapping_from_dict
from enabler.domain.crm.objects import API_ALIASES, CONTACT_ALIASES, CrmObject, detect_object
from enabler.domain.crm.rows import BadRow, CrmRecord, read_record
from enabler.domain.crm.values import DateOrder
from enabler.errors import Fix, Hint, InvalidInput
from enabler.services.crm.csv_read import CsvFile, open_csv
from enabler.services.json_input import loads_json, loads_toml

FORMAT_CHOICES = ("auto", "salesforce", "hubspot")
_DATE_FIELDS = ("close_date", "next_meeting")


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


def as_mapping(mapping: CrmMapping | Path | str | None) -> CrmMapping | None:
    """The mapping itself (the app's wizard builds one), or read from its file (the CLI)."""
    if isinstance(mapping, CrmMapping):
        return mapping
    return load_mapping(mapping) if mapping else None


def parse_date_order(text: str | DateOrder | None) -> DateOrder | None:
    if text is None or isinstance(text, DateOrder):
        return text
    if str(text).strip().lower() in ("", "auto"):
        return None
    try:
        return DateOrder(str(text).strip().upper())
    except ValueError:
        raise InvalidInput(f"The date order must be MDY or DMY, not {text!r}.") from None


@dataclass(frozen=True, slots=True)
class RowContext:
    """What reading a row needs from the library: stage rules and industry names."""

    stages: Mapping[str, StageRule]
    industries: tuple[str, ...] = ()
    industry_aliases: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CrmSource:
    file: CsvFile
    format: CrmFormat
    object: CrmObject
    columns: ColumnMap
    date_order: DateOrder
    contact_columns: Mapping[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.file.name

    @property
    def namespace(self) -> str:
        return "crm" if self.format is CrmFormat.CUSTOM else self.format.value

    def records(self, ctx: RowContext) -> Iterator[CrmRecord | BadRow]:
        """Each data row read into prospect fields (or why it cannot be), streamed."""
        for line, cells in self.file.rows():
            yield read_record(
                line,
                cells,
                self.columns,
                stages=ctx.stages,
                date_order=self.date_order,
                crm=self.namespace,
                known_industries=ctx.industries,
                industry_aliases=ctx.industry_aliases,
                needs_company=self.object is not CrmObject.OPPORTUNITY,
                ranks_deals=self.object is CrmObject.OPPORTUNITY,
            )

    def contacts(self) -> Iterator[ContactRecord | BadRow]:
        cols = {**self.columns.columns, **self.contact_columns}
        for line, cells in self.file.rows():
            yield read_contact(line, cells, cols, self.namespace)


def _kind(file: CsvFile, fmt: str, mapping: CrmMapping | None) -> tuple[CrmFormat, CrmObject]:
    if fmt not in FORMAT_CHOICES:
        raise InvalidInput(f"Format must be one of {', '.join(FORMAT_CHOICES)}, not {fmt!r}.")
    chosen = CrmFormat(fmt) if fmt != "auto" else (mapping.format if mapping else None)
    if chosen in (None, CrmFormat.SALESFORCE):
        obj = detect_object(file.header)
        if obj and (chosen or detect_format(file.header) is None):
            return CrmFormat.SALESFORCE, obj
    if chosen:
        return chosen, CrmObject.REPORT
    found = detect_format(file.header)
    if found:
        return found, CrmObject.REPORT
    if mapping and "company" in mapping.columns:
        return CrmFormat.CUSTOM, CrmObject.REPORT
    shown = ", ".join(h for h in file.header if h) or "(none)"
    raise InvalidInput(
        f"{file.name} does not look like a CRM export: expected the columns of a "
        f"{expected_headers()}, or a Salesforce Account, Opportunity or Contact export "
        f"(Id, Name, StageName, AccountId…); found: {shown}. "
        "Say which format it is, or give a column mapping for other files.",
        hint=Hint(Fix.GIVE, "crm_format"),
    )


def _columns(file: CsvFile, crm: CrmFormat, obj: CrmObject, custom) -> ColumnMap:
    if obj is CrmObject.REPORT:
        return resolve_columns(file.header, crm, custom)
    required = ("company",) if obj is CrmObject.ACCOUNT else ("crm_id", "company")
    return resolve_columns(file.header, crm, custom, aliases=API_ALIASES[obj], required=required)


def _contact_columns(file: CsvFile) -> dict[str, int]:
    keys = [header_key(h) for h in file.header]
    found = {}
    for name, headers in CONTACT_ALIASES.items():
        for h in headers:
            if header_key(h) in keys:
                found[name] = keys.index(header_key(h))
                break
    if not ({"name", "last_name"} & set(found)):
        raise InvalidInput(f"{file.name} is a Contact export without a Name or LastName column.")
    return found


def _first_pass(file: CsvFile, columns: ColumnMap, decide: bool) -> DateOrder:
    """Stream the file once before planning: refuse one with too many rows at once, and
    (with `decide`) find its date order by the votes of its date cells."""
    fields = [f for f in _DATE_FIELDS if f in columns.columns] if decide else []
    dated = [(columns.columns[f], columns.header_of(f)) for f in fields]
    ballot = DateBallot()
    for line, cells in file.rows():
        for i, header in dated:
            if i < len(cells):
                ballot.add(line, header, cells[i])
    return ballot.decide(file.name)


def open_source(
    path: Path | str,
    fmt: str = "auto",
    mapping: CrmMapping | None = None,
    date_order: DateOrder | None = None,
) -> CrmSource:
    """Check and understand an export; its rows are read later, as they are needed."""
    file = open_csv(path)
    crm, obj = _kind(file, fmt, mapping)
    columns = _columns(file, crm, obj, mapping.columns if mapping else None)
    contact_columns = _contact_columns(file) if obj is CrmObject.CONTACT else {}
    order = date_order or (mapping.date_order if mapping else None)
    voted = _first_pass(file, columns, decide=order is None)
    order = order or voted
    return CrmSource(file, crm, obj, columns, order, contact_columns)
