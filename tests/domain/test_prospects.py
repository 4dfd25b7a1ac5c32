"""Prospect rules: insight freshness, segment research matching, field parsing."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.domain.modules import Stage
from enabler.domain.prospects import (
    Freshness,
    Insight,
    InsightKind,
    ReviewState,
    coerce_changes,
    parse_kind,
)
from enabler.errors import InvalidInput

TODAY = dt.date(2026, 11, 23)


def note(date=None, **kw):
    return Insight(1, kw.pop("prospect_id", 1), InsightKind.PAIN, "x", date=date, **kw)


class DescribeInsightFreshness:
    def it_turns_stale_after_the_given_number_of_days(self):
        assert note(TODAY - dt.timedelta(days=90)).freshness(TODAY, 90) is Freshness.FRESH
        assert note(TODAY - dt.timedelta(days=91)).freshness(TODAY, 90) is Freshness.STALE
        assert note(TODAY - dt.timedelta(days=91)).freshness(TODAY, 120) is Freshness.FRESH

    def it_cannot_judge_an_undated_note(self):
        assert note().freshness(TODAY, 90) is Freshness.UNDATED
        assert note().age_days(TODAY) is None


class DescribeSegmentResearch:
    def research(self, industry="Healthcare", persona="", state=ReviewState.APPROVED):
        return note(prospect_id=None, industry=industry, persona=persona, review_state=state)

    def it_applies_to_prospects_of_its_industry_with_its_persona(self):
        cfo = self.research(persona="CFO")
        assert cfo.applies_to("healthcare", {"CFO", "CIO"})
        assert not cfo.applies_to("Healthcare", {"CIO"})
        assert not cfo.applies_to("Retail", {"CFO"})

    def it_applies_to_every_industry_when_it_names_only_a_persona(self):
        assert self.research(industry="", persona="cfo").applies_to("Retail", {"CFO"})

    def it_does_not_apply_until_marketing_approves_it(self):
        assert not self.research(state=ReviewState.PENDING).applies_to("Healthcare", set())
        assert not note(industry="Healthcare").applies_to("Healthcare", set())  # a prospect note


class DescribeCoerceChanges:
    def it_reads_text_into_typed_fields(self):
        values = coerce_changes(
            {
                "stage": "Post-sale",
                "employees": "4,200",
                "revenue": "1100000000",
                "next_meeting": "2026-12-03",
                "pains": ["  slow   claims ", ""],
                "region": "  US  Northeast ",
            }
        )
        assert values == {
            "stage": Stage.POST_SALE,
            "employees": 4200,
            "revenue": 1_100_000_000.0,
            "next_meeting": dt.date(2026, 12, 3),
            "pains": ("slow claims",),
            "region": "US Northeast",
        }

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"stage": "closing"}, "Stage must be one of"),
            ({"employees": "lots"}, "employees must be a number"),
            ({"employees": "-5"}, "cannot be negative"),
            ({"next_meeting": "03/12/2026"}, "must look like 2026-12-03"),
            ({"company": "  "}, "needs a company name"),
            ({"logo": "x"}, "'logo' is not a prospect field"),
        ],
    )
    def it_says_what_is_wrong(self, changes, message):
        with pytest.raises(InvalidInput, match=message):
            coerce_changes(changes)

    def it_accepts_insight_kinds_in_several_spellings(self):
        assert parse_kind("competitor") is InsightKind.COMPETITOR
        assert parse_kind("Competitor activity") is InsightKind.COMPETITOR
        with pytest.raises(InvalidInput, match="pain, competitor_activity"):
            parse_kind("gossip")
