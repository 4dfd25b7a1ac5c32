"""CRM report exports: which CRM wrote a file, which column holds what, and stage mapping (pure).

Salesforce reports (opportunity and account reports) and HubSpot exports (companies, deals)
name their columns in their own words; each of our prospect fields lists the headers that can
hold it, best first. A user's mapping file can name other columns.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.modules import Stage
from enabler.errors import Fix, Hint, InvalidInput


class CrmFormat(StrEnum):
    SALESFORCE = "salesforce"
    HUBSPOT = "hubspot"
    CUSTOM = "custom"  # described entirely by a mapping file


FIELDS = (
    "company",
    "crm_id",
    "domain",
    "industry",
    "employees",
    "revenue",
    "region",
    "country",
    "stage",
    "owner_rep",
    "deal_amount",
    "close_date",
    "next_meeting",
)
REQUIRED = ("company",)

ALIASES: dict[CrmFormat, dict[str, tuple[str, ...]]] = {
    CrmFormat.SALESFORCE: {
        "company": ("Account Name", "Account: Account Name", "Company / Account", "Company"),
        "crm_id": ("Account ID", "Account: Account ID", "Account ID (18)"),
        "domain": ("Website", "Account: Website"),
        "industry": ("Industry", "Account: Industry"),
        "employees": ("Employees", "Account: Employees"),
        "revenue": ("Annual Revenue", "Account: Annual Revenue"),
        "region": ("Billing State/Province", "Billing State", "Account: Billing State/Province"),
        "country": ("Billing Country", "Account: Billing Country"),
        "stage": ("Stage", "Opportunity: Stage"),
        "owner_rep": ("Opportunity Owner", "Account Owner", "Owner"),
        "deal_amount": ("Amount", "Opportunity: Amount"),
        "close_date": ("Close Date",),
        "next_meeting": ("Next Meeting", "Next Activity Date"),
    },
    CrmFormat.HUBSPOT: {
        "company": (
            "Company name",
            "Associated Company (Primary)",
            "Associated Company",
            "Name",
        ),
        # In a deal export "Record ID" is the deal's id, so only company ids qualify there.
        "crm_id": (
            "Associated Company IDs (Primary)",
            "Associated Company IDs",
            "Associated Company ID",
            "Company ID",
            "Record ID",
        ),
        "domain": ("Company Domain Name", "Website URL", "Domain"),
        "industry": ("Industry",),
        "employees": ("Number of Employees",),
        "revenue": ("Annual Revenue",),
        "region": ("State/Region", "State"),
        "country": ("Country/Region", "Country"),
        "stage": ("Deal Stage", "Lifecycle Stage"),
        "owner_rep": ("Deal owner", "Company owner", "HubSpot Owner", "Owner"),
        "deal_amount": ("Amount", "Amount in company currency"),
        "close_date": ("Close Date",),
        "next_meeting": ("Next Activity Date", "Next Meeting"),
    },
    CrmFormat.CUSTOM: {},
}

# Headers only one CRM writes: they decide the format.
_MARKERS = {
    CrmFormat.SALESFORCE: (
        "Account Name",
        "Account Owner",
        "Account ID",
        "Opportunity Name",
        "Opportunity Owner",
        "Opportunity ID",
        "Billing State/Province",
        "Billing Country",
        "Fiscal Period",
        "Probability (%)",
    ),
    CrmFormat.HUBSPOT: (
        "Record ID",
        "Company name",
        "Company Domain Name",
        "Number of Employees",
        "Deal Name",
        "Deal Stage",
        "Lifecycle Stage",
        "Company owner",
        "Deal owner",
        "Associated Company",
        "Associated Company IDs",
        "Pipeline",
    ),
}
_DEAL_HEADERS = {"deal name", "deal stage", "pipeline"}


def header_key(text: str) -> str:
    """Headers compare case-insensitively, ignoring stray spaces and a byte-order mark."""
    return " ".join(text.replace("\ufeff", "").strip().strip('"').split()).casefold()


def detect_format(headers: Sequence[str]) -> CrmFormat | None:
    """The CRM whose typical headers the file has most of; None when neither fits."""
    found = {header_key(h) for h in headers}
    scores = {f: len(found & {header_key(h) for h in names}) for f, names in _MARKERS.items()}
    best = max(scores, key=lambda f: scores[f])
    ties = [f for f, s in scores.items() if s == scores[best]]
    return best if scores[best] > 0 and len(ties) == 1 else None


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which column (0-based) holds each field of ours."""

    format: CrmFormat
    columns: Mapping[str, int]
    headers: tuple[str, ...]

    def header_of(self, field: str) -> str:
        return self.headers[self.columns[field]] if field in self.columns else field


