"""Objections: the approved library, a prospect's checklist, and the rules that pre-fill it.

Marketing governs objections like modules (owner, approval state, review-by date). For each
prospect the rules in `objection_rules` suggest the objections likely to come up, each with the
reason it is there; the rep then marks items open / raised / answered / parked and adds their
own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.modules import ModuleState, Stage
from enabler.domain.prospects import Prospect
from enabler.domain.refs import did_you_mean
from enabler.errors import InvalidInput


class ObjectionCategory(StrEnum):
    PRICE = "price"
    TIMING = "timing"
    NEED = "need"
    AUTHORITY = "authority"
    COMPETITOR = "competitor"
    SECURITY_COMPLIANCE = "security_compliance"
    INTEGRATION = "integration"
    RISK = "risk"

    @property
    def label(self) -> str:
        if self is ObjectionCategory.SECURITY_COMPLIANCE:
            return "Security / compliance"
        return self.capitalize()


class ObjectionState(StrEnum):
    """Where an item of a prospect's checklist stands."""

    OPEN = "open"  # likely, not come up yet
    RAISED = "raised"  # the prospect raised it; not answered yet
    ANSWERED = "answered"
    PARKED = "parked"  # raised, deliberately set aside for later

    @property
    def label(self) -> str:
        return self.capitalize()


def _parse(enum, value: str, what: str, normal: str | None = None):
    try:
        return enum((normal if normal is not None else str(value)).strip().casefold())
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise InvalidInput(f"{value!r} is not a valid {what}; use one of: {allowed}.") from None


def parse_state(value: str | ObjectionState) -> ObjectionState:
    """An ObjectionState from user input; anything else is rejected with the allowed values."""
    return value if isinstance(value, ObjectionState) else _parse(ObjectionState, value, "state")


def parse_category(value: str | ObjectionCategory) -> ObjectionCategory:
    if isinstance(value, ObjectionCategory):
        return value
    normal = str(value).replace(" / ", "_").replace("/", "_").replace("-", "_").replace(" ", "_")
    return _parse(ObjectionCategory, value, "category", normal)


@dataclass(frozen=True, slots=True)
class Answer:
    """The approved way to answer: acknowledge, reframe, prove, then ask a question back."""

    acknowledge: str = ""
    reframe: str = ""
    proof: str = ""
    question_back: str = ""

    def parts(self) -> list[tuple[str, str]]:
        """(label, text) for the parts that are filled in, in speaking order."""
        labelled = [
            ("Acknowledge", self.acknowledge),
            ("Reframe", self.reframe),
            ("Proof", self.proof),
            ("Ask back", self.question_back),
        ]
        return [(label, text) for label, text in labelled if text]


@dataclass(frozen=True, slots=True)
class Objection:
    """A governed library entry: what buyers say and the approved answer."""

    id: int
    key: str
    text: str
    category: ObjectionCategory
    answer: Answer = Answer()
    stages: tuple[Stage, ...] = ()  # empty = any stage
    industries: tuple[str, ...] = ()  # empty = every industry
    competitor: str = ""  # set for objections specific to one competitor
    keywords: tuple[str, ...] = ()  # words in an insight that make this objection likely
    proof_modules: tuple[str, ...] = ()  # module keys (case studies, references)
    owner: str = ""
    state: ModuleState = ModuleState.DRAFT
    review_by: dt.date | None = None

    def fits_industry(self, industry: str) -> bool:
        return not self.industries or industry.casefold() in {i.casefold() for i in self.industries}

    def is_stale(self, today: dt.date) -> bool:
        return self.review_by is not None and self.review_by < today


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """One line of a prospect's checklist: a library objection or one the rep added."""

    ref: str  # the objection's key, or "custom-<id>" for the rep's own items
    text: str
    category: ObjectionCategory
    state: ObjectionState = ObjectionState.OPEN
    reason: str = ""
    note: str = ""
    changed_on: dt.date | None = None
    version: int = 0  # 0 = suggested, not stored yet; pass it back when marking
    changed_by: str = ""
    objection: Objection | None = None
    item_id: int | None = None

    @property
    def custom(self) -> bool:
        return self.objection is None


@dataclass(frozen=True, slots=True)
class Progress:
    answered: int
    total: int
    raised: int = 0
    parked: int = 0

    @property
    def open(self) -> int:
        return self.total - self.answered - self.raised - self.parked

    @property
    def label(self) -> str:
        return f"{self.answered} of {self.total} answered"


@dataclass(frozen=True, slots=True)
class ObjectionChecklist:
    prospect: Prospect
    items: tuple[ChecklistItem, ...]
    competitors: tuple[str, ...] = ()  # competitors in play for this prospect

    @property
    def progress(self) -> Progress:
        states = [i.state for i in self.items]
        return Progress(
            answered=states.count(ObjectionState.ANSWERED),
            total=len(states),
            raised=states.count(ObjectionState.RAISED),
            parked=states.count(ObjectionState.PARKED),
        )

    def with_state(self, *states: ObjectionState) -> list[ChecklistItem]:
        return [i for i in self.items if i.state in states]


def custom_ref(item_id: int) -> str:
    return f"custom-{item_id}"


def suggest_ref(ref: str, known: Iterable[str]) -> str:
    """' Did you mean …?' for a mistyped key, or ''."""
    return did_you_mean(ref, known)


def objection_from_dict(data: dict, *, id: int = 0) -> Objection:
    """An Objection from its JSON form (as written in a demo or import file)."""
    answer = data.get("answer", {})
    return Objection(
        id=id,
        key=str(data["key"]),
        text=str(data["text"]),
        category=parse_category(data["category"]),
        answer=Answer(
            acknowledge=str(answer.get("acknowledge", "")),
            reframe=str(answer.get("reframe", "")),
            proof=str(answer.get("proof", "")),
            question_back=str(answer.get("question_back", "")),
        ),
        stages=tuple(Stage(s) for s in data.get("stages", ())),
        industries=tuple(str(i) for i in data.get("industries", ())),
        competitor=str(data.get("competitor", "")),
        keywords=tuple(str(k) for k in data.get("keywords", ())),
        proof_modules=tuple(str(k) for k in data.get("proof_modules", ())),
        owner=str(data.get("owner", "")),
        state=ModuleState(data.get("state", ModuleState.DRAFT.value)),
        review_by=dt.date.fromisoformat(data["review_by"]) if data.get("review_by") else None,
    )


# What a buyer-facing document (deck appendix, leave-behind) may say about a prospect's
# objections. One rule for both: "heard" is what the buyer raised or we answered; an open item
# is only anticipated (shown under a heading that does not claim the buyer said it); a parked
# item was set aside on purpose and never appears.
HEARD_STATES = (ObjectionState.RAISED, ObjectionState.ANSWERED)
ANTICIPATED_STATES = (ObjectionState.OPEN,)


def buyer_facing(cl: ObjectionChecklist) -> tuple[list[ChecklistItem], list[ChecklistItem]]:
    """(heard, anticipated): library objections with an approved answer worth showing."""

    def shown(item: ChecklistItem) -> bool:
        obj = item.objection
        return (
            obj is not None
            and obj.state is ModuleState.APPROVED
            and bool(obj.answer.reframe or obj.answer.proof)
        )

    heard = [i for i in cl.with_state(*HEARD_STATES) if shown(i)]
    return heard, [i for i in cl.with_state(*ANTICIPATED_STATES) if shown(i)]
