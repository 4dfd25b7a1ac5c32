"""Story order of an automatic deck."""

from __future__ import annotations

from enabler.domain.deck.storyline import Role, role_of, select_for_deck
from enabler.domain.modules import Module, ModuleState, SmartLayout, Stage
from enabler.domain.recommend.score import Recommendation, StageFit


def mod(key, tags=()):
    return Module(0, key, key, ModuleState.APPROVED, "m", (Stage.DECISION,), tags=tags)


def rec(key, tags=(), layout=SmartLayout.BULLETS, score=1.0):
    return Recommendation(mod(key, tags), score, (), StageFit.EXACT, layout)


class DescribeRoleOf:
    def it_reads_the_role_from_tags_first(self):
        assert role_of(mod("s", ("section", "decision"))) is Role.OPENING
        assert role_of(mod("c", ("cost", "business-case"))) is Role.PROBLEM
        assert role_of(mod("r", ("roi", "metric"))) is Role.ROI
        assert role_of(mod("p", ("case-study", "proof", "quote"))) is Role.PROOF
        assert role_of(mod("n", ("next-steps", "closing"))) is Role.CLOSING

    def it_falls_back_on_the_layout(self):
        assert role_of(mod("q"), SmartLayout.QUOTE) is Role.PROOF
        assert role_of(mod("x"), SmartLayout.SECTION) is Role.OPENING
        assert role_of(mod("b"), SmartLayout.BULLETS) is Role.SOLUTION
        assert role_of(mod("d")) is Role.SOLUTION


class DescribeSelectForDeck:
    def it_orders_opening_problem_solution_proof_roi_closing(self):
        ranked = [
            rec("roi", ("roi",)),
            rec("proof", ("proof",)),
            rec("close", ("closing",)),
            rec("solution"),
            rec("problem", ("trends",)),
            rec("open", ("section",)),
        ]
        keys = [m.key for m in select_for_deck(ranked, 10)]
        assert keys == ["open", "problem", "solution", "proof", "roi", "close"]

    def it_keeps_one_opening_and_one_closing_even_when_they_rank_low(self):
        ranked = [rec(f"s{i}") for i in range(6)] + [
            rec("open-a", ("section",)),
            rec("open-b", ("section",)),
            rec("close", ("closing",)),
        ]
        keys = [m.key for m in select_for_deck(ranked, 4)]
        assert keys == ["open-a", "s0", "s1", "close"]

    def it_keeps_rank_order_within_a_role(self):
        ranked = [rec("b"), rec("a"), rec("c")]
        assert [m.key for m in select_for_deck(ranked, 2)] == ["b", "a"]
