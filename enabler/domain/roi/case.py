"""A prospect's business case at a glance: every scenario, the chosen one, and its tornado.

`business_case` is what the CLI, the deck, the leave-behind and the GUI all compute from a
model; it is pure and fast (well under a few milliseconds), so a form may call it on every
keystroke.
"""

from __future__ import annotations

from dataclasses import dataclass

from enabler.domain.roi.evaluate import RoiResult, evaluate
from enabler.domain.roi.model import RoiModel, Scenario
from enabler.domain.roi.sensitivity import DEFAULT_SWING_PCT, Tornado, tornado


@dataclass(frozen=True, slots=True)
class BusinessCase:
    model: RoiModel
    scenario: Scenario
    result: RoiResult  # the chosen scenario
    scenarios: dict[Scenario, RoiResult]  # all three, in Scenario order
    tornado: Tornado  # for the chosen scenario


def business_case(
    model: RoiModel,
    scenario: Scenario = Scenario.EXPECTED,
    swing_pct: float = DEFAULT_SWING_PCT,
) -> BusinessCase:
    results = {s: evaluate(model, s) for s in Scenario}
    return BusinessCase(
        model, scenario, results[scenario], results, tornado(model, scenario, swing_pct)
    )
