"""Evaluation criteria: the approved library, a prospect's checklist, its weighted fit score and
the rules that pre-fill it.

Marketing governs criteria like modules (owner, approval state, review-by date): each says how we
meet it, the proof (module keys, case studies, certifications) and the known gaps with the honest
answer. For each prospect the rules below suggest the criteria its industry and buying committee
usually weigh, each with the reason it is there; the rep then records the buyer's own wording, a
weight from 1 to 5 and whether we meet it, with evidence and notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.modules import ModuleState
from enabler.domain.prospects import Contact, Prospect
from enabler.errors import InvalidInput

WEIGHT_MIN, WEIGHT_MAX = 1, 5
DEFAULT_WEIGHT = 3
# Committee roles that own the decision: what they care about weighs more.
DECIDING_ROLES = ("economic buyer", "decision maker")


class CriterionStatus(StrEnum):
    """How well we meet a criterion, as the rep judges it with the buyer."""

    MET = "met"
    PARTLY = "partly"
    GAP = "gap"
    UNKNOWN = "unknown"  # not assessed yet

    @property
    def label(self) -> str:
        return {"partly": "Partly met", "unknown": "Not assessed"}.get(self.value, self.title())

    @property
    def credit(self) -> float:
        """Share of the criterion's weight it earns in the fit score (unknown earns nothing)."""
        return {"met": 1.0, "partly": 0.5}.get(self.value, 0.0)


# Weak-spot order among equal shortfalls: a known gap is worse than an unknown.
_STATUS_RANK = {
    CriterionStatus.GAP: 0,
    CriterionStatus.UNKNOWN: 1,
    CriterionStatus.PARTLY: 2,
    CriterionStatus.MET: 3,
}


def parse_status(value: object) -> CriterionStatus:
    """A CriterionStatus from user input; anything else is rejected with the allowed values."""
    if isinstance(value, CriterionStatus):
        return value
    text = str(value).strip().casefold()
    try:
        return CriterionStatus(text)
    except ValueError:
        allowed = ", ".join(s.value for s in CriterionStatus)
        raise InvalidInput(f"status {value!r} is not valid (use {allowed})") from None


def parse_weight(value: object) -> int:
    """A weight from 1 (nice to have) to 5 (must have)."""
    text = str(value).strip()
    if isinstance(value, bool) or not text.lstrip("-").isdigit():
        raise InvalidInput(
            f"weight {value!r} is not a whole number (use {WEIGHT_MIN} for nice to have "
            f"up to {WEIGHT_MAX} for must have)"
        )
    weight = int(text)
    if not WEIGHT_MIN <= weight <= WEIGHT_MAX:
        raise InvalidInput(
            f"weight {weight} is out of range (use {WEIGHT_MIN} for nice to have "
            f"up to {WEIGHT_MAX} for must have)"
        )
    return weight


@dataclass(frozen=True, slots=True)
class Proof:
    """What backs up how we meet a criterion."""

    modules: tuple[str, ...] = ()  # library module keys
    case_studies: tuple[str, ...] = ()
    certifications: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.modules or self.case_studies or self.certifications)


@dataclass(frozen=True, slots=True)
class KnownGap:
    """Where we fall short, and what we honestly say about it."""

    gap: str
    answer: str


@dataclass(frozen=True, slots=True)
class Criterion:
    """A governed library entry: a criterion buyers weigh and how we meet it."""

    id: int
    key: str
    name: str
    question: str = ""  # what the buyer typically asks
    industries: tuple[str, ...] = ()  # empty = every industry
    personas: tuple[str, ...] = ()  # empty = everyone on the committee
    how_we_meet: str = ""
    proof: Proof = Proof()
    gaps: tuple[KnownGap, ...] = ()
    weight: int = DEFAULT_WEIGHT  # suggested weight for a new checklist
    owner: str = ""
    state: ModuleState = ModuleState.DRAFT
    review_by: dt.date | None = None

    def fits_industry(self, industry: str) -> bool:
        return not self.industries or industry.casefold() in {i.casefold() for i in self.industries}

    def is_stale(self, today: dt.date) -> bool:
        return self.review_by is not None and self.review_by < today


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A library criterion the rules put on a prospect's checklist, and why."""

    criterion: Criterion
    reasons: tuple[str, ...]
    weight: int

    @property
    def reason(self) -> str:
        return "; ".join(self.reasons)


