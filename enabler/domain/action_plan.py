"""Mutual action plan: the steps to a decision agreed with the buyer, and marketing's templates.

Each step has an owner on our side and one on theirs, a due date and a status. Steps run in
order, so a step may not be due before the step before it. A step is overdue once its due date
has passed and it is not done; the plan's next step is the first one not done.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.prospects import Contact, Prospect
from enabler.errors import InvalidInput

# Deal size bands by annual recurring revenue: small below, large above.
SMALL_BELOW = 50_000
LARGE_ABOVE = 250_000
# A template step owned by this role on our side goes to the prospect's rep.
REP_ROLE = "account executive"


class StepStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    BLOCKED = "blocked"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class DealSize(StrEnum):
    SMALL = "small"
    MID = "mid"
    LARGE = "large"

    @property
    def label(self) -> str:
        return {
            "small": f"Small (under ${SMALL_BELOW // 1000}K ARR)",
            "mid": f"Mid (${SMALL_BELOW // 1000}K–${LARGE_ABOVE // 1000}K ARR)",
            "large": f"Large (over ${LARGE_ABOVE // 1000}K ARR)",
        }[self.value]


def deal_size_for(amount: float | None) -> DealSize | None:
    """The size band of a deal worth `amount` a year, or None when the amount is unknown."""
    if amount is None:
        return None
    if amount < SMALL_BELOW:
        return DealSize.SMALL
    return DealSize.LARGE if amount > LARGE_ABOVE else DealSize.MID


def _parse(enum, value: object, field: str):
    if isinstance(value, enum):
        return value
    text = str(value).strip().casefold().replace("-", "_").replace(" ", "_")
    try:
        return enum(text)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise InvalidInput(f"{field} {value!r} is not valid (use {allowed})") from None


def parse_step_status(value: object) -> StepStatus:
    return _parse(StepStatus, value, "status")


def parse_deal_size(value: object) -> DealSize:
    return _parse(DealSize, value, "deal size")


@dataclass(frozen=True, slots=True)
class TemplateStep:
    """A step of a template; owners are roles (e.g. "Account Executive", "CIO")."""

    name: str
    our_owner: str = ""
    their_owner: str = ""
    offset_days: int = 0  # due this many days after the plan starts
    notes: str = ""


@dataclass(frozen=True, slots=True)
class PlanTemplate:
    """Marketing's standard steps for a deal size."""

    size: DealSize
    steps: tuple[TemplateStep, ...]
    label: str = ""
    owner: str = ""


@dataclass(frozen=True, slots=True)
class StepDraft:
    """A step as entered, before it is stored."""

    name: str
    our_owner: str = ""
    their_owner: str = ""
    due: dt.date | None = None
    status: StepStatus = StepStatus.PLANNED
    notes: str = ""


@dataclass(frozen=True, slots=True)
class PlanStep:
    number: int  # 1-based position in the plan
    name: str
    our_owner: str = ""
    their_owner: str = ""
    due: dt.date | None = None
    status: StepStatus = StepStatus.PLANNED
    notes: str = ""
    step_id: int | None = None
    version: int = 0
    changed_on: dt.date | None = None
    changed_by: str = ""

    @property
    def done(self) -> bool:
        return self.status is StepStatus.DONE

    def is_overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today and not self.done

    def days_overdue(self, today: dt.date) -> int:
        if self.due is None or not self.is_overdue(today):
            return 0
        return (today - self.due).days

    def draft(self) -> StepDraft:
        return StepDraft(
            self.name, self.our_owner, self.their_owner, self.due, self.status, self.notes
        )


@dataclass(frozen=True, slots=True)
class ActionPlan:
    """A prospect's steps to a decision, as of `today` (which decides what is overdue)."""

    prospect: Prospect
    steps: tuple[PlanStep, ...]
    today: dt.date
    template: DealSize | None = None

    @property
    def overdue(self) -> list[PlanStep]:
        return [s for s in self.steps if s.is_overdue(self.today)]

    @property
    def next_step(self) -> PlanStep | None:
        """The first step not done yet."""
        return next((s for s in self.steps if not s.done), None)

    @property
    def next_step_date(self) -> dt.date | None:
        step = self.next_step
        return step.due if step else None

    @property
    def end_date(self) -> dt.date | None:
        """When the last dated step is due: where the plan ends."""
        dated = [s.due for s in self.steps if s.due is not None]
        return dated[-1] if dated else None

    @property
    def done_count(self) -> int:
        return sum(1 for s in self.steps if s.done)


def order_problems(steps: Sequence[StepDraft]) -> dict[int, str]:
    """{index: message} for each step due before the last dated step before it."""
    problems: dict[int, str] = {}
    previous: tuple[int, StepDraft, dt.date] | None = None
    for n, step in enumerate(steps):
        if step.due is None:
            continue
        if previous is not None and step.due < previous[2]:
            p_n, p_step, p_due = previous
            problems[n] = (
                f"step {n + 1} {step.name!r} is due {step.due.isoformat()}, before step "
                f"{p_n + 1} {p_step.name!r} ({p_due.isoformat()}): give it a later date "
                "or move it"
            )
            continue  # compare the next step with the last step that was in order
        previous = (n, step, step.due)
    return problems


def _person(role: str, committee: Sequence[Contact]) -> str:
    """The committee member whose persona or committee role is `role`, else the role itself."""
    wanted = role.strip().casefold()
    if not wanted:
        return ""
    for contact in committee:
        if wanted in (contact.persona.casefold(), contact.role.casefold()):
            return contact.name
    return role


def steps_from_template(
    template: PlanTemplate,
    start: dt.date,
    owner_rep: str = "",
    committee: Sequence[Contact] = (),
) -> list[StepDraft]:
    """The template's steps dated from `start`, owners filled in with the people we know."""
    out = []
    for step in template.steps:
        ours = step.our_owner
        if owner_rep and ours.strip().casefold() == REP_ROLE:
            ours = owner_rep
        out.append(
            StepDraft(
                name=step.name,
                our_owner=ours,
                their_owner=_person(step.their_owner, committee),
                due=start + dt.timedelta(days=step.offset_days),
                notes=step.notes,
            )
        )
    return out
