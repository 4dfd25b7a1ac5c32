"""IRR: published values, "not defined" instead of a wrong number, and properties."""

from __future__ import annotations

import math

import numpy_financial as npf
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from enabler.domain.roi.dcf import npv
from enabler.domain.roi.irr import IrrStatus, irr, sign_changes

amounts = st.floats(min_value=1.0, max_value=1e7, allow_nan=False)
# Money flows: zero or at least a cent (flows below 1e-15 of the largest count as zero).
flow = st.one_of(st.just(0.0), st.floats(0.01, 1e6), st.floats(-1e6, -0.01))


class DescribeIrr:
    @pytest.mark.parametrize(
        ("flows", "expected"),
        [
            ([-150000, 15000, 25000, 35000, 45000, 60000], 0.0524),
            ([-100, 0, 0, 74], -0.0955),
            ([-100, 39, 59, 55, 20], 0.28095),
            ([-100, 100, 0, 7], 0.06206),
            ([-250000, 100000, 150000, 200000, 250000, 300000], 0.5672303344358536),
        ],
    )
    def it_matches_numpy_financial_reference_values(self, flows, expected):
        result = irr(flows)
        assert result.status is IrrStatus.UNIQUE
        assert result.rate == pytest.approx(expected, abs=5e-5)

    def it_is_precise_where_the_reference_is(self):
        flows = [-250000, 100000, 150000, 200000, 250000, 300000]
        assert irr(flows).rate == pytest.approx(0.5672303344358536, rel=1e-12)

    @pytest.mark.parametrize(
        ("flows", "one_of_them"),
        [([-100, 100, 0, -7], -0.0833), ([-5, 10.5, 1, -8, 1], 0.0886)],
    )
    def it_refuses_to_pick_one_of_several_rates(self, flows, one_of_them):
        # numpy-financial returns the root closest to zero; there are others, so no single IRR.
        result = irr(flows)
        assert result.status is IrrStatus.MULTIPLE
        assert result.rate is None
        assert not result.defined
        assert len(result.roots) >= 2
        assert any(r == pytest.approx(one_of_them, abs=5e-5) for r in result.roots)
        for r in result.roots:
            assert npv(r, flows) == pytest.approx(0.0, abs=1e-6)
        assert "use NPV" in result.reason

    @pytest.mark.parametrize("flows", [[-1, -2, -3], [0, 0, 0], [1, 2, 3], [-5, 0, 0]])
    def it_is_not_defined_without_a_sign_change(self, flows):
        result = irr(flows)
        assert result.status is IrrStatus.NO_SIGN_CHANGE
        assert result.rate is None
        assert result.reason == "not defined: the cash flows never change sign"

    def it_is_not_defined_when_no_rate_zeroes_the_npv(self):
        # Two sign changes but NPV = 100 - 100x + 100x² > 0 for every x: no root.
        result = irr([100, -100, 100])
        assert result.status is IrrStatus.NO_ROOT
        assert "no discount rate" in result.reason

    def it_finds_a_root_that_touches_zero_without_crossing(self):
        # -(1 - x)² = -1 + 2x - x²: a double root at x = 1, i.e. r = 0.
        result = irr([-1, 2, -1])
        assert result.status is IrrStatus.UNIQUE
        assert result.rate == pytest.approx(0.0, abs=1e-9)
        assert irr([-1, 3, -3, 1]).rate == pytest.approx(0.0, abs=1e-9)  # triple root

    def it_ignores_zero_flows_at_either_end(self):
        assert irr([0, -100, 110, 0]).rate == pytest.approx(0.10)

    def it_copes_with_huge_and_tiny_magnitudes(self):
        assert irr([-1e12, 1.1e12]).rate == pytest.approx(0.10)
        assert irr([-0.01, 0.011]).rate == pytest.approx(0.10)
        # A flow below double precision next to the others is zero, not a rate of -100 %.
        assert irr([1.0, -5e-324]).status is IrrStatus.NO_SIGN_CHANGE

    @given(st.lists(amounts, min_size=1, max_size=10), amounts)
    def it_agrees_with_numpy_financial_on_conventional_flows(self, returns, investment):
        flows = [-investment, *returns]
        result = irr(flows)
        assert result.status is IrrStatus.UNIQUE  # one sign change: exactly one IRR
        reference = float(npf.irr(flows))
        assert result.rate == pytest.approx(reference, rel=1e-6, abs=1e-9)

    @given(st.lists(flow, min_size=2, max_size=11))
    def it_only_reports_rates_that_zero_the_npv(self, flows):
        result = irr(flows)
        for r in result.roots:
            assert r > -1
            # Relative to the size of the discounted terms; a float rate near -100 % holds few
            # digits of 1 + r, so the tolerance grows as 1 + r shrinks.
            terms = npv(r, [abs(v) for v in flows])
            assert abs(npv(r, flows)) <= 1e-12 * len(flows) / min(1.0, 1 + r) * terms
        if sign_changes(flows) == 1:
            assert result.status is IrrStatus.UNIQUE
        if sign_changes(flows) == 0:
            assert result.status is IrrStatus.NO_SIGN_CHANGE

    @given(st.lists(flow, min_size=2, max_size=8), st.floats(0.01, 1000))
    def it_is_unchanged_by_scaling_the_flows(self, flows, factor):
        assume(sign_changes(flows) == 1)
        base, scaled = irr(flows), irr([v * factor for v in flows])
        assert scaled.status is base.status
        assert math.isclose(scaled.rate, base.rate, rel_tol=1e-7, abs_tol=1e-9)
