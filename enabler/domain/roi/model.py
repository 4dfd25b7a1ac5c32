"""The inputs of a business case: what the prospect spends today, what our solution costs, what
it brings, over how many years and at what discount rate.

Amounts are in the prospect's currency, per year unless the line says otherwise. Percentages are
percent (10 = 10 %). Year 0 is today (implementation); benefits and recurring costs run in years
1 … horizon. A model is either line items (the usual case) or, for finance teams who bring their
own numbers, a plain list of yearly net cash flows, year 0 first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_HORIZON = 3
DEFAULT_DISCOUNT_RATE_PCT = 10.0
MAX_HORIZON = 10
TCO_YEARS = (3, 5)


class BenefitKind(StrEnum):
    COST_SAVING = "cost_saving"  # lowers what they spend today: counts in TCO
    PRODUCTIVITY = "productivity"  # hours saved × loaded hourly rate
    REVENUE_UPLIFT = "revenue_uplift"
    RISK_AVOIDED = "risk_avoided"  # expected loss avoided (probability × impact)

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class CostKind(StrEnum):
    ONE_OFF = "one_off"  # implementation, migration, training: paid once, in `year`
    RECURRING = "recurring"  # subscription, support, running cost: every year 1 … horizon

    @property
    def label(self) -> str:
        return "One-off" if self is CostKind.ONE_OFF else "Recurring"


class Scenario(StrEnum):
    CONSERVATIVE = "conservative"
    EXPECTED = "expected"
    OPTIMISTIC = "optimistic"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass(frozen=True, slots=True)
class BenefitLine:
    """A yearly benefit at full run rate, ramped up and risk-adjusted."""

    name: str
    kind: BenefitKind = BenefitKind.COST_SAVING
    amount: float = 0.0  # per year at full run rate (all kinds but productivity)
    hours: float = 0.0  # productivity: hours saved per year at full run rate
    rate: float = 0.0  # productivity: loaded cost of one hour
    ramp: tuple[float, ...] = (100.0,)  # % of run rate in year 1, 2, …; the last value repeats
    risk_pct: float = 0.0  # Forrester TEI risk adjustment: the benefit is reduced by this %

    @property
    def run_rate(self) -> float:
        """Value per year once fully ramped up, before risk adjustment."""
        if self.kind is BenefitKind.PRODUCTIVITY:
            return self.hours * self.rate
        return self.amount

    def ramp_pct(self, year: int) -> float:
        """Share of the run rate realised in `year` (≥ 1), in percent."""
        return self.ramp[min(year, len(self.ramp)) - 1] if self.ramp else 100.0


@dataclass(frozen=True, slots=True)
class CostLine:
    """A cost of our solution, risk-adjusted upwards."""

    name: str
    kind: CostKind = CostKind.RECURRING
    amount: float = 0.0  # once (ONE_OFF) or per year (RECURRING)
    year: int = 0  # ONE_OFF only: the year it is paid (0 = today)
    risk_pct: float = 0.0  # Forrester TEI risk adjustment: the cost is raised by this %


@dataclass(frozen=True, slots=True)
class CurrentCost:
    """What the prospect spends per year on the process today (the TCO baseline)."""

    name: str
    amount: float = 0.0


@dataclass(frozen=True, slots=True)
class ScenarioFactors:
    """Multipliers on every benefit and every cost for one scenario."""

    benefits: float = 1.0
    costs: float = 1.0


DEFAULT_SCENARIOS: dict[Scenario, ScenarioFactors] = {
    Scenario.CONSERVATIVE: ScenarioFactors(benefits=0.8, costs=1.1),
    Scenario.EXPECTED: ScenarioFactors(),
    Scenario.OPTIMISTIC: ScenarioFactors(benefits=1.2, costs=0.95),
}


@dataclass(frozen=True, slots=True)
class RoiModel:
    """A prospect's business case inputs (validated: build it with `roi_io.parse_model`)."""

    horizon_years: int = DEFAULT_HORIZON
    discount_rate_pct: float = DEFAULT_DISCOUNT_RATE_PCT
    benefits: tuple[BenefitLine, ...] = ()
    costs: tuple[CostLine, ...] = ()
    current_state: tuple[CurrentCost, ...] = ()
    scenarios: dict[Scenario, ScenarioFactors] = field(
        default_factory=lambda: dict(DEFAULT_SCENARIOS)
    )
    cash_flows: tuple[float, ...] = ()  # finance-team flows, year 0 first; replaces the lines
    preset: str = ""  # the preset it started from, for the record

    @property
    def uses_cash_flows(self) -> bool:
        return bool(self.cash_flows)

    @property
    def years(self) -> int:
        """The horizon in years (for cash flows: one less than the number of flows)."""
        return len(self.cash_flows) - 1 if self.cash_flows else self.horizon_years

    def factors(self, scenario: Scenario) -> ScenarioFactors:
        return self.scenarios.get(scenario, DEFAULT_SCENARIOS[scenario])


@dataclass(frozen=True, slots=True)
class RoiPreset:
    """Marketing-approved starting assumptions for an industry."""

    industry: str
    name: str
    model: RoiModel
    owner: str = ""
    notes: str = ""  # where the numbers come from


def model_to_dict(model: RoiModel) -> dict:
    """The canonical JSON form; `roi_io.parse_model(model_to_dict(m)).model == m`."""
    data: dict = {"discount_rate": model.discount_rate_pct}
    if model.uses_cash_flows:
        data["cash_flows"] = list(model.cash_flows)
    else:
        data["horizon_years"] = model.horizon_years
        data["benefits"] = [_benefit_dict(b) for b in model.benefits]
        data["costs"] = [_cost_dict(c) for c in model.costs]
        data["current_state"] = [{"name": c.name, "amount": c.amount} for c in model.current_state]
    data["scenarios"] = {
        s.value: {"benefits": f.benefits, "costs": f.costs} for s, f in model.scenarios.items()
    }
    if model.preset:
        data["preset"] = model.preset
    return data


def _benefit_dict(b: BenefitLine) -> dict:
    out: dict = {"name": b.name, "kind": b.kind.value}
    if b.kind is BenefitKind.PRODUCTIVITY:
        out.update(hours=b.hours, rate=b.rate)
    else:
        out["amount"] = b.amount
    out.update(ramp=list(b.ramp), risk_pct=b.risk_pct)
    return out


def _cost_dict(c: CostLine) -> dict:
    out: dict = {"name": c.name, "kind": c.kind.value, "amount": c.amount}
    if c.kind is CostKind.ONE_OFF:
        out["year"] = c.year
    out["risk_pct"] = c.risk_pct
    return out
