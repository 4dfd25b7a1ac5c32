"""Feedback analytics on a generated history whose answers are worked out here by hand."""

from __future__ import annotations

import math

import pytest

from enabler.domain import feedback as fb
from enabler.domain.feedback import DeckUse, Outcome
from enabler.errors import InvalidInput

Z = 1.96


def wilson_by_hand(x: int, n: int) -> tuple[float, float]:
    """The other textbook form: (2x + z² ± z·√(z² + 4x(n−x)/n)) / (2(n + z²))."""
    root = Z * math.sqrt(Z * Z + 4 * x * (n - x) / n)
    return (2 * x + Z * Z - root) / (2 * (n + Z * Z)), (2 * x + Z * Z + root) / (2 * (n + Z * Z))


def history():
    """30 closed deals + 4 open ones.

    Module 1 is in decks 0–14 (12 won) and not in 15–29 (3 won); module 2 is in every deck;
    module 3 is in decks 0–4. Deals 30–33 have decks but no outcome yet.
    """
    decks, outcomes = [], {}
    for i in range(34):
        mods = {2}
        if i < 15:
            mods.add(1)
        if i < 5:
            mods.add(3)
        stage = "decision" if i % 2 else "awareness"
        decks.append(DeckUse(i, 100 + i, stage, "Ana" if i < 10 else "Ben", frozenset(mods)))
        if i < 30:
            won = i < 12 or 15 <= i < 18
            outcomes[100 + i] = (
                Outcome.WON if won else (Outcome.LOST if i % 3 else Outcome.NO_DECISION)
            )
    return decks, outcomes


class DescribeWilson:
    @pytest.mark.parametrize(("x", "n"), [(12, 15), (3, 15), (0, 10), (10, 10), (1, 2)])
    def it_matches_the_closed_form(self, x, n):
        got = fb.wilson(x, n, z=Z)
        low, high = wilson_by_hand(x, n)
        assert got.low == pytest.approx(max(0.0, low))
        assert got.high == pytest.approx(min(1.0, high))

    def it_knows_a_textbook_value(self):
        # 0 of 10: upper bound z²/(n+z²)
        assert fb.wilson(0, 10, z=Z).high == pytest.approx(3.8416 / 13.8416)

    def it_makes_no_claim_without_data(self):
        assert fb.wilson(0, 0) is None
        assert fb.ratio(3, 0) is None


class DescribeWinRates:
    def it_compares_decks_with_and_without_each_module(self):
        decks, outcomes = history()
        rates = {w.module_id: w for w in fb.win_rates(decks, outcomes, [1, 2, 3])}
        one = rates[1]
        assert (one.used, one.used_won, one.rest, one.rest_won) == (15, 12, 15, 3)
        assert one.rate_used == pytest.approx(12 / 15)
        assert one.rate_rest == pytest.approx(3 / 15)
        low, high = wilson_by_hand(12, 15)
        assert one.interval_used.low == pytest.approx(low, abs=1e-4)
        assert one.interval_used.high == pytest.approx(high, abs=1e-4)
        assert one.verdict == "better"  # 0.548 > 0.452: the intervals do not overlap

    def it_needs_the_minimum_sample_on_both_sides(self):
        decks, outcomes = history()
        rates = {w.module_id: w for w in fb.win_rates(decks, outcomes, [1, 2, 3])}
        assert (rates[2].used, rates[2].rest) == (30, 0)
        assert rates[2].rate_rest is None and rates[2].verdict == "not enough data"
        assert (rates[3].used, rates[3].used_won) == (5, 5)
        assert rates[3].verdict == "not enough data"
        assert fb.win_rates(decks, outcomes, [1], min_sample=16)[0].verdict == "not enough data"

    def it_puts_claims_first(self):
        decks, outcomes = history()
        assert [w.module_id for w in fb.win_rates(decks, outcomes, [3, 2, 1])] == [1, 3, 2]

    def it_counts_only_won_as_a_win_and_skips_open_deals(self):
        decks, outcomes = history()
        whole = fb.win_rates(decks, outcomes, [2])[0]
        assert (whole.used, whole.used_won) == (30, 15)

    def it_is_empty_without_decks(self):
        assert fb.win_rates([], {}, []) == []
        w = fb.win_rates([], {}, [7])[0]
        assert (w.used, w.rest, w.rate_used, w.verdict) == (0, 0, None, "not enough data")


class DescribeUsage:
    def it_counts_decks_per_module_stage_and_rep(self):
        decks, _ = history()
        u = fb.usage(decks)
        assert dict(u["module"]["all"]) == {1: 15, 2: 34, 3: 5}
        # odd decks are decision: 7 of 0–14 and 2 of 0–4
        assert u["stage"]["decision"][1] == 7 and u["stage"]["decision"][3] == 2
        assert u["stage"]["awareness"][2] == 17
        assert u["rep"]["Ana"][1] == 10 and u["rep"]["Ben"][1] == 5


class DescribeRatings:
    ROWS = (
        (1, 5, None),
        (1, 4, None),
        (1, 3, "needs_update"),
        (2, 1, "wrong_claim"),
        (2, 2, None),
        (2, 3, None),
        (3, 1, None),
    )

    def it_averages_and_counts_flags(self):
        s = fb.rating_summaries(self.ROWS)
        assert (s[1].count, s[1].average, s[1].flags) == (3, 4.0, {"needs_update": 1})
        assert s[2].average == pytest.approx(2.0)

    def it_trusts_only_enough_ratings(self):
        s = fb.rating_summaries(self.ROWS)
        assert fb.trusted_averages(s, 3) == {1: 4.0, 2: 2.0}
        assert fb.trusted_averages(s, 1) == {1: 4.0, 2: 2.0, 3: 1.0}

    def it_lists_low_rated_worst_first(self):
        s = fb.rating_summaries(self.ROWS)
        assert [r.module_id for r in fb.low_rated(s, min_count=1)] == [3, 2]
        assert [r.module_id for r in fb.low_rated(s)] == [2]

    def it_ranks_counts(self):
        assert fb.top({"b": 2, "a": 2, "c": 5}, 2) == [("c", 5), ("a", 2)]


class DescribeParsing:
    @pytest.mark.parametrize("bad", [0, 6, "x", "3.5", "", -1])
    def it_rejects_ratings_outside_one_to_five(self, bad):
        with pytest.raises(InvalidInput, match="1 to 5"):
            fb.parse_rating(bad)

    def it_reads_outcomes_and_flags_as_people_type_them(self):
        assert fb.parse_outcome("No-Decision") is Outcome.NO_DECISION
        assert fb.parse_flag("wrong claim") is fb.FlagKind.WRONG_CLAIM
        with pytest.raises(InvalidInput, match="won, lost, no-decision"):
            fb.parse_outcome("maybe")
