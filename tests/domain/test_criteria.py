"""Evaluation criteria: parsing, weighted fit, weak-spot order and pre-fill rules."""

from __future__ import annotations

import pytest

from enabler.domain.criteria import (
    Criterion,
    CriterionItem,
    CriterionStatus,
    fit_score,
    parse_status,
    parse_weight,
    prefill,
    weak_first,
)
from enabler.domain.modules import ModuleState, Stage
from enabler.domain.prospects import Contact, Prospect
from enabler.errors import InvalidInput

# fixtures ---------------------------------------------------------------------------------

HOSPITAL = Prospect(id=1, company="Acme Health", industry="Healthcare", stage=Stage.DECISION)


def crit(key, *, industries=(), personas=(), weight=3, state=ModuleState.APPROVED):
    return Criterion(
        id=hash(key) % 1000,
        key=key,
        name=key.replace("-", " ").capitalize(),
        industries=industries,
        personas=personas,
        weight=weight,
        state=state,
    )


def item(ref, weight, status, wording=""):
    return CriterionItem(ref, ref, weight, CriterionStatus(status), wording=wording)


def person(name, persona, role=""):
    return Contact(id=0, prospect_id=1, name=name, persona=persona, role=role)


# specs ------------------------------------------------------------------------------------


class DescribeParsing:
    @pytest.mark.parametrize("text", ["met", " MET ", "Partly", "gap", "unknown"])
    def it_reads_each_status(self, text):
        assert parse_status(text).value == text.strip().lower()

    def it_names_the_allowed_statuses(self):
        with pytest.raises(InvalidInput, match=r"'done' is not valid.*met, partly, gap, unknown"):
            parse_status("done")

    @pytest.mark.parametrize("value", [1, "5", " 3 "])
    def it_accepts_weights_from_one_to_five(self, value):
        assert parse_weight(value) == int(str(value))

    @pytest.mark.parametrize("value", [0, 6, "-1", "7"])
    def it_rejects_weights_out_of_range(self, value):
        with pytest.raises(InvalidInput, match="out of range"):
            parse_weight(value)

    @pytest.mark.parametrize("value", ["high", "2.5", "", True, None])
    def it_rejects_weights_that_are_not_whole_numbers(self, value):
        with pytest.raises(InvalidInput, match="not a whole number"):
            parse_weight(value)


class DescribeFitScore:
    def it_weights_met_fully_partly_by_half_and_the_rest_not_at_all(self):
        fit = fit_score(
            [
                item("a", 5, "met"),
                item("b", 4, "partly"),
                item("c", 3, "gap"),
                item("d", 2, "unknown"),
            ]
        )
        assert (fit.earned, fit.possible) == (7.0, 14)
        assert fit.percent == 50
        assert fit.unknown_weight == 2
        assert fit.counts[CriterionStatus.GAP] == 1
        assert fit.label == "50% weighted fit (1 not assessed)"

    def it_lets_a_heavy_gap_weigh_more_than_a_light_one(self):
        heavy_gap = fit_score([item("a", 5, "gap"), item("b", 1, "met")])
        light_gap = fit_score([item("a", 1, "gap"), item("b", 5, "met")])
        assert heavy_gap.percent == 17
        assert light_gap.percent == 83

    def it_has_no_score_without_criteria(self):
        fit = fit_score([])
        assert fit.percent is None
        assert fit.label == "No criteria yet"


class DescribeWeakSpots:
    def it_puts_the_biggest_shortfall_first_and_met_last(self):
        items = [
            item("met5", 5, "met"),
            item("partly5", 5, "partly"),
            item("gap2", 2, "gap"),
            item("unknown5", 5, "unknown"),
            item("gap5", 5, "gap"),
        ]
        order = [i.ref for i in weak_first(items)]
        assert order == ["gap5", "unknown5", "partly5", "gap2", "met5"]

    def it_shows_the_buyers_wording_when_recorded(self):
        assert item("x", 3, "met", wording="Their words").label == "Their words"
        assert item("x", 3, "met").label == "x"


class DescribePrefill:
    def it_suggests_industry_criteria_for_the_prospects_industry_only(self):
        library = [crit("hipaa", industries=("Healthcare",)), crit("kyc", industries=("Banking",))]
        found = prefill(HOSPITAL, [], library)
        assert [s.criterion.key for s in found] == ["hipaa"]
        assert found[0].reasons == ("Typical in Healthcare evaluations",)

    def it_suggests_persona_criteria_naming_who_on_the_committee_asks(self):
        committee = [person("Ann Lee", "CIO"), person("Bo Chan", "CIO"), person("Cy Ray", "CFO")]
        found = prefill(HOSPITAL, committee, [crit("security", personas=("CIO", "Compliance"))])
        assert found[0].reasons == ("CIO on the committee (Ann Lee, Bo Chan)",)

    def it_skips_persona_criteria_nobody_on_the_committee_cares_about(self):
        committee = [person("Cy Ray", "CFO")]
        assert prefill(HOSPITAL, committee, [crit("security", personas=("CIO",))]) == []

    def it_suggests_universal_criteria_to_everyone(self):
        found = prefill(HOSPITAL, [], [crit("references")])
        assert found[0].reason == "Asked in most evaluations"

    def it_leaves_out_criteria_that_are_not_approved(self):
        library = [crit("draft", state=ModuleState.DRAFT), crit("old", state=ModuleState.RETIRED)]
        assert prefill(HOSPITAL, [], library) == []

    def it_weights_up_what_the_economic_buyer_cares_about(self):
        committee = [person("Cy Ray", "CFO", role="Economic buyer")]
        found = prefill(HOSPITAL, committee, [crit("cost", personas=("CFO",), weight=4)])
        assert found[0].weight == 5
        assert found[0].reasons[-1] == "weighted up: Cy Ray is the economic buyer"

    def it_never_weights_beyond_five(self):
        committee = [person("Cy Ray", "CFO", role="Decision maker")]
        found = prefill(HOSPITAL, committee, [crit("cost", personas=("CFO",), weight=5)])
        assert found[0].weight == 5
        assert not any("weighted up" in r for r in found[0].reasons)

    def it_keeps_library_order(self):
        library = [crit("b"), crit("a", industries=("Healthcare",)), crit("c")]
        assert [s.criterion.key for s in prefill(HOSPITAL, [], library)] == ["b", "a", "c"]
