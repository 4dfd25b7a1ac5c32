"""Discounted-cash-flow arithmetic on yearly flows, year 0 first.

Conventions (the summary slide and the CLI JSON state them too):

- **Year 0 is today and is not discounted.** ``npv(r, [CF0, CF1, …, CFn]) = Σ CF_t / (1 + r)^t``,
  which equals Excel's ``=NPV(r, CF1…CFn) + CF0`` (Excel's NPV discounts its *first* argument by
  one period) and numpy-financial's ``npv(r, [CF0…CFn])``.
- Rates are fractions here (0.10 = 10 %); the model and the UI speak percent.
- **Payback** counts from the *last* crossing after which cumulative cash stays recovered, in
  fractional years with linear interpolation inside the year: ``k + (−cum_k) / CF_(k+1)``. A
  cumulative that dips below zero again later (a refresh, a second licence wave) moves the
  payback; one that ends below zero is "not within horizon"; flows that never need recovering
  (no year with cumulative below zero, e.g. all zero) have no payback ("not defined").
- **ROI** = (PV benefits − PV costs) / PV costs = NPV / PV costs, as in Forrester TEI studies;
  not defined without costs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import accumulate


class PaybackStatus(StrEnum):
    RECOVERED = "recovered"
    NOT_WITHIN_HORIZON = "not_within_horizon"
    NO_INVESTMENT = "no_investment"


@dataclass(frozen=True, slots=True)
class Payback:
    status: PaybackStatus
    years: float | None = None  # fractional years from today when RECOVERED

    @property
    def defined(self) -> bool:
        return self.status is PaybackStatus.RECOVERED

    @property
    def reason(self) -> str:
        if self.status is PaybackStatus.NOT_WITHIN_HORIZON:
            return "not within horizon"
        if self.status is PaybackStatus.NO_INVESTMENT:
            return "not defined: nothing to pay back"
        return ""


def _check_rate(rate: float) -> None:
    if not rate > -1.0:
        raise ValueError(f"discount rate must be above -100 % (got {rate:.2%})")


def discount_factors(rate: float, years: int) -> list[float]:
    """1 / (1 + rate)^t for t = 0 … years − 1 (year 0 undiscounted)."""
    _check_rate(rate)
    base = 1.0 + rate
    return [base**-t for t in range(years)]


def discounted(rate: float, flows: Sequence[float]) -> list[float]:
    return [cf * f for cf, f in zip(flows, discount_factors(rate, len(flows)), strict=True)]


def npv(rate: float, flows: Sequence[float]) -> float:
    """Net present value, year-0 flow undiscounted (= Excel ``NPV(rate, CF1…CFn) + CF0``)."""
    return sum(discounted(rate, flows))


def cumulative(flows: Sequence[float]) -> list[float]:
    return list(accumulate(flows))


def payback(flows: Sequence[float]) -> Payback:
    """Simple payback of `flows`; pass discounted flows for the discounted payback."""
    cum = cumulative(flows)
    scale = max((abs(v) for v in flows), default=0.0)
    tolerance = scale * 1e-12  # float noise around zero is "recovered", not a dip
    below = [k for k, c in enumerate(cum) if c < -tolerance]
    if not below:
        return Payback(PaybackStatus.NO_INVESTMENT)
    last = below[-1]
    if last == len(cum) - 1:
        return Payback(PaybackStatus.NOT_WITHIN_HORIZON)
    # cum[last] < 0 <= cum[last + 1], so flows[last + 1] > 0: the division is safe.
    fraction = min(1.0, -cum[last] / flows[last + 1])
    return Payback(PaybackStatus.RECOVERED, last + fraction)


def roi_pct(pv_benefits: float, pv_costs: float) -> float | None:
    """(PV benefits − PV costs) / PV costs in percent; None without costs."""
    if pv_costs <= 0:
        return None
    return (pv_benefits - pv_costs) / pv_costs * 100.0


def mirr(flows: Sequence[float], finance_rate: float, reinvest_rate: float) -> float | None:
    """Modified IRR (Excel ``MIRR``): negatives financed, positives reinvested; None if undefined.

    Unlike the IRR it is always unique, so it is the fallback figure when the IRR is not.
    """
    _check_rate(finance_rate)
    _check_rate(reinvest_rate)
    n = len(flows) - 1
    if n < 1:
        return None
    pv_neg = sum(min(cf, 0.0) / (1 + finance_rate) ** t for t, cf in enumerate(flows))
    fv_pos = sum(max(cf, 0.0) * (1 + reinvest_rate) ** (n - t) for t, cf in enumerate(flows))
    if pv_neg == 0 or fv_pos == 0:
        return None
    return (fv_pos / -pv_neg) ** (1.0 / n) - 1.0
