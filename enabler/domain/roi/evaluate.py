"""Evaluate a business case: yearly flows, NPV, IRR, payback, ROI, TCO and plausibility flags.

`evaluate(model, scenario)` is a pure function of its inputs and takes well under a millisecond
for a typical model, so a form can recompute on every keystroke. Conventions are in
`roi_math` (NPV year 0 undiscounted = Excel ``NPV(r, CF1…CFn) + CF0``; payback from the last
crossing) and `roi_irr` (IRR only when exactly one rate zeroes the NPV).

Risk adjustment follows Forrester's Total Economic Impact practice: each benefit line is reduced
and each cost line raised by its own stated percentage. The *risk-adjusted* figures are the
headline; the *unadjusted* ones are always computed beside them so both can be shown.
Scenario factors multiply every benefit and every cost on top of that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from enabler.domain.roi import dcf as roi_math
from enabler.domain.roi.dcf import Payback
from enabler.domain.roi.irr import IrrResult, irr
from enabler.domain.roi.model import (
    TCO_YEARS,
    BenefitKind,
    CostKind,
    RoiModel,
    Scenario,
)

IMPLAUSIBLE_IRR_PCT = 1000.0
IMPLAUSIBLE_PAYBACK_YEARS = 1 / 12
IMPLAUSIBLE_BENEFIT_COST_RATIO = 20.0


class Flag(StrEnum):
    """A result finance teams will distrust: the rep checks the inputs before showing it."""

    IRR_ABOVE_1000_PCT = "irr_above_1000_pct"
    PAYBACK_UNDER_A_MONTH = "payback_under_a_month"
    BENEFITS_OVER_20X_COSTS = "benefits_over_20x_costs"

    @property
    def message(self) -> str:
        return {
            Flag.IRR_ABOVE_1000_PCT: "IRR above 1,000 %",
            Flag.PAYBACK_UNDER_A_MONTH: "payback in under a month",
            Flag.BENEFITS_OVER_20X_COSTS: "benefits more than 20 times the costs",
        }[self] + ": check the inputs with the prospect before presenting this."


@dataclass(frozen=True, slots=True)
class Driver:
    """One input line's signed contribution to the net cash flow, year 0 first."""

    name: str
    flows: tuple[float, ...]
    is_cost: bool
    saves_current_cost: bool = False  # a cost-saving benefit: lowers today's costs in TCO


@dataclass(frozen=True, slots=True)
class Figures:
    """Everything computed from one set of yearly benefits and costs (year 0 first)."""

    benefits: tuple[float, ...]
    costs: tuple[float, ...]  # positive amounts
    net: tuple[float, ...]
    cumulative: tuple[float, ...]
    npv: float
    pv_benefits: float
    pv_costs: float
    roi_pct: float | None
    irr: IrrResult
    mirr: float | None  # fraction; finance and reinvestment at the discount rate
    payback: Payback
    discounted_payback: Payback

    @property
    def total_benefits(self) -> float:
        return sum(self.benefits)

    @property
    def total_costs(self) -> float:
        return sum(self.costs)


@dataclass(frozen=True, slots=True)
class Tco:
    """Undiscounted cost of ownership over `years`: the process as today vs with our solution.

    With the solution: our costs plus what remains of today's costs after the cost-saving
    benefits (never below zero). Productivity, revenue and risk benefits are value, not cash
    cost, so they stay out of TCO.
    """

    years: int
    current: float
    with_solution: float

    @property
    def saving(self) -> float:
        return self.current - self.with_solution

    @property
    def saving_pct(self) -> float | None:
        return self.saving / self.current * 100.0 if self.current > 0 else None


@dataclass(frozen=True, slots=True)
class RoiResult:
    scenario: Scenario
    horizon_years: int
    discount_rate_pct: float
    adjusted: Figures  # the headline
    unadjusted: Figures
    tco: tuple[Tco, ...]  # 3 and 5 years; empty without current-state costs or for flows
    tco_unadjusted: tuple[Tco, ...]
    flags: tuple[Flag, ...]


