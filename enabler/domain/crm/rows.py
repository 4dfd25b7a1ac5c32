"""One CRM export row → the prospect fields it sets, or the reason it cannot be used (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from enabler.domain.crm.columns import ColumnMap, StageRule, stage_key
from enabler.domain.crm.values import (
    DateOrder,
    canonical_industry,
    is_empty,
    normalise_domain,
    parse_amount,
    parse_count,
    parse_crm_date,
)

_PARSERS = {
    "employees": parse_count,
    "revenue": parse_amount,
    "deal_amount": parse_amount,
}
_DATES = ("close_date", "next_meeting")
_TEXT = ("owner_rep",)


@dataclass(frozen=True, slots=True)
class CrmRecord:
    """A usable row: the company and the prospect fields the row gives a value for."""

    line: int
    company: str
    values: Mapping[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # An opportunity row: (open, close date) — of one account's deals, the highest sets the
    # deal fields, so an old won deal listed last does not hide the open one.
    deal_rank: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    company: str
    message: str


def _clean(text: str) -> str:
    return " ".join(text.replace("\x00", "").split())


def read_record(
    line: int,
    cells: Sequence[str],
    columns: ColumnMap,
    *,
    stages: Mapping[str, StageRule],
    date_order: DateOrder = DateOrder.MDY,
    crm: str = "",
    known_industries: Iterable[str] = (),
    industry_aliases: Mapping[str, str] | None = None,
    needs_company: bool = True,
    ranks_deals: bool = False,
) -> CrmRecord | BadRow:
    """Read one data row; every unreadable cell is named in the BadRow's message.

    Without `needs_company` (an opportunity export), a row may name its account by CRM id
    alone: the record's company is then empty and the plan finds the account by its id.
    With `ranks_deals`, the record carries its deal's rank (see `CrmRecord.deal_rank`)."""
    width = len(columns.headers)
    if len(cells) > width and any(c.strip() for c in cells[width:]):
        return BadRow(
            line,
            "",
            f"has {len(cells)} values but the header has {width} "
            "(a value with an unquoted delimiter?)",
        )

    def cell(name: str) -> str:
        i = columns.columns.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    company = _clean(cell("company"))
    raw_id = cell("crm_id").split(";")[0].strip()
    if is_empty(raw_id):
        raw_id = ""
    if not company and (needs_company or not raw_id):
        named = "company" if "company" in columns.columns else "crm_id"
        what = "company name" if needs_company else "account"
        return BadRow(line, "", f"has no {what} ({columns.header_of(named)} is empty)")
    values: dict[str, Any] = {}
    notes: list[str] = []
    problems: list[str] = []
    for name, parse in _PARSERS.items():
        try:
            value = parse(cell(name))
        except ValueError as exc:
            problems.append(f"{columns.header_of(name)} {exc}")
            continue
        if value is not None:
            values[name] = value
    for name in _DATES:
        try:
            day = parse_crm_date(cell(name), date_order)
        except ValueError as exc:
            problems.append(f"{columns.header_of(name)} {exc}")
            continue
        if day is not None:
            values[name] = day
    if problems:
        return BadRow(line, company, "; ".join(problems))

    if raw_id:
        values["crm_id"] = f"{crm}:{raw_id}" if crm else raw_id
    website = cell("domain").strip()
    if website:
        domain = normalise_domain(website)
        if domain:
            values["domain"] = domain
        else:
            notes.append(f"{website!r} is not a web address; domain left as it is")
    industry = canonical_industry(cell("industry"), known_industries, industry_aliases)
    if industry:
        values["industry"] = industry
    region = ", ".join(p for p in (_clean(cell("region")), _clean(cell("country"))) if p)
    if region:
        values["region"] = region
    for name in _TEXT:
        if _clean(cell(name)):
            values[name] = _clean(cell(name))
    label = _clean(cell("stage"))
    if label:
        rule = stages.get(stage_key(label))
        if rule is None:
            notes.append(
                f"unknown CRM stage {label!r}: stage left as it is "
                "(map it on the wizard's Stages step, or with the stage map on the command "
                "line)"
            )
        elif rule.stage is None:
            notes.append(f"CRM stage {label!r} keeps the current stage")
        else:
            values["stage"] = rule.stage
    rank = None
    if ranks_deals:
        close = values.get("close_date")
        rank = (
            0 if stage_key(label).startswith("closed") else 1,
            close.toordinal() if close else 0,
        )
    return CrmRecord(line, company, values, tuple(notes), rank)
