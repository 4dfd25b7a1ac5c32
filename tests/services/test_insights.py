"""Insights, staleness, segment research and promotion, as a rep and marketing use them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from enabler.domain.prospects import Freshness, InsightKind, ReviewState
from enabler.errors import Conflict, InvalidInput, NotFound
from enabler.services import insights as svc
from enabler.services.prospects import prospect_details
from enabler.store import audit

TODAY = dt.date(2026, 11, 23)


class DescribeInsights:
    def it_adds_a_dated_sourced_insight(self, small_library):
        item = svc.add_insight(
            small_library,
            "acme clinics",
            "budget",
            "  CFO has   $200K set aside ",
            source="Call",
            date="2026-11-20",
            author="Dana",
        )
        assert (item.kind, item.text, item.source, item.author, item.date) == (
            InsightKind.BUDGET,
            "CFO has $200K set aside",
            "Call",
            "Dana",
            dt.date(2026, 11, 20),
        )
        assert item.id in [
            m.insight.id for m in prospect_details(small_library, "Acme Clinics").insights
        ]

    def it_dates_an_insight_today_unless_told(self, small_library):
        assert svc.add_insight(small_library, "Acme Clinics", "pain", "x").date == dt.date.today()

    @pytest.mark.parametrize(
        ("kwargs", "error", "message"),
        [
            ({"kind": "gossip"}, InvalidInput, "kind must be one of"),
            ({"text": "  "}, InvalidInput, "needs some text"),
            ({"date": "yesterday"}, InvalidInput, "must look like 2026-12-03"),
            ({"prospect_ref": "Acme Clinic"}, NotFound, "Did you mean 'Acme Clinics'"),
        ],
    )
    def it_says_what_is_wrong(self, small_library, kwargs, error, message):
        args = {"prospect_ref": "Acme Clinics", "kind": "pain", "text": "t"} | kwargs
        with pytest.raises(error, match=message):
            svc.add_insight(
                small_library, args.pop("prospect_ref"), args.pop("kind"), args.pop("text"), **args
            )

    def it_marks_insights_older_than_the_setting_as_stale(self, small_library):
        svc.add_insight(small_library, "Acme Clinics", "pain", "recent", date="2026-11-01")
        details = prospect_details(small_library, "Acme Clinics", today=TODAY)
        marks = {m.insight.text: m.freshness for m in details.insights}
        assert marks == {"recent": Freshness.FRESH, "Claims backlog": Freshness.FRESH}
        later = prospect_details(small_library, "Acme Clinics", today=dt.date(2027, 1, 15))
        assert {m.insight.text: m.stale for m in later.insights} == {
            "recent": False,  # 75 days
            "Claims backlog": True,  # 106 days
        }
        svc.set_stale_after_days(small_library, 30)
        assert all(
            m.stale
            for m in prospect_details(small_library, "1", today=dt.date(2027, 1, 15)).insights
        )
        with pytest.raises(InvalidInput, match="between 1 and 3650"):
            svc.set_stale_after_days(small_library, 0)


class DescribeSegmentResearch:
    def it_shows_on_every_matching_prospect(self, small_library):
        cfo = svc.add_segment_research(
            small_library,
            "Healthcare CFOs worry about reimbursement delays",
            industry="healthcare",
            persona="CFO",
            source="2026 CFO survey",
            author="Lena (marketing)",
        )
        svc.add_segment_research(small_library, "Retailers fear returns", industry="Retail")
        svc.add_segment_research(small_library, "CIOs fear integration", persona="CIO")
        shown = prospect_details(small_library, "Acme Clinics").segment_research
        assert [m.insight.id for m in shown] == [cfo.id]
        entry = audit.entries(small_library, "segment_research")[0]
        assert (entry["action"], entry["actor"]) == ("create", "Lena (marketing)")

    def it_needs_an_industry_or_a_persona(self, small_library):
        with pytest.raises(InvalidInput, match="needs an industry, a persona or both"):
            svc.add_segment_research(small_library, "Everyone likes savings")


class DescribePromotion:
    def insight_id(self, db):
        return prospect_details(db, "Acme Clinics").insights[0].insight.id

    def it_offers_a_prospect_insight_to_marketing_for_review(self, small_library):
        original = self.insight_id(small_library)
        pending = svc.promote_insight(small_library, original, actor="Dana", persona="CFO")
        assert pending.is_segment_research and pending.promoted_from == original
        assert (pending.industry, pending.persona, pending.review_state) == (
            "Healthcare",
            "CFO",
            ReviewState.PENDING,
        )
        assert pending.source == "rep insight on Acme Clinics"
        assert not prospect_details(small_library, "Acme Clinics").segment_research
        assert [m.insight.id for m in svc.segment_research(small_library, ReviewState.PENDING)] == [
            pending.id
        ]
        entry = audit.entries(small_library, "segment_research")[-1]
        assert (entry["action"], entry["actor"]) == ("promote", "Dana")
        assert json.loads(entry["after"])["from_insight"] == original

    def it_shows_research_once_marketing_accepts_it(self, small_library):
        pending = svc.promote_insight(small_library, self.insight_id(small_library), persona="CFO")
        accepted = svc.review_segment_research(
            small_library, pending.id, True, actor="Lena", text="Clinics' claims backlogs grow"
        )
        assert accepted.review_state is ReviewState.APPROVED
        shown = prospect_details(small_library, "Acme Clinics").segment_research
        assert [m.insight.text for m in shown] == ["Clinics' claims backlogs grow"]
        entry = audit.entries(small_library, "segment_research")[-1]
        assert (entry["action"], entry["actor"]) == ("accept", "Lena")
        assert json.loads(entry["before"])["review_state"] == "pending"

    def it_refuses_to_promote_twice_or_to_promote_personal_notes(self, small_library):
        original = self.insight_id(small_library)
        first = svc.promote_insight(small_library, original)
        with pytest.raises(Conflict, match=f"already promoted \\(segment research {first.id}"):
            svc.promote_insight(small_library, original)
        svc.review_segment_research(small_library, first.id, False)
        assert svc.promote_insight(small_library, original).review_state is ReviewState.PENDING
        personal = svc.add_insight(small_library, "Acme Clinics", "personal", "Loves sailing")
        with pytest.raises(InvalidInput, match="Personal notes stay with the prospect"):
            svc.promote_insight(small_library, personal.id)
        with pytest.raises(InvalidInput, match="already segment research"):
            svc.promote_insight(small_library, first.id)
