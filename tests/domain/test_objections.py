"""Objection domain: states, categories, progress and the rules that pre-fill a checklist."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.domain.battlecards import (
    Battlecard,
    Differentiator,
    Outcome,
    Pitch,
    WinLossNote,
    battlecard_from_dict,
    battlecard_to_dict,
)
from enabler.domain.modules import ModuleState, Stage
from enabler.domain.objection_rules import competitors_in_play, likely_objections
from enabler.domain.objections import (
    Answer,
    ChecklistItem,
    Objection,
    ObjectionCategory,
    ObjectionChecklist,
    ObjectionState,
    objection_from_dict,
    parse_category,
    parse_state,
)
from enabler.domain.prospects import Insight, InsightKind, Prospect
from enabler.errors import InvalidInput

# fixtures ---------------------------------------------------------------------------------


def objection(key, category=ObjectionCategory.PRICE, **kw) -> Objection:
    kw.setdefault("stages", (Stage.DECISION,))
    kw.setdefault("state", ModuleState.APPROVED)
    return Objection(id=len(key), key=key, text=f"Text of {key}", category=category, **kw)


def insight(text, kind=InsightKind.OTHER, date=dt.date(2026, 11, 12)) -> Insight:
    return Insight(id=1, prospect_id=1, kind=kind, text=text, date=date)


@pytest.fixture
def prospect():
    return Prospect(
        id=1,
        company="Acme Clinics",
        industry="Healthcare",
        stage=Stage.DECISION,
        competitors=("paperbridge",),
    )


def keys(suggestions) -> list[str]:
    return [s.objection.key for s in suggestions]


# specs ------------------------------------------------------------------------------------


class DescribeParsing:
    @pytest.mark.parametrize("text", ["raised", "Answered", " parked ", "OPEN"])
    def it_accepts_the_four_states_in_any_case(self, text):
        assert parse_state(text).value == text.strip().lower()

    @pytest.mark.parametrize("text", ["done", "", "resolved", "raised!"])
    def it_rejects_other_states_naming_the_allowed_ones(self, text):
        with pytest.raises(InvalidInput, match="open, raised, answered, parked"):
            parse_state(text)

    @pytest.mark.parametrize(
        "text", ["security_compliance", "Security / compliance", "security-compliance"]
    )
    def it_reads_categories_as_people_write_them(self, text):
        assert parse_category(text) is ObjectionCategory.SECURITY_COMPLIANCE

    def it_rejects_unknown_categories(self):
        with pytest.raises(InvalidInput, match="'weather' is not a valid category"):
            parse_category("weather")

    def it_labels_categories_for_people(self):
        assert ObjectionCategory.SECURITY_COMPLIANCE.label == "Security / compliance"
        assert ObjectionCategory.PRICE.label == "Price"


class DescribeProgress:
    def it_counts_answered_of_all_items(self, prospect):
        states = ["answered", "answered", "raised", "open", "parked"]
        items = tuple(
            ChecklistItem(f"o{n}", "x", ObjectionCategory.RISK, ObjectionState(s))
            for n, s in enumerate(states)
        )
        progress = ObjectionChecklist(prospect, items).progress
        assert progress.label == "2 of 5 answered"
        assert (progress.raised, progress.parked, progress.open) == (1, 1, 1)

    def it_says_zero_of_zero_for_an_empty_checklist(self, prospect):
        assert ObjectionChecklist(prospect, ()).progress.label == "0 of 0 answered"


class DescribeLikelyObjections:
    def it_suggests_approved_objections_for_the_stage_with_the_reason(self, prospect):
        found = likely_objections(prospect, [], [objection("price")])
        assert keys(found) == ["price"]
        assert found[0].reason == "Often raised at the Decision stage"

    def it_skips_objections_of_other_stages_and_unapproved_ones(self, prospect):
        library = [
            objection("early", stages=(Stage.AWARENESS,)),
            objection("draft", state=ModuleState.DRAFT),
            objection("retired", state=ModuleState.RETIRED),
        ]
        assert likely_objections(prospect, [], library) == []

    def it_keeps_industry_objections_to_their_industry(self, prospect):
        library = [
            objection("phi", industries=("healthcare",)),
            objection("kyc", industries=("Financial Services",)),
        ]
        found = likely_objections(prospect, [], library)
        assert keys(found) == ["phi"]
        assert "Common in Healthcare" in found[0].reasons

    def it_does_not_suggest_on_industry_alone(self, prospect):
        library = [objection("phi", industries=("Healthcare",), stages=(Stage.AWARENESS,))]
        assert likely_objections(prospect, [], library) == []

    def it_suggests_competitor_objections_only_when_that_competitor_is_in_play(self, prospect):
        library = [
            objection("pb", ObjectionCategory.COMPETITOR, competitor="Paperbridge"),
            objection("fs", ObjectionCategory.COMPETITOR, competitor="FlowStack"),
        ]
        found = likely_objections(prospect, [], library, in_play=["Paperbridge"])
        assert keys(found) == ["pb"]
        assert "Paperbridge is in play" in found[0].reasons

    def it_lets_an_insight_keyword_bring_in_an_objection_from_another_stage(self, prospect):
        library = [objection("budget", stages=(Stage.AWARENESS,), keywords=("planning closes",))]
        note = insight("FY27 planning closes in February.", InsightKind.BUDGET)
        found = likely_objections(prospect, [note], library)
        assert keys(found) == ["budget"]
        assert found[0].reason == "Insight of 2026-11-12: “FY27 planning closes in February.”"

    def it_matches_keywords_at_the_start_of_words_only(self, prospect):
        library = [objection("board", stages=(), keywords=("board",))]
        onboarding = insight("Cut onboarding time from 3 weeks to 5 days.")
        found = likely_objections(prospect, [onboarding], library)
        assert all("Insight" not in r for r in found[0].reasons)
        meeting = insight("Wants it signed before the board meeting.")
        assert any(
            "board meeting" in r for r in likely_objections(prospect, [meeting], library)[0].reasons
        )

    def it_maps_an_insight_kind_to_a_category_when_the_objection_has_no_keywords(self, prospect):
        library = [objection("timing", ObjectionCategory.TIMING, stages=(Stage.AWARENESS,))]
        found = likely_objections(
            prospect, [insight("Freeze from March", InsightKind.TIMING)], library
        )
        assert keys(found) == ["timing"]

    def it_shortens_long_insights_in_the_reason(self, prospect):
        library = [objection("price", keywords=("discount",))]
        long_text = "They offered a discount " + "and more " * 40
        reason = likely_objections(prospect, [insight(long_text)], library)[0].reasons[-1]
        assert reason.endswith("…”") and len(reason) < 130


class DescribeCompetitorsInPlay:
    def it_keeps_the_library_spelling_and_adds_competitors_named_in_insights(self, prospect):
        notes = [
            insight("Arcline quoted 30% below us.", InsightKind.COMPETITOR),
            insight("FlowStack mentioned in passing.", InsightKind.PAIN),  # not competitor news
        ]
        found = competitors_in_play(prospect, notes, ["Paperbridge", "Arcline", "FlowStack"])
        assert found == ("Paperbridge", "Arcline")

    def it_keeps_competitors_without_a_battlecard(self):
        p = Prospect(id=1, company="X", competitors=("Acme Capture",))
        assert competitors_in_play(p, [], []) == ("Acme Capture",)


class DescribeJsonForms:
    def it_reads_an_objection_with_its_answer(self):
        obj = objection_from_dict(
            {
                "key": "k",
                "text": "Too dear",
                "category": "price",
                "stages": ["decision"],
                "answer": {"acknowledge": "Fair", "proof": "7 months"},
                "proof_modules": ["payback"],
                "state": "approved",
                "review_by": "2027-01-31",
            }
        )
        assert obj.answer.parts() == [("Acknowledge", "Fair"), ("Proof", "7 months")]
        assert obj.review_by == dt.date(2027, 1, 31)
        assert obj.is_stale(dt.date(2027, 2, 1)) and not obj.is_stale(dt.date(2027, 1, 31))

    def it_round_trips_a_battlecard(self):
        card = Battlecard(
            id=0,
            competitor="Arcline",
            summary="API first",
            differentiators=(Differentiator("Review included", "UI built in", "demo-review"),),
            strengths=("Accuracy",),
            pitches=(Pitch("Cheaper", "Price the whole process"),),
            landmines=("Who builds review?",),
            win_loss=(WinLossNote(Outcome.WON, "Bayfront", "Audit", dt.date(2026, 2, 1)),),
            owner="Hannah",
            state=ModuleState.APPROVED,
        )
        assert battlecard_from_dict(battlecard_to_dict(card)) == card
        assert card.record == (1, 0)
        assert card.proof_modules() == ("demo-review",)

    def it_orders_answer_parts_as_they_are_spoken(self):
        answer = Answer(question_back="Q?", acknowledge="A", reframe="R")
        assert [label for label, _ in answer.parts()] == ["Acknowledge", "Reframe", "Ask back"]
