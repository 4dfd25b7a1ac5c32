"""Recommendations from the library: expected top modules and reasons, weights, ratings, build."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.domain.modules import ModuleState, SmartContent, SmartLayout, Stage
from enabler.domain.prospects import Contact, Prospect
from enabler.domain.recommend.score import StageFit
from enabler.errors import InvalidInput
from enabler.services import insights as insight_service
from enabler.services import recommend as rec_service
from enabler.services.deck.build import plan_deck
from enabler.services.recommend import Recommender, recommend
from enabler.store import audit
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction

TODAY = dt.date(2026, 11, 23)


def smart(db, key, title, *, stages=(Stage.DECISION,), bullets=(), layout=SmartLayout.BULLETS,
          review_by="2027-06-30", **kw):  # fmt: skip
    with transaction(db):
        return module_store.create_smart(
            db,
            key=key,
            content=SmartContent(layout, title, bullets=tuple(bullets)),
            owner="Marketing",
            stages=stages,
            review_by=review_by,
            **kw,
        )


@pytest.fixture
def library(db):
    """A small library and Lakeside Clinics, a decision-stage healthcare prospect."""
    approved = {"state": ModuleState.APPROVED}
    smart(db, "decision-section", "Making the decision", layout=SmartLayout.SECTION,
          tags=("section",), **approved)  # fmt: skip
    smart(db, "compare-paperbridge", "Us and Paperbridge", competitors=("Paperbridge",),
          personas=("CIO",), tags=("competitive",), **approved)  # fmt: skip
    smart(db, "compare-arcline", "Us and Arcline", competitors=("Arcline",), **approved)
    smart(db, "denials-case", "Pinecrest: 41% fewer claim denials", industries=("Healthcare",),
          personas=("CFO",), tags=("case-study", "proof"), layout=SmartLayout.BIG_NUMBER,
          **approved)  # fmt: skip
    smart(db, "bank-case", "A bank's onboarding", industries=("Financial Services",), **approved)
    smart(db, "roi", "The business case", personas=("CFO",), tags=("roi",),
          bullets=("Payback in months",), **approved)  # fmt: skip
    smart(db, "old-pricing", "Pricing", review_by="2026-01-31", personas=("CFO",), **approved)
    smart(db, "next-steps", "Next steps", tags=("closing",), layout=SmartLayout.CLOSING,
          **approved)  # fmt: skip
    smart(db, "awareness-trends", "Healthcare trends: claim denials and intake backlogs",
          stages=(Stage.AWARENESS,), industries=("Healthcare",), **approved)  # fmt: skip
    smart(db, "draft-idea", "Not yet", competitors=(), **{"state": ModuleState.DRAFT})
    with transaction(db):
        p = prospect_store.create(
            db,
            Prospect(
                0,
                "Lakeside Clinics",
                industry="Healthcare",
                stage=Stage.DECISION,
                pains=("claim denials from mis-keyed intake",),
                competitors=("Paperbridge",),
            ),
        )
        for name, persona, influence in (("Ana Ruiz", "CFO", "high"), ("Ben Ito", "CIO", "low")):
            prospect_store.add_contact(
                db, Contact(0, p.id, name, persona=persona, influence=influence)
            )
    return db


def keys(report):
    return [r.module.key for r in report.results]


def reasons(report, key):
    return [r.text for r in next(x for x in report.results if x.module.key == key).reasons]


class DescribeRecommend:
    def it_ranks_modules_for_the_prospect_with_reasons(self, library):
        report = recommend(library, "Lakeside Clinics", today=TODAY)
        assert keys(report)[:2] == ["denials-case", "compare-paperbridge"]
        assert "covers competitor Paperbridge, who is in this evaluation" in reasons(
            report, "compare-paperbridge"
        )
        assert reasons(report, "denials-case") == [
            "made for the decision stage, where Lakeside Clinics is now",
            "written for Healthcare",
            "speaks to the CFO (Ana Ruiz) in the buying committee",
            'answers their pain "claim denials from mis-keyed intake" (claim, denials)',
        ]
        assert "past its review date (2026-01-31): check it is still accurate" in reasons(
            report, "old-pricing"
        )

    def it_leaves_out_what_does_not_belong(self, library):
        listed = keys(recommend(library, "Lakeside Clinics", today=TODAY))
        assert not {"compare-arcline", "bank-case", "draft-idea"} & set(listed)
        assert listed[-1] == "awareness-trends"  # not for this stage: last, but listed

    def it_is_deterministic(self, library):
        first = recommend(library, "Lakeside Clinics", today=TODAY)
        assert recommend(library, "Lakeside Clinics", today=TODAY).results == first.results

    def it_follows_edited_weights_and_records_the_edit(self, library):
        rec_service.set_weight(library, "competitor", "40", actor="Lena")
        assert keys(recommend(library, "Lakeside Clinics", today=TODAY))[0] == (
            "compare-paperbridge"
        )
        entry = audit.entries(library, "recommend_weight")[-1]
        assert (entry["actor"], entry["entity_id"]) == ("Lena", "competitor")
        rec_service.reset_weights(library)
        assert keys(recommend(library, "Lakeside Clinics", today=TODAY))[0] == "denials-case"

    def it_refuses_unknown_factors_and_non_numbers(self, library):
        with pytest.raises(InvalidInput, match="Unknown factor 'fame'"):
            rec_service.set_weight(library, "fame", "3")
        with pytest.raises(InvalidInput, match="must be a number"):
            rec_service.set_weight(library, "stage", "lots")

    def it_lets_rep_ratings_lift_a_module(self, library, monkeypatch):
        roi = module_store.get_module(library, "roi")
        report = recommend(library, "Lakeside Clinics", today=TODAY, ratings_by_module={roi.id: 5})
        assert "reps rate it 5.0 out of 5" in reasons(report, "roi")
        monkeypatch.setattr(rec_service, "RATING_SOURCES", (lambda db: {roi.id: 1.0},))
        assert "reps rate it 1.0 out of 5" in reasons(recommend(library, "1", today=TODAY), "roi")

    def it_uses_matching_segment_research(self, library):
        insight_service.add_segment_research(
            library,
            "Healthcare CFOs want payback inside a year",
            industry="Healthcare",
            persona="CFO",
            date=TODAY,
        )
        assert (
            'matches segment research for Healthcare CFO "Healthcare CFOs want payback inside '
            'a year" (payback)'
            in reasons(recommend(library, "Lakeside Clinics", today=TODAY), "roi")
        )

    def it_rebuilds_its_index_when_the_library_changes(self, library):
        recommender = Recommender(library)
        before = recommender.recommend("Lakeside Clinics", today=TODAY)
        smart(library, "new-proof", "Claim denials case", state=ModuleState.APPROVED,
              industries=("Healthcare",), personas=("CFO",))  # fmt: skip
        after = recommender.recommend("Lakeside Clinics", today=TODAY)
        assert "new-proof" in keys(after) and "new-proof" not in keys(before)


class DescribeAutomaticDeck:
    def it_builds_from_the_ranking_in_story_order(self, library):
        plan = plan_deck(library, "Lakeside Clinics", top=5)
        assert [p.module.key for p in plan.modules] == [
            "decision-section",
            "compare-paperbridge",
            "denials-case",
            "roi",
            "next-steps",
        ]

    def it_only_uses_modules_made_for_the_prospects_stage(self, library):
        plan = plan_deck(library, "Lakeside Clinics", top=50)
        assert "awareness-trends" not in [p.module.key for p in plan.modules]


class DescribeDemoLibrary:
    def it_puts_the_competitor_slide_high_for_northwind_health(self, demo_db):
        report = recommend(demo_db, "Northwind Health", today=TODAY, limit=5)
        assert "compare-paperbridge" in keys(report)
        assert all(r.module.state.value == "approved" for r in report.results)
        assert report.results[0].stage_fit is StageFit.EXACT
