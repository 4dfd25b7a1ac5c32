"""Evaluating a business case: flows, risk adjustment, scenarios, TCO and plausibility flags."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enabler.domain.roi.dcf import PaybackStatus, npv
from enabler.domain.roi.evaluate import Flag, evaluate
from enabler.domain.roi.irr import IrrStatus
from enabler.domain.roi.model import RoiModel, Scenario
from enabler.domain.roi.parse import parse_model


def model(**data) -> RoiModel:
    parsed = parse_model(data)
    assert parsed.model is not None, parsed.errors
    return parsed.model


SIMPLE = model(
    horizon_years=3,
    discount_rate=10,
    benefits=[{"name": "Saving", "amount": 1000, "ramp": [50, 100], "risk_pct": 10}],
    costs=[
        {"name": "Setup", "kind": "one_off", "amount": 1000, "risk_pct": 20},
        {"name": "Licence", "kind": "recurring", "amount": 200},
    ],
    current_state=[{"name": "Clerks", "amount": 1500}],
)


class DescribeEvaluate:
    def it_lays_out_yearly_flows_with_year_0_first(self):
        f = evaluate(SIMPLE).unadjusted
        assert f.benefits == (0, 500, 1000, 1000)
        assert f.costs == (1000, 200, 200, 200)
        assert f.net == (-1000, 300, 800, 800)
        assert f.cumulative == (-1000, -700, 100, 900)

    def it_applies_risk_per_line_benefits_down_costs_up(self):
        f = evaluate(SIMPLE).adjusted
        assert f.benefits == pytest.approx((0, 450, 900, 900))
        assert f.costs == pytest.approx((1200, 200, 200, 200))

    def it_computes_every_output_from_the_net_flows(self):
        r = evaluate(SIMPLE)
        f = r.adjusted
        assert f.npv == pytest.approx(npv(0.10, f.net))
        assert f.npv == pytest.approx(f.pv_benefits - f.pv_costs)
        assert f.roi_pct == pytest.approx(f.npv / f.pv_costs * 100)
        assert f.irr.status is IrrStatus.UNIQUE
        assert npv(f.irr.rate, f.net) == pytest.approx(0, abs=1e-6)
        assert f.payback.years == pytest.approx(2 + 250 / 700)  # cum: -1200, -950, -250, 450
        assert f.discounted_payback.years > f.payback.years
        assert r.horizon_years == 3 and r.discount_rate_pct == 10

    def it_shows_unadjusted_figures_beside_the_risk_adjusted_ones(self):
        r = evaluate(SIMPLE)
        assert r.unadjusted.npv > r.adjusted.npv

    def it_scales_benefits_and_costs_per_scenario(self):
        low = evaluate(SIMPLE, Scenario.CONSERVATIVE).unadjusted
        high = evaluate(SIMPLE, Scenario.OPTIMISTIC).unadjusted
        assert low.benefits == pytest.approx((0, 400, 800, 800))
        assert low.costs == pytest.approx((1100, 220, 220, 220))
        assert low.npv < evaluate(SIMPLE).unadjusted.npv < high.npv

    def it_turns_productivity_hours_into_money(self):
        m = model(
            horizon_years=1,
            benefits=[{"name": "Time", "kind": "productivity", "hours": 100, "rate": 40}],
        )
        assert evaluate(m).unadjusted.benefits == (0, 4000)

    def it_pays_one_off_costs_in_their_year(self):
        m = model(costs=[{"name": "Refresh", "kind": "one_off", "amount": 50, "year": 2}])
        assert evaluate(m).unadjusted.costs == (0, 0, 50, 0)

    def it_uses_finance_team_flows_as_given_in_the_expected_scenario(self):
        m = model(discount_rate=10, cash_flows=[-1000, 500, 700])
        r = evaluate(m)
        assert r.adjusted.net == (-1000, 500, 700) == r.unadjusted.net
        assert r.adjusted.npv == pytest.approx(-1000 + 500 / 1.1 + 700 / 1.21)
        assert r.tco == ()
        assert evaluate(m, Scenario.CONSERVATIVE).adjusted.net == pytest.approx((-1100, 400, 560))


class DescribeTco:
    def it_compares_three_and_five_years_with_today(self):
        three, five = evaluate(SIMPLE).tco_unadjusted
        assert (three.years, five.years) == (3, 5)
        # Today: 1500 a year. With us: 1000 + 200/yr, plus what the savings leave of today's cost.
        assert three.current == 4500
        assert three.with_solution == 1000 + 600 + (1000 + 500 + 500)
        assert five.with_solution == 1000 + 1000 + (1000 + 4 * 500)
        assert three.saving == pytest.approx(three.current - three.with_solution)

    def it_leaves_value_benefits_out_of_cost_of_ownership(self):
        m = model(
            benefits=[{"name": "Upsell", "kind": "revenue_uplift", "amount": 10_000}],
            current_state=[{"name": "Clerks", "amount": 100}],
        )
        assert evaluate(m).tco[0].with_solution == 300

    def it_is_absent_without_current_state_costs(self):
        assert evaluate(model(benefits=[{"name": "x", "amount": 1}])).tco == ()


class DescribeDegenerateInput:
    def it_answers_not_defined_for_all_zero_flows(self):
        f = evaluate(model()).adjusted
        assert f.npv == 0
        assert f.irr.status is IrrStatus.NO_SIGN_CHANGE
        assert f.payback.status is PaybackStatus.NO_INVESTMENT
        assert f.roi_pct is None
        assert f.mirr is None

    def it_answers_not_defined_for_all_negative_flows(self):
        f = evaluate(model(costs=[{"name": "Licence", "amount": 100}])).adjusted
        assert f.npv < 0
        assert f.irr.status is IrrStatus.NO_SIGN_CHANGE
        assert f.payback.status is PaybackStatus.NOT_WITHIN_HORIZON
        assert f.roi_pct == pytest.approx(-100.0)


class DescribePlausibilityFlags:
    def it_flags_an_irr_above_1000_percent(self):
        m = model(cash_flows=[-100, 50, 20000])
        assert Flag.IRR_ABOVE_1000_PCT in evaluate(m).flags

    def it_flags_payback_in_under_a_month(self):
        m = model(cash_flows=[-10, 1000, 1000])
        assert Flag.PAYBACK_UNDER_A_MONTH in evaluate(m).flags

    def it_flags_benefits_over_20_times_costs(self):
        m = model(
            benefits=[{"name": "Big", "amount": 2100}],
            costs=[{"name": "Small", "kind": "one_off", "amount": 300}],
        )
        assert Flag.BENEFITS_OVER_20X_COSTS in evaluate(m).flags

    def it_flags_on_unadjusted_figures_too(self):
        # 19× after risk adjustment, 21× before: the unadjusted column is shown, so flag it.
        m = model(
            horizon_years=1,
            benefits=[{"name": "B", "amount": 2100, "risk_pct": 5}],
            costs=[{"name": "C", "kind": "one_off", "amount": 100, "risk_pct": 5}],
        )
        r = evaluate(m)
        assert r.adjusted.total_benefits < 20 * r.adjusted.total_costs
        assert Flag.BENEFITS_OVER_20X_COSTS in r.flags

    def it_leaves_a_sober_case_unflagged(self):
        assert evaluate(SIMPLE).flags == ()
        assert "check the inputs" in Flag.IRR_ABOVE_1000_PCT.message


amount = st.floats(0, 1e7, allow_nan=False)


@given(
    st.lists(st.tuples(amount, st.floats(0, 100)), max_size=4),
    st.lists(st.tuples(amount, st.floats(0, 100), st.booleans()), max_size=4),
    st.integers(1, 10),
    st.floats(-50, 100),
)
def test_risk_adjustment_never_improves_the_case(benefits, costs, horizon, rate):
    m = model(
        horizon_years=horizon,
        discount_rate=rate,
        benefits=[
            {"name": f"b{i}", "amount": a, "risk_pct": r} for i, (a, r) in enumerate(benefits)
        ],
        costs=[
            {
                "name": f"c{i}",
                "amount": a,
                "risk_pct": r,
                "kind": "one_off" if once else "recurring",
            }
            for i, (a, r, once) in enumerate(costs)
        ],
    )
    r = evaluate(m)
    assert len(r.adjusted.net) == horizon + 1
    assert r.adjusted.npv <= r.unadjusted.npv + 1e-6 * (1 + abs(r.unadjusted.npv))
    assert r.adjusted.total_costs >= r.unadjusted.total_costs - 1e-6