def resolve_columns(
    headers: Sequence[str],
    fmt: CrmFormat,
    custom: Mapping[str, str] | None = None,
    *,
    aliases: Mapping[str, tuple[str, ...]] | None = None,
    required: tuple[str, ...] = REQUIRED,
) -> ColumnMap:
    """Find our fields among `headers`; the mapping file's names come first.

    `aliases` replaces the format's usual headers (an API-name export has its own); one of
    the `required` fields must be found."""
    position: dict[str, int] = {}
    for i, h in enumerate(headers):
        position.setdefault(header_key(h), i)
    found = ", ".join(h.strip() for h in headers if h.strip()) or "(none)"
    columns: dict[str, int] = {}
    for field, header in (custom or {}).items():
        if field not in FIELDS:
            raise InvalidInput(
                f"The mapping names an unknown field {field!r}; fields are: {', '.join(FIELDS)}."
            )
        if header_key(header) not in position:
            raise InvalidInput(
                f"The mapping says {field} is in column {header!r}, but the file has no such "
                f"column. Columns found: {found}."
            )
        columns[field] = position[header_key(header)]
    table = ALIASES[fmt] if aliases is None else aliases
    deals = bool(_DEAL_HEADERS & set(position))
    for field, names in table.items():
        if field in columns:
            continue
        for name in names:
            if field == "crm_id" and deals and header_key(name) == "record id":
                continue
            if header_key(name) in position:
                columns[field] = position[header_key(name)]
                break
    if not any(f in columns for f in required):
        expected = " or ".join(repr(n) for n in table.get(required[0], ())) or "a column"
        raise InvalidInput(
            f"This {fmt.value} file has no {required[0]} column: expected {expected}. "
            f"Columns found: {found}. Name the right column in a column mapping.",
            hint=Hint(Fix.GIVE, "mapping"),
        )
    return ColumnMap(fmt, columns, tuple(headers))


def expected_headers() -> str:
    """What a recognisable export has, for error messages."""
    return (
        "Salesforce (Account Name, Opportunity Name, Stage…) or "
        "HubSpot (Company name, Company Domain Name, Deal Stage…)"
    )


# stages -------------------------------------------------------------------------------------


def stage_key(label: str) -> str:
    """ "Closed Won", "closedwon" and "Closed-Won" are the same CRM stage."""
    return re.sub(r"[\W_]+", "", label.casefold())


# CRM stage → funnel stage; None keeps the prospect's stage (a lost deal stays where it was).
DEFAULT_STAGE_MAP: dict[str, Stage | None] = {
    # Salesforce opportunity stages
    "Prospecting": Stage.AWARENESS,
    "Qualification": Stage.AWARENESS,
    "Needs Analysis": Stage.CONSIDERATION,
    "Value Proposition": Stage.CONSIDERATION,
    "Id. Decision Makers": Stage.CONSIDERATION,
    "Perception Analysis": Stage.CONSIDERATION,
    "Proposal/Price Quote": Stage.DECISION,
    "Negotiation/Review": Stage.DECISION,
    "Closed Won": Stage.POST_SALE,
    "Closed Lost": None,
    # common additions in Salesforce orgs
    "Discovery": Stage.CONSIDERATION,
    "Negotiation": Stage.DECISION,
    "Proposal": Stage.DECISION,
    # HubSpot default deal pipeline
    "Appointment Scheduled": Stage.AWARENESS,
    "Qualified To Buy": Stage.CONSIDERATION,
    "Presentation Scheduled": Stage.CONSIDERATION,
    "Decision Maker Bought-In": Stage.DECISION,
    "Contract Sent": Stage.DECISION,
    # HubSpot lifecycle stages (company exports)
    "Subscriber": Stage.AWARENESS,
    "Lead": Stage.AWARENESS,
    "Marketing Qualified Lead": Stage.AWARENESS,
    "Sales Qualified Lead": Stage.CONSIDERATION,
    "Opportunity": Stage.CONSIDERATION,
    "Customer": Stage.POST_SALE,
    "Evangelist": Stage.POST_SALE,
    "Other": None,
}


@dataclass(frozen=True, slots=True)
class StageRule:
    label: str
    stage: Stage | None  # None: keep the prospect's current stage
    edited: bool = False


def stage_rules(edits: Mapping[str, StageRule] | None = None) -> dict[str, StageRule]:
    """The built-in table with the user's edits on top, keyed by `stage_key`."""
    rules = {stage_key(k): StageRule(k, v) for k, v in DEFAULT_STAGE_MAP.items()}
    rules.update(edits or {})
    return rules
