"""Sensitivity: each driver moved ±X %, ranked by how far it moves the NPV."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enabler.domain.roi.evaluate import evaluate
from enabler.domain.roi.parse import parse_model
from enabler.domain.roi.sensitivity import DISCOUNT_RATE, tornado

MODEL = parse_model(
    {
        "horizon_years": 3,
        "discount_rate": 10,
        "benefits": [
            {"name": "Big saving", "amount": 1000, "risk_pct": 10},
            {"name": "Small saving", "amount": 100},
            {"name": "Nothing yet", "amount": 0},
        ],
        "costs": [
            {"name": "Setup", "kind": "one_off", "amount": 500},
            {"name": "Licence", "amount": 200},
        ],
    }
).model


def bar(result, name):
    return next(b for b in result.bars if b.driver.startswith(name))


class DescribeTornado:
    def it_starts_from_the_risk_adjusted_npv(self):
        assert tornado(MODEL).base_npv == pytest.approx(evaluate(MODEL).adjusted.npv)

    def it_ranks_drivers_by_their_effect_biggest_first(self):
        result = tornado(MODEL)
        spreads = [b.spread for b in result.bars]
        assert spreads == sorted(spreads, reverse=True)
        assert result.bars[0].driver == "Big saving"
        assert result.bars[-1].driver == "Nothing yet"
        assert bar(result, "Nothing yet").spread == 0

    def it_matches_recomputing_the_npv_with_the_driver_moved(self):
        result = tornado(MODEL, swing_pct=20)
        benefits = list(MODEL.benefits)
        benefits[0] = dataclasses.replace(benefits[0], amount=1200)
        moved = dataclasses.replace(MODEL, benefits=tuple(benefits))
        assert bar(result, "Big saving").high_npv == pytest.approx(evaluate(moved).adjusted.npv)

    def it_lowers_npv_when_a_cost_rises(self):
        licence = bar(tornado(MODEL), "Licence")
        assert licence.high_npv < licence.low_npv

    def it_moves_the_discount_rate_relatively(self):
        rate = bar(tornado(MODEL, swing_pct=20), DISCOUNT_RATE)
        assert "8.0–12.0 %" in rate.driver
        lower = dataclasses.replace(MODEL, discount_rate_pct=8.0)
        assert rate.low_npv == pytest.approx(evaluate(lower).adjusted.npv)

    def it_varies_each_year_of_finance_team_flows(self):
        flows = parse_model({"cash_flows": [-100, 60, 80]}).model
        result = tornado(flows, swing_pct=10)
        year2 = bar(result, "Year 2 cash flow")
        assert year2.high_npv - result.base_npv == pytest.approx(8 / 1.1**2)

    @pytest.mark.parametrize("swing", [0, -5, 150])
    def it_refuses_a_meaningless_swing(self, swing):
        with pytest.raises(ValueError, match="swing"):
            tornado(MODEL, swing_pct=swing)

    @given(st.floats(1, 100))
    def it_moves_line_drivers_symmetrically(self, swing):
        result = tornado(MODEL, swing_pct=swing)
        for b in result.bars:
            if not b.driver.startswith(DISCOUNT_RATE):
                assert b.high_npv - result.base_npv == pytest.approx(
                    result.base_npv - b.low_npv, abs=1e-6
                )
