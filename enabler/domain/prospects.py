"""Prospects, their buying committee and what reps (and marketing) learn about them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from enabler.domain.modules import Stage
from enabler.errors import InvalidInput

# Insights older than this many days show as stale unless the library says otherwise.
DEFAULT_STALE_AFTER_DAYS = 90


class InsightKind(StrEnum):
    PAIN = "pain"
    COMPETITOR = "competitor_activity"
    DIFFERENTIATOR = "differentiator"
    BUDGET = "budget"
    TIMING = "timing"
    PERSONAL = "personal"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class ReviewState(StrEnum):
    """Where a piece of segment research stands with marketing."""

    NONE = ""  # a prospect insight, not up for review
    PENDING = "pending"  # promoted by a rep, waiting for marketing
    APPROVED = "approved"  # marketing's own research, or a promotion marketing accepted
    REJECTED = "rejected"


class Freshness(StrEnum):
    FRESH = "fresh"
    STALE = "stale"
    UNDATED = "undated"


@dataclass(frozen=True, slots=True)
class Contact:
    id: int
    prospect_id: int
    name: str
    title: str = ""
    role: str = ""  # role in the buying committee: decision maker, champion…
    persona: str = ""  # CFO, CIO, VP Operations…
    influence: str = ""  # high / medium / low
    stance: str = ""  # supporter / neutral / sceptic
    email: str = ""
    primary: bool = False


@dataclass(frozen=True, slots=True)
class Insight:
    """A dated, sourced note. With no prospect it is segment research for an industry/persona."""

    id: int
    prospect_id: int | None
    kind: InsightKind
    text: str
    source: str = ""
    author: str = ""
    date: dt.date | None = None
    industry: str = ""
    persona: str = ""
    review_state: ReviewState = ReviewState.NONE
    promoted_from: int | None = None

    @property
    def is_segment_research(self) -> bool:
        return self.prospect_id is None

    def age_days(self, today: dt.date) -> int | None:
        return None if self.date is None else (today - self.date).days

    def freshness(self, today: dt.date, stale_after_days: int) -> Freshness:
        """Stale once older than `stale_after_days`; undated notes cannot be judged."""
        age = self.age_days(today)
        if age is None:
            return Freshness.UNDATED
        return Freshness.STALE if age > stale_after_days else Freshness.FRESH

    def applies_to(self, industry: str, personas: set[str]) -> bool:
        """Approved segment research that matches a prospect's industry and committee."""
        if not self.is_segment_research or self.review_state is not ReviewState.APPROVED:
            return False
        if self.industry and self.industry.casefold() != industry.casefold():
            return False
        return not self.persona or self.persona.casefold() in {p.casefold() for p in personas}


@dataclass(frozen=True, slots=True)
class Prospect:
    id: int
    company: str
    industry: str = ""
    stage: Stage = Stage.AWARENESS
    domain: str = ""
    employees: int | None = None
    revenue: float | None = None
    region: str = ""
    owner_rep: str = ""
    pains: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    current_vendor: str = ""
    next_meeting: dt.date | None = None
    logo: str = ""  # sha256 of an asset
    currency: str = "USD"
    locale: str = "en_US"
    crm_id: str = ""  # "salesforce:001…" / "hubspot:123…": where the CRM import matched it
    deal_amount: float | None = None
    close_date: dt.date | None = None


# Fields a rep may change with `prospects edit` (and the CRM import may set), in display order.
EDITABLE_FIELDS = (
    "company",
    "industry",
    "stage",
    "domain",
    "employees",
    "revenue",
    "region",
    "owner_rep",
    "pains",
    "goals",
    "competitors",
    "current_vendor",
    "next_meeting",
    "currency",
    "locale",
    "deal_amount",
    "close_date",
)

_LIST_FIELDS = {"pains", "goals", "competitors"}
_INT_FIELDS = {"employees"}
_FLOAT_FIELDS = {"revenue", "deal_amount"}
_DATE_FIELDS = {"next_meeting", "close_date"}
INFLUENCE_LEVELS = ("high", "medium", "low")


def parse_stage(value: object) -> Stage:
    """A stage from its value ("post_sale"), its label ("Post-sale") or any mix of case,
    hyphens, underscores and spaces ("post sale", "POST-SALE")."""
    if isinstance(value, Stage):
        return value
    text = "_".join(str(value).strip().lower().replace("-", " ").replace("_", " ").split())
    try:
        return Stage(text)
    except ValueError:
        known = ", ".join(s.label for s in Stage)
        raise InvalidInput(f"Stage must be one of {known}, not {value!r}.") from None


def parse_date(value: object, what: str = "date") -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(f"The {what} must look like 2026-12-03, not {text!r}.") from None


def parse_kind(value: object) -> InsightKind:
    if isinstance(value, InsightKind):
        return value
    text = str(value).strip().lower().replace(" ", "_").replace("-", "_")
    if text == "competitor":
        return InsightKind.COMPETITOR
    try:
        return InsightKind(text)
    except ValueError:
        known = ", ".join(k.value for k in InsightKind)
        raise InvalidInput(f"Insight kind must be one of {known}, not {value!r}.") from None


def parse_influence(value: str) -> str:
    text = value.strip().lower()
    if text and text not in INFLUENCE_LEVELS:
        raise InvalidInput(f"Influence must be high, medium or low, not {value!r}.")
    return text


def _number(name: str, value: object, kind: type) -> int | float | None:
    if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
        return None if value is None else kind(value)
    text = str(value).strip().replace(",", "").replace("_", "")
    if not text:
        return None
    try:
        number = kind(float(text)) if kind is int else float(text)
    except ValueError:
        raise InvalidInput(f"{name.replace('_', ' ')} must be a number, not {value!r}.") from None
    if number < 0:
        raise InvalidInput(f"{name.replace('_', ' ')} cannot be negative.")
    return number


def coerce_changes(changes: Mapping[str, Any]) -> dict[str, Any]:
    """Typed field values for `Prospect`, from typed values or text (a form, the CLI)."""
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in EDITABLE_FIELDS:
            raise InvalidInput(
                f"{name!r} is not a prospect field; use one of: {', '.join(EDITABLE_FIELDS)}."
            )
        if name == "stage":
            out[name] = parse_stage(value)
        elif name in _LIST_FIELDS:
            items = [value] if isinstance(value, str) else list(value or ())
            out[name] = tuple(" ".join(str(v).split()) for v in items if str(v).strip())
        elif name in _INT_FIELDS:
            out[name] = _number(name, value, int)
        elif name in _FLOAT_FIELDS:
            out[name] = _number(name, value, float)
        elif name in _DATE_FIELDS:
            out[name] = parse_date(value, name.replace("_", " "))
        else:
            out[name] = " ".join(str(value or "").split())
    if "company" in out and not out["company"]:
        raise InvalidInput("A prospect needs a company name.")
    return out
