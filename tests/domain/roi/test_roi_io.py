"""Reading a business case from plain data: per-field messages, never a half-valid model."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from enabler.domain.roi.model import BenefitKind, CostKind, RoiModel, Scenario, model_to_dict
from enabler.domain.roi.parse import parse_model

VALID = {
    "horizon_years": 3,
    "discount_rate": 10,
    "benefits": [
        {"name": "Keying", "kind": "cost_saving", "amount": 500000, "ramp": [50, 100]},
        {"name": "Reviews", "kind": "productivity", "hours": 2000, "rate": "42.50", "risk_pct": 20},
    ],
    "costs": [
        {"name": "Setup", "kind": "one_off", "amount": 120000, "risk_pct": 10},
        {"name": "Licence", "kind": "recurring", "amount": 90000},
    ],
    "current_state": [{"name": "Clerks", "amount": 700000}],
}


def errors_of(data) -> dict[str, str]:
    parsed = parse_model(data)
    assert parsed.model is None
    return {e.path: e.message for e in parsed.errors}


class DescribeParseModel:
    def it_reads_a_line_item_model(self):
        model = parse_model(VALID).model
        assert model is not None
        assert model.horizon_years == 3
        assert model.discount_rate_pct == 10.0
        keying, reviews = model.benefits
        assert keying.ramp == (50.0, 100.0)
        assert reviews.kind is BenefitKind.PRODUCTIVITY
        assert reviews.run_rate == pytest.approx(85000.0)
        assert model.costs[0].kind is CostKind.ONE_OFF and model.costs[0].year == 0
        assert model.factors(Scenario.CONSERVATIVE).benefits == 0.8

    def it_defaults_to_three_years_at_ten_percent(self):
        model = parse_model({}).model
        assert (model.horizon_years, model.discount_rate_pct) == (3, 10.0)

    def it_reads_finance_team_cash_flows(self):
        model = parse_model({"discount_rate": 8, "cash_flows": [-100, "40", 70.5]}).model
        assert model.uses_cash_flows
        assert model.cash_flows == (-100.0, 40.0, 70.5)
        assert model.years == 2

    @pytest.mark.parametrize(
        ("data", "path", "message"),
        [
            ({"horizon_years": 0}, "horizon_years", "whole number of years from 1 to 10"),
            ({"horizon_years": -2}, "horizon_years", "whole number of years from 1 to 10"),
            ({"horizon_years": 11}, "horizon_years", "whole number of years from 1 to 10"),
            ({"horizon_years": 2.5}, "horizon_years", "whole number"),
            ({"discount_rate": -100}, "discount_rate", "above -100 %"),
            ({"discount_rate": -250}, "discount_rate", "above -100 %"),
            ({"discount_rate": math.nan}, "discount_rate", "finite"),
            ({"discount_rate": "ten"}, "discount_rate", "must be a number (got 'ten')"),
            ({"discount_rate": True}, "discount_rate", "must be a number"),
            ({"cash_flows": [-1, math.inf]}, "cash_flows[1]", "finite"),
            ({"cash_flows": [-1, 5e12]}, "cash_flows[1]", "implausibly large"),
            ({"cash_flows": [-1]}, "cash_flows", "2 to 11 yearly flows"),
            ({"cash_flows": [-1, 2], "horizon_years": 4}, "horizon_years", "must be 1"),
            ({"benefits": [{"name": "x", "amount": "12k"}]}, "benefits[0].amount", "'12k'"),
            ({"benefits": [{"name": "x", "amount": -5}]}, "benefits[0].amount", "negative"),
            ({"benefits": [{"amount": 5}]}, "benefits[0].name", "is required"),
            ({"benefits": [{"name": "x"}]}, "benefits[0].amount", "is required"),
            ({"benefits": [{"name": "x", "kind": "magic"}]}, "benefits[0].kind", "one of"),
            (
                {"benefits": [{"name": "x", "amount": 1, "ramp": [50, 200]}]},
                "benefits[0].ramp[1]",
                "at most 100",
            ),
            (
                {"benefits": [{"name": "x", "amount": 1, "ramp": [1, 2, 3, 4]}]},
                "benefits[0].ramp",
                "1 to 3",
            ),
            (
                {"benefits": [{"name": "x", "amount": 1, "risk_pct": 150}]},
                "benefits[0].risk_pct",
                "at most 100",
            ),
            ({"benefits": "lots"}, "benefits", "must be a list"),
            ({"benefits": [7]}, "benefits[0]", "must be an object"),
            (
                {"costs": [{"name": "x", "kind": "one_off", "amount": 1, "year": 4}]},
                "costs[0].year",
                "from 0 to 3",
            ),
            (
                {"costs": [{"name": "x", "amount": 1, "year": 1}]},
                "costs[0].year",
                "one-off costs only",
            ),
            ({"scenarios": {"best": {}}}, "scenarios.best", "conservative, expected or optimistic"),
            (
                {"scenarios": {"optimistic": {"benefits": -1}}},
                "scenarios.optimistic.benefits",
                "negative",
            ),
            ({"surprise": 1}, "surprise", "not a known field"),
        ],
    )
    def it_names_each_bad_field(self, data, path, message):
        found = errors_of(data)
        assert path in found, found
        assert message in found[path]

    def it_reports_every_problem_at_once(self):
        found = errors_of(
            {
                "horizon_years": 0,
                "discount_rate": "x",
                "benefits": [{"name": "", "amount": "nope"}],
                "costs": [{"name": "c", "amount": math.nan}],
            }
        )
        assert {"horizon_years", "discount_rate", "benefits[0].name", "benefits[0].amount"} <= set(
            found
        )
        assert "costs[0].amount" in found

    def it_refuses_lines_mixed_with_cash_flows(self):
        found = errors_of({"cash_flows": [-1, 2], "benefits": [{"name": "x", "amount": 1}]})
        assert "cannot be combined with cash_flows" in found["benefits"]

    def it_says_what_a_non_object_is(self):
        assert errors_of([1, 2]) == {"model": "must be a JSON object"}

    def it_round_trips_through_the_canonical_form(self):
        model = parse_model(VALID).model
        assert parse_model(model_to_dict(model)).model == model
        flows = parse_model({"discount_rate": 7, "cash_flows": [-5, 6]}).model
        assert parse_model(model_to_dict(flows)).model == flows

    @given(
        st.recursive(
            st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=5),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(
                    st.sampled_from(
                        [
                            "horizon_years",
                            "discount_rate",
                            "benefits",
                            "costs",
                            "current_state",
                            "scenarios",
                            "cash_flows",
                            "name",
                            "amount",
                            "kind",
                            "ramp",
                            "x",
                        ]
                    ),
                    inner,
                    max_size=5,
                )
            ),
            max_leaves=20,
        )
    )
    def it_never_raises_and_never_half_builds(self, data):
        parsed = parse_model(data)
        assert (parsed.model is None) == bool(parsed.errors)
        if parsed.model is not None:
            assert isinstance(parsed.model, RoiModel)
            assert parse_model(model_to_dict(parsed.model)).model == parsed.model