@dataclass(frozen=True, slots=True)
class CriterionItem:
    """One line of a prospect's checklist: a library criterion or one the rep added."""

    ref: str  # the criterion's key, or "custom-<id>" for the rep's own items
    name: str
    weight: int = DEFAULT_WEIGHT
    status: CriterionStatus = CriterionStatus.UNKNOWN
    wording: str = ""  # the buyer's own words for it
    evidence: str = ""
    note: str = ""
    reason: str = ""
    criterion: Criterion | None = None
    item_id: int | None = None
    version: int = 0  # 0 = suggested, not stored yet; pass it back when marking
    changed_on: dt.date | None = None
    changed_by: str = ""

    @property
    def custom(self) -> bool:
        return self.criterion is None

    @property
    def label(self) -> str:
        """What to show: the buyer's wording when recorded, else the library name."""
        return self.wording or self.name

    @property
    def shortfall(self) -> float:
        """Weight this item does not earn: how much it drags the fit score down."""
        return self.weight * (1.0 - self.status.credit)


@dataclass(frozen=True, slots=True)
class FitScore:
    """Weighted fit: each criterion earns its weight when met, half when partly met."""

    earned: float
    possible: int
    counts: dict[CriterionStatus, int]
    unknown_weight: int = 0

    @property
    def percent(self) -> int | None:
        return None if not self.possible else round(100 * self.earned / self.possible)

    @property
    def label(self) -> str:
        if self.percent is None:
            return "No criteria yet"
        unknown = self.counts.get(CriterionStatus.UNKNOWN, 0)
        tail = f" ({unknown} not assessed)" if unknown else ""
        return f"{self.percent}% weighted fit{tail}"


def fit_score(items: Iterable[CriterionItem]) -> FitScore:
    items = list(items)
    counts = {s: sum(1 for i in items if i.status is s) for s in CriterionStatus}
    return FitScore(
        earned=sum(i.weight * i.status.credit for i in items),
        possible=sum(i.weight for i in items),
        counts=counts,
        unknown_weight=sum(i.weight for i in items if i.status is CriterionStatus.UNKNOWN),
    )


def weak_first(items: Iterable[CriterionItem]) -> list[CriterionItem]:
    """Biggest shortfall first (gaps before unknowns at equal weight), met criteria last."""
    return sorted(items, key=lambda i: (-i.shortfall, _STATUS_RANK[i.status], -i.weight, i.label))


@dataclass(frozen=True, slots=True)
class CriteriaChecklist:
    prospect: Prospect
    items: tuple[CriterionItem, ...]

    @property
    def fit(self) -> FitScore:
        return fit_score(self.items)

    @property
    def weak_spots(self) -> list[CriterionItem]:
        """Items that cost fit score, worst first."""
        return [i for i in weak_first(self.items) if i.shortfall > 0]

    def ordered(self) -> list[CriterionItem]:
        """Every item, weak spots first."""
        return weak_first(self.items)

    @property
    def stored(self) -> bool:
        """True once the rep has recorded anything (the worksheet exists)."""
        return any(i.version > 0 for i in self.items)


def custom_ref(item_id: int) -> str:
    return f"custom-{item_id}"


def _decides(contact: Contact) -> bool:
    return contact.role.strip().casefold() in DECIDING_ROLES


def prefill(
    prospect: Prospect, committee: Sequence[Contact], library: Iterable[Criterion]
) -> list[Suggestion]:
    """Approved criteria this prospect's industry and committee usually weigh, library order.

    A criterion is suggested when it fits the prospect's industry and at least one of: it is
    specific to that industry, someone on the committee has one of its personas, or it is asked
    in every evaluation (no industries, no personas). Its weight goes up by one when a matching
    committee member is the economic buyer or decision maker.
    """
    by_persona: dict[str, list[Contact]] = {}
    for contact in committee:
        if contact.persona.strip():
            by_persona.setdefault(contact.persona.casefold(), []).append(contact)
    out = []
    for crit in library:
        if crit.state is not ModuleState.APPROVED or not crit.fits_industry(prospect.industry):
            continue
        reasons: list[str] = []
        if crit.industries and prospect.industry:
            reasons.append(f"Typical in {prospect.industry} evaluations")
        matched: list[Contact] = []
        for persona in crit.personas:
            people = by_persona.get(persona.casefold(), [])
            if people:
                matched += people
                names = ", ".join(c.name for c in people)
                reasons.append(f"{persona} on the committee ({names})")
        if not crit.industries and not crit.personas:
            reasons.append("Asked in most evaluations")
        if not reasons:
            continue
        weight = crit.weight
        deciders = [c for c in matched if _decides(c)]
        if deciders and weight < WEIGHT_MAX:
            weight += 1
            reasons.append(f"weighted up: {deciders[0].name} is the {deciders[0].role.lower()}")
        out.append(Suggestion(crit, tuple(reasons), weight))
    return out