def drivers(model: RoiModel, scenario: Scenario, adjusted: bool, years: int | None = None):
    """Each input line as a Driver over `years` (default: the model's horizon)."""
    n = model.years if years is None else years
    factors = model.factors(scenario)
    if model.uses_cash_flows:
        out = []
        for t, cf in enumerate(model.cash_flows[: n + 1]):
            flows = [0.0] * (n + 1)
            flows[t] = cf * (factors.benefits if cf > 0 else factors.costs)
            out.append(Driver(f"Year {t} cash flow", tuple(flows), cf < 0))
        return out
    out = []
    for b in model.benefits:
        keep = (1 - b.risk_pct / 100) if adjusted else 1.0
        value = b.run_rate * keep * factors.benefits
        flows = [0.0] + [value * b.ramp_pct(y) / 100 for y in range(1, n + 1)]
        out.append(Driver(b.name, tuple(flows), False, b.kind is BenefitKind.COST_SAVING))
    for c in model.costs:
        amount = c.amount * ((1 + c.risk_pct / 100) if adjusted else 1.0) * factors.costs
        flows = [0.0] * (n + 1)
        if c.kind is CostKind.ONE_OFF:
            flows[c.year] = -amount
        else:
            flows[1:] = [-amount] * n
        out.append(Driver(c.name, tuple(flows), True))
    return out


def figures(benefits: Sequence[float], costs: Sequence[float], rate_pct: float) -> Figures:
    """All outputs for yearly `benefits` and positive `costs`, year 0 first."""
    rate = rate_pct / 100
    net = [b - c for b, c in zip(benefits, costs, strict=True)]
    pv_b, pv_c = roi_math.npv(rate, benefits), roi_math.npv(rate, costs)
    return Figures(
        benefits=tuple(benefits),
        costs=tuple(costs),
        net=tuple(net),
        cumulative=tuple(roi_math.cumulative(net)),
        npv=roi_math.npv(rate, net),
        pv_benefits=pv_b,
        pv_costs=pv_c,
        roi_pct=roi_math.roi_pct(pv_b, pv_c),
        irr=irr(net),
        mirr=roi_math.mirr(net, rate, rate),
        payback=roi_math.payback(net),
        discounted_payback=roi_math.payback(roi_math.discounted(rate, net)),
    )


def split(lines: Sequence[Driver], years: int) -> tuple[list[float], list[float]]:
    """Yearly benefits and (positive) costs summed over the drivers."""
    benefits, costs = [0.0] * (years + 1), [0.0] * (years + 1)
    for d in lines:
        target = costs if d.is_cost else benefits
        for t, v in enumerate(d.flows):
            target[t] += -v if d.is_cost else v
    return benefits, costs


def evaluate(model: RoiModel, scenario: Scenario = Scenario.EXPECTED) -> RoiResult:
    """The business case for one scenario, risk-adjusted and unadjusted."""
    n = model.years
    both = [
        figures(*split(drivers(model, scenario, adjusted), n), model.discount_rate_pct)
        for adjusted in (True, False)
    ]
    return RoiResult(
        scenario=scenario,
        horizon_years=n,
        discount_rate_pct=model.discount_rate_pct,
        adjusted=both[0],
        unadjusted=both[1],
        tco=tco(model, scenario, adjusted=True),
        tco_unadjusted=tco(model, scenario, adjusted=False),
        flags=plausibility_flags(both),
    )


def tco(model: RoiModel, scenario: Scenario, adjusted: bool = True) -> tuple[Tco, ...]:
    """3- and 5-year TCO (projected past the horizon when it is shorter)."""
    if model.uses_cash_flows or not model.current_state:
        return ()
    today = sum(c.amount for c in model.current_state)
    out = []
    for years in TCO_YEARS:
        lines = drivers(model, scenario, adjusted, years)
        ours = -sum(sum(d.flows) for d in lines if d.is_cost)
        savings = [sum(d.flows[y] for d in lines if d.saves_current_cost) for y in range(years + 1)]
        remaining = sum(max(0.0, today - savings[y]) for y in range(1, years + 1))
        out.append(Tco(years, today * years, ours + remaining))
    return tuple(out)


def plausibility_flags(sets: Sequence[Figures]) -> tuple[Flag, ...]:
    """Flags raised by any of the figure sets shown (adjusted or unadjusted)."""
    found: set[Flag] = set()
    for f in sets:
        if f.irr.defined and f.irr.rate is not None and f.irr.rate * 100 > IMPLAUSIBLE_IRR_PCT:
            found.add(Flag.IRR_ABOVE_1000_PCT)
        years = f.payback.years
        if f.payback.defined and years is not None and years < IMPLAUSIBLE_PAYBACK_YEARS:
            found.add(Flag.PAYBACK_UNDER_A_MONTH)
        if f.total_benefits > IMPLAUSIBLE_BENEFIT_COST_RATIO * f.total_costs:
            found.add(Flag.BENEFITS_OVER_20X_COSTS)
    return tuple(flag for flag in Flag if flag in found)
