"""Sensitivity: move each driver by ±X % (default 20 %), see how far the NPV moves, rank.

Drivers are the input lines (each benefit, each cost; for finance-team flows, each year's flow)
and the discount rate. The NPV is linear in every line, so a line's effect is its own present
value times the swing — exact, and cheap enough to redo on every keystroke. The discount rate is
moved relatively (10 % ± 20 % → 8 % and 12 %) and the NPV recomputed.
"""

from __future__ import annotations

from dataclasses import dataclass

from enabler.domain.roi import dcf as roi_math
from enabler.domain.roi.evaluate import drivers, split
from enabler.domain.roi.model import RoiModel, Scenario

DEFAULT_SWING_PCT = 20.0
DISCOUNT_RATE = "Discount rate"


@dataclass(frozen=True, slots=True)
class TornadoBar:
    driver: str
    low_npv: float  # NPV with the driver moved down by the swing
    high_npv: float  # NPV with the driver moved up by the swing

    @property
    def spread(self) -> float:
        return abs(self.high_npv - self.low_npv)


@dataclass(frozen=True, slots=True)
class Tornado:
    """Risk-adjusted NPV sensitivity, biggest effect first."""

    base_npv: float
    swing_pct: float
    bars: tuple[TornadoBar, ...]


def tornado(
    model: RoiModel,
    scenario: Scenario = Scenario.EXPECTED,
    swing_pct: float = DEFAULT_SWING_PCT,
) -> Tornado:
    """Rank the drivers of the risk-adjusted NPV by how much ±`swing_pct` % moves it."""
    if not 0 < swing_pct <= 100:
        raise ValueError("the swing must be between 0 and 100 %")
    s = swing_pct / 100
    rate_pct = model.discount_rate_pct
    rate = rate_pct / 100
    lines = drivers(model, scenario, adjusted=True)
    base = roi_math.npv(rate, _net(lines, model.years))
    bars = []
    for d in lines:
        pv = roi_math.npv(rate, d.flows)
        bars.append(TornadoBar(d.name, base - s * pv, base + s * pv))
    net = _net(lines, model.years)
    low_rate, high_rate = rate * (1 - s), rate * (1 + s)
    if min(low_rate, high_rate) > -1:  # a rate near -100 % cannot move 20 % further down
        bars.append(
            TornadoBar(
                f"{DISCOUNT_RATE} ({low_rate * 100:.1f}–{high_rate * 100:.1f} %)",
                roi_math.npv(low_rate, net),
                roi_math.npv(high_rate, net),
            )
        )
    ranked = sorted(enumerate(bars), key=lambda item: (-item[1].spread, item[0]))
    return Tornado(base, swing_pct, tuple(bar for _, bar in ranked))


def _net(lines, years: int) -> list[float]:
    benefits, costs = split(lines, years)
    return [b - c for b, c in zip(benefits, costs, strict=True)]
