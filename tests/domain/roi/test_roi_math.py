"""NPV, payback, ROI and MIRR against published reference values (HAZARDS.md §7)."""

from __future__ import annotations

import math

import numpy_financial as npf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from enabler.domain.roi.dcf import (
    PaybackStatus,
    cumulative,
    discounted,
    mirr,
    npv,
    payback,
    roi_pct,
)

money = st.floats(min_value=-1e7, max_value=1e7, allow_nan=False, allow_infinity=False)
flows_st = st.lists(money, min_size=2, max_size=11)
rates = st.floats(min_value=-0.5, max_value=2.0, allow_nan=False)


def excel_npv(rate: float, values: list[float]) -> float:
    """Excel's NPV: the first value is discounted by one full period."""
    return sum(v / (1 + rate) ** (t + 1) for t, v in enumerate(values))


class DescribeNpv:
    def it_matches_the_excel_documentation_examples(self):
        # NPV(10%, -10000, 3000, 4200, 6800): the cost falls at the END of year 1, so year 0 is 0.
        assert npv(0.10, [0, -10000, 3000, 4200, 6800]) == pytest.approx(1188.44, abs=0.005)
        # NPV(8%, 8000, 9200, 10000, 12000, 14500) - 40000, and with a -9000 sixth year.
        flows = [-40000, 8000, 9200, 10000, 12000, 14500]
        assert npv(0.08, flows) == pytest.approx(1922.06, abs=0.005)
        assert npv(0.08, [*flows, -9000]) == pytest.approx(-3749.47, abs=0.005)

    def it_leaves_year_0_undiscounted_unlike_excel_npv(self):
        # Apache POI thread: Excel NPV(0.08, -1000, 500, 300, 800) = 328.92;
        # with year 0 undiscounted the same flows give 355.23.
        assert excel_npv(0.08, [-1000, 500, 300, 800]) == pytest.approx(328.92, abs=0.005)
        assert npv(0.08, [-1000, 500, 300, 800]) == pytest.approx(355.23, abs=0.005)

    def it_matches_numpy_financial(self):
        value = npv(0.05, [-15000, 1500, 2500, 3500, 4500, 6000])
        assert value == pytest.approx(122.894854950942692, rel=1e-12)
        assert value / 1.05 == pytest.approx(117.04, abs=0.005)  # the Excel-convention figure

    @given(rates, flows_st)
    def it_equals_excel_npv_of_the_later_years_plus_year_0(self, rate, flows):
        expected = excel_npv(rate, flows[1:]) + flows[0]
        assert npv(rate, flows) == pytest.approx(expected, rel=1e-9, abs=1e-6)
        assert npv(rate, flows) == pytest.approx(float(npf.npv(rate, flows)), rel=1e-9, abs=1e-6)

    @given(flows_st)
    def it_is_the_plain_sum_at_a_zero_rate(self, flows):
        assert npv(0.0, flows) == pytest.approx(math.fsum(flows), rel=1e-9, abs=1e-6)

    @pytest.mark.parametrize("rate", [-1.0, -1.5])
    def it_refuses_rates_at_or_below_minus_100_percent(self, rate):
        with pytest.raises(ValueError, match="-100"):
            npv(rate, [-1, 2])


class DescribePayback:
    def it_interpolates_within_the_year(self):
        result = payback([-1000, 400, 400, 400])
        assert result.status is PaybackStatus.RECOVERED
        assert result.years == pytest.approx(2.5)

    def it_counts_from_the_last_crossing_when_cumulative_dips_again(self):
        # Recovered in year 1, a refresh in year 2 takes it below zero, recovered again in year 3.
        result = payback([-100, 150, -200, 300])
        assert result.years == pytest.approx(2 + 150 / 300)

    def it_says_not_within_horizon_when_never_recovered(self):
        result = payback([-1000, 100, 100])
        assert result.status is PaybackStatus.NOT_WITHIN_HORIZON
        assert result.years is None
        assert result.reason == "not within horizon"

    @pytest.mark.parametrize("flows", [[0, 0, 0], [0, 100, 100], [50, 0, 10]])
    def it_has_nothing_to_pay_back_without_an_investment(self, flows):
        result = payback(flows)
        assert result.status is PaybackStatus.NO_INVESTMENT
        assert not result.defined

    def it_handles_a_zero_flow_after_the_crossing_without_dividing_by_zero(self):
        assert payback([-100, 100, 0, 0]).years == pytest.approx(1.0)
        assert payback([-100, 0, 0, 50]).status is PaybackStatus.NOT_WITHIN_HORIZON

    def it_gives_the_discounted_payback_from_discounted_flows(self):
        flows = [-1000, 600, 600]
        simple, disc = payback(flows), payback(discounted(0.10, flows))
        assert disc.years > simple.years
        d = discounted(0.10, flows)
        assert disc.years == pytest.approx(1 + (-(d[0] + d[1])) / d[2])

    @given(flows_st)
    def it_stays_recovered_after_the_payback_point(self, flows):
        result = payback(flows)
        cum = cumulative(flows)
        scale = max(abs(v) for v in flows) or 1.0
        if result.defined:
            k = math.floor(result.years)
            assert all(c >= -1e-9 * scale for c in cum[k + 1 :])
            assert 0 <= result.years <= len(flows) - 1
            if k + 1 < len(flows):  # the interpolated cumulative is zero at the payback point
                at = cum[k] + flows[k + 1] * (result.years - k)
                assert at == pytest.approx(0.0, abs=1e-6 * scale)
        elif result.status is PaybackStatus.NOT_WITHIN_HORIZON:
            assert cum[-1] < 0
        else:
            assert all(c >= -1e-9 * scale for c in cum)


class DescribeRoiAndMirr:
    def it_is_npv_over_the_present_value_of_costs(self):
        assert roi_pct(300.0, 100.0) == pytest.approx(200.0)
        assert roi_pct(0.0, 100.0) == pytest.approx(-100.0)

    def it_is_not_defined_without_costs(self):
        assert roi_pct(100.0, 0.0) is None

    def it_matches_the_numpy_financial_mirr_example(self):
        flows = [-4500, -800, 800, 800, 600, 600, 800, 800, 700, 3000]
        assert mirr(flows, 0.08, 0.055) == pytest.approx(0.0666, abs=5e-5)
        assert mirr(flows, 0.08, 0.055) == pytest.approx(npf.mirr(flows, 0.08, 0.055))

    @pytest.mark.parametrize("flows", [[0, 0, 0], [-1, -2, -3], [1, 2, 3], [5]])
    def it_is_none_when_there_is_nothing_to_finance_or_reinvest(self, flows):
        assert mirr(flows, 0.1, 0.1) is None
