"""A user's mapping file for CRM exports with their own column names (pure validation).

JSON or TOML, e.g.::

    format = "salesforce"          # optional: start from a known export's columns
    date_order = "DMY"             # optional: 03/04/2026 is 3 April (default: guessed)
    [columns]                      # our field = the column's header in the file
    company = "Client"
    crm_id = "Client No."
    [stages]                       # CRM stage = funnel stage (or "keep"), for this import
    "Phase 2" = "consideration"
    [industries]                   # CRM industry = the library's industry name
    "Hospitals" = "Healthcare"
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from enabler.domain.crm.columns import FIELDS, CrmFormat, StageRule, stage_key
from enabler.domain.crm.values import DateOrder, industry_key
from enabler.domain.prospects import parse_stage
from enabler.errors import InvalidInput

_SECTIONS = {"format", "date_order", "columns", "stages", "industries"}
KEEP = "keep"


@dataclass(frozen=True, slots=True)
class CrmMapping:
    format: CrmFormat | None = None
    date_order: DateOrder | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    stages: Mapping[str, StageRule] = field(default_factory=dict)
    industries: Mapping[str, str] = field(default_factory=dict)


def parse_stage_target(text: str) -> StageRule:
    """'decision' → that stage; 'keep' → keep the prospect's stage (None inside the rule)."""
    if str(text).strip().lower() == KEEP:
        return StageRule("", None)
    return StageRule("", parse_stage(text))


def _table(data: Mapping, name: str) -> Mapping[str, str]:
    value = data.get(name, {})
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidInput(f"In the mapping file, {name} must be a table of text = text.")
    return value


def mapping_from_dict(data: object) -> CrmMapping:
    """Check a parsed mapping file and say exactly what is wrong with it."""
    if not isinstance(data, Mapping):
        raise InvalidInput("The mapping file must hold a table (JSON object) at the top.")
    unknown = set(data) - _SECTIONS
    if unknown:
        raise InvalidInput(
            f"Unknown entry {sorted(unknown)[0]!r} in the mapping file; "
            f"use: {', '.join(sorted(_SECTIONS))}."
        )
    fmt = None
    if data.get("format"):
        try:
            fmt = CrmFormat(str(data["format"]).lower())
        except ValueError:
            raise InvalidInput("format must be salesforce, hubspot or custom.") from None
    order = None
    if data.get("date_order"):
        try:
            order = DateOrder(str(data["date_order"]).upper())
        except ValueError:
            raise InvalidInput("date_order must be MDY or DMY.") from None
    columns = dict(_table(data, "columns"))
    bad = sorted(set(columns) - set(FIELDS))
    if bad:
        raise InvalidInput(
            f"The mapping names an unknown field {bad[0]!r}; fields are: {', '.join(FIELDS)}."
        )
    stages = {}
    for label, target in _table(data, "stages").items():
        rule = parse_stage_target(target)
        stages[stage_key(label)] = StageRule(label, rule.stage, edited=True)
    industries = {industry_key(k): v.strip() for k, v in _table(data, "industries").items()}
    return CrmMapping(fmt, order, columns, stages, industries)
