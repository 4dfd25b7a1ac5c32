"""The factors a recommendation weighs, their default weights and what each means (pure)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from enabler.errors import InvalidInput


class Factor(StrEnum):
    STAGE = "stage"
    ADJACENT_STAGE = "adjacent_stage"
    ANY_STAGE = "any_stage"
    INDUSTRY = "industry"
    PERSONA = "persona"
    COMPETITOR = "competitor"
    PAIN = "pain"
    GOAL = "goal"
    INSIGHT = "insight"
    REVIEW_OVERDUE = "review_overdue"
    RATING = "rating"


@dataclass(frozen=True, slots=True)
class Weights:
    """Points per factor. Field names are the factor names users type in `weights set`."""

    stage: float = 20.0
    adjacent_stage: float = 6.0
    any_stage: float = 12.0
    industry: float = 6.0
    persona: float = 6.0
    competitor: float = 8.0
    pain: float = 4.0
    goal: float = 3.0
    insight: float = 2.0
    review_overdue: float = -8.0
    rating: float = 3.0

    def of(self, factor: Factor) -> float:
        return getattr(self, factor.value)

    @classmethod
    def with_overrides(cls, overrides: Mapping[str, float]) -> Weights:
        """Defaults with the user's edits; unknown factors (from a newer version) are ignored."""
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: float(v) for k, v in overrides.items() if k in known})


DESCRIPTIONS: dict[Factor, str] = {
    Factor.STAGE: "module made for the prospect's funnel stage",
    Factor.ADJACENT_STAGE: "module made for the stage just before or after the prospect's",
    Factor.ANY_STAGE: "module with no stage (fits every stage)",
    Factor.INDUSTRY: "module written for the prospect's industry",
    Factor.PERSONA: "× share of the buying committee's influence the module speaks to",
    Factor.COMPETITOR: "per competitor in play the module covers",
    Factor.PAIN: "per pain of theirs the module's words match (half for one shared word)",
    Factor.GOAL: "per goal of theirs the module's words match (half for one shared word)",
    Factor.INSIGHT: "per fresh insight or segment research matched (best three count)",
    Factor.REVIEW_OVERDUE: "module past its review date (negative: a penalty)",
    Factor.RATING: "× (average rep rating − 3) / 2, when reps have rated the module",
}


def parse_factor(name: str) -> Factor:
    try:
        return Factor(name.strip().lower().replace("-", "_"))
    except ValueError:
        known = ", ".join(f.value for f in Factor)
        raise InvalidInput(f"Unknown factor {name!r}; factors are: {known}.") from None


def parse_weight(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidInput(f"Weight must be a number such as 6 or -2.5, not {text!r}.") from None
    if value != value or abs(value) > 1000:
        raise InvalidInput(f"Weight must be between -1000 and 1000, not {text!r}.")
    return value
