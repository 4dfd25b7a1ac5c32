"""Checklist use cases on the demo library: pre-fill, mark, add, counts, leave-behind, deck."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.domain.modules import Stage
from enabler.domain.objections import ObjectionState
from enabler.domain.prospects import Prospect
from enabler.errors import Conflict, InvalidInput, NotFound
from enabler.services.deck.build import plan_deck
from enabler.services.objections import checklists as service
from enabler.services.objections.deck import adjust_plan
from enabler.store import checklist_items as item_store
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db, transaction

NORTHWIND = "Northwind Health"
DAY = dt.date(2026, 11, 24)

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def demo_path(demo_db, tmp_path):
    """The file behind `demo_db`, for opening a second window on it."""
    return tmp_path / "demo.db"


def item(cl, ref):
    return next(i for i in cl.items if i.ref == ref)


def quiet_prospect(db, **kw) -> Prospect:
    """A decision-stage prospect with no competitors, insights or industry objections."""
    with transaction(db):
        return prospect_store.create(
            db, Prospect(id=0, company="Quiet Co", industry="Retail", stage=Stage.DECISION, **kw)
        )


# specs ------------------------------------------------------------------------------------


class DescribeChecklist:
    def it_prefills_northwind_from_stage_industry_competitor_and_insights(self, demo_db):
        cl = service.checklist(demo_db, NORTHWIND)
        assert cl.competitors == ("Paperbridge",)
        assert cl.progress.label == "2 of 9 answered"
        assert item(cl, "security-phi-in-cloud").reason.endswith("Common in Healthcare")
        assert "Paperbridge is in play" in item(cl, "competitor-paperbridge-incumbent").reason
        assert "offered a 20% first-year discount" in item(cl, "price-too-expensive").reason
        assert not any(i.ref.startswith("security-examiner") for i in cl.items)  # banks only

    def it_shows_the_demo_state_with_notes_and_dates(self, demo_db):
        cl = service.checklist(demo_db, NORTHWIND)
        raised = item(cl, "competitor-paperbridge-discount")
        assert raised.state is ObjectionState.RAISED
        assert raised.changed_on == dt.date(2026, 11, 12)
        assert "cost-per-document comparison" in raised.note
        custom = [i for i in cl.items if i.custom]
        assert [(i.state, i.category.value) for i in custom] == [(ObjectionState.PARKED, "timing")]

    def it_lists_suggested_items_unstored_at_version_zero(self, demo_db):
        cl = service.checklist(demo_db, NORTHWIND)
        assert (item(cl, "risk-adoption").version, item(cl, "risk-adoption").item_id) == (0, None)

    def it_names_the_prospect_it_cannot_find(self, demo_db):
        with pytest.raises(NotFound, match="Did you mean 'Northwind Health'"):
            service.checklist(demo_db, "Northwnd Health")


class DescribeMark:
    def it_stores_a_suggested_item_with_its_reason_date_and_note(self, demo_db):
        marked = service.mark(
            demo_db, NORTHWIND, "risk-adoption", "raised", "Olivia asked", actor="Dana", today=DAY
        )
        expected = (ObjectionState.RAISED, "Olivia asked", 1, DAY)
        assert (marked.state, marked.note, marked.version, marked.changed_on) == expected
        assert marked.reason == "Often raised at the Decision stage"
        cl = service.checklist(demo_db, NORTHWIND)
        assert item(cl, "risk-adoption").state is ObjectionState.RAISED
        assert cl.progress.label == "2 of 9 answered"

    def it_counts_progress_as_items_are_answered(self, demo_db):
        service.mark(demo_db, NORTHWIND, "price-too-expensive", "answered")
        assert service.checklist(demo_db, NORTHWIND).progress.label == "3 of 9 answered"

    def it_keeps_the_note_when_marking_without_one(self, demo_db):
        before = item(service.checklist(demo_db, NORTHWIND), "competitor-paperbridge-discount")
        after = service.mark(demo_db, NORTHWIND, "competitor-paperbridge-discount", "answered")
        assert after.note == before.note and after.version == before.version + 1

    def it_keeps_notes_of_any_length_and_script_exactly(self, demo_db):
        note = "  Réponse: 回答済み — ответ дан; ملاحظة 🙂\n\n" + "ø" * 100_000 + "\t"
        service.mark(demo_db, NORTHWIND, "custom-5", "answered", note)
        assert item(service.checklist(demo_db, NORTHWIND), "custom-5").note == note

    @pytest.mark.parametrize("state", ["done", "RAISED!", "", "closed"])
    def it_rejects_states_outside_the_allowed_set(self, demo_db, state):
        with pytest.raises(InvalidInput, match="not a valid state"):
            service.mark(demo_db, NORTHWIND, "risk-adoption", state)
        assert item(service.checklist(demo_db, NORTHWIND), "risk-adoption").version == 0

    def it_names_unknown_objections_with_a_hint(self, demo_db):
        with pytest.raises(NotFound, match="Did you mean 'risk-adoption'"):
            service.mark(demo_db, NORTHWIND, "risk-adopton", "raised")
        with pytest.raises(NotFound, match="has no item 'custom-999'"):
            service.mark(demo_db, NORTHWIND, "custom-999", "raised")

    def it_refuses_objections_that_are_not_approved(self, demo_db):
        with pytest.raises(InvalidInput, match="in_review, not approved"):
            service.mark(demo_db, NORTHWIND, "need-manual-works-fine", "raised")

    def it_accepts_an_approved_objection_the_rules_did_not_suggest(self, demo_db):
        marked = service.mark(demo_db, NORTHWIND, "security-examiner-scrutiny", "raised")
        assert marked.reason == service.ADDED_BY_REP
        assert item(service.checklist(demo_db, NORTHWIND), marked.ref).state.value == "raised"


class DescribeLibraryGovernance:
    def it_suggests_an_objection_only_once_it_is_approved(self, demo_db):
        keystone = "Keystone Manufacturing"
        assert "need-manual-works-fine" not in [
            i.ref for i in service.checklist(demo_db, keystone).items
        ]
        approved = service.set_objection_state(
            demo_db, "need-manual-works-fine", "approved", "Lena"
        )
        assert approved.state.value == "approved"
        assert "need-manual-works-fine" in [
            i.ref for i in service.checklist(demo_db, keystone).items
        ]
        assert [o.key for o in service.objection_library(demo_db, approved.state)][
            -1
        ] == approved.key

    def it_refuses_unknown_library_states(self, demo_db):
        with pytest.raises(InvalidInput, match="not a library state"):
            service.set_objection_state(demo_db, "risk-adoption", "published")


class DescribeTwoWindows:
    def it_refuses_a_stale_mark_and_keeps_the_first_note(self, demo_db, demo_path):
        window_a, window_b = demo_db, open_db(demo_path)
        seen_a = item(service.checklist(window_a, NORTHWIND), "price-too-expensive")
        seen_b = item(service.checklist(window_b, NORTHWIND), "price-too-expensive")
        service.mark(
            window_a,
            NORTHWIND,
            seen_a.ref,
            "answered",
            "A: sent ROI",
            expected_version=seen_a.version,
        )
        with pytest.raises(Conflict, match="Reload the checklist"):
            service.mark(
                window_b,
                NORTHWIND,
                seen_b.ref,
                "parked",
                "B: later",
                expected_version=seen_b.version,
            )
        now = item(service.checklist(window_b, NORTHWIND), "price-too-expensive")
        assert (now.state, now.note) == (ObjectionState.ANSWERED, "A: sent ROI")
        # B reloads and marks again: both notes are in the item's history.
        service.mark(
            window_b, NORTHWIND, now.ref, "parked", "B: later", expected_version=now.version
        )
        notes = [h["note"] for h in item_store.history(window_b, now.item_id)]
        assert notes[-2:] == ["A: sent ROI", "B: later"]

    def it_refuses_a_second_first_mark_of_a_suggested_item(self, demo_db, demo_path):
        window_a, window_b = demo_db, open_db(demo_path)
        service.mark(window_a, NORTHWIND, "risk-adoption", "raised", "A", expected_version=0)
        with pytest.raises(Conflict, match="now raised, version 1"):
            service.mark(window_b, NORTHWIND, "risk-adoption", "answered", "B", expected_version=0)

    def it_loses_no_note_when_marking_without_a_version(self, demo_db, demo_path):
        window_a, window_b = demo_db, open_db(demo_path)
        a = service.mark(window_a, NORTHWIND, "risk-adoption", "raised", "note A")
        service.mark(window_b, NORTHWIND, "risk-adoption", "answered", "note B")
        notes = [h["note"] for h in item_store.history(window_a, a.item_id)]
        assert notes == ["note A", "note B"]


class DescribeAddItem:
    def it_adds_the_reps_own_objection_exactly_as_typed(self, demo_db):
        text = "  «Legal» wants DPA redlines — 法務 first\n"
        added = service.add_item(demo_db, NORTHWIND, text, "Security / compliance", actor="Dana")
        assert added.text == text and added.custom and added.ref.startswith("custom-")
        assert added.reason == "Added by the rep (Dana)"
        cl = service.checklist(demo_db, NORTHWIND)
        assert cl.items[-1].ref == added.ref and cl.progress.total == 10

    def it_refuses_empty_text_unknown_categories_and_duplicates(self, demo_db):
        with pytest.raises(InvalidInput, match="empty"):
            service.add_item(demo_db, NORTHWIND, " \n ", "risk")
        with pytest.raises(InvalidInput, match="not a valid category"):
            service.add_item(demo_db, NORTHWIND, "x", "weather")
        with pytest.raises(Conflict, match="already has this objection as 'custom-5'"):
            service.add_item(
                demo_db, NORTHWIND, "go-live must not overlap the  January Epic upgrade.", "timing"
            )


class DescribeRaisedCounts:
    def it_counts_what_came_up_per_stage_industry_competitor_and_category(self, demo_db):
        assert service.raised_counts(demo_db, "stage") == {"decision": 5}
        assert service.raised_counts(demo_db, "industry") == {"Healthcare": 5}
        assert service.raised_counts(demo_db, "competitor") == {"Paperbridge": 5}
        assert service.raised_counts(demo_db, "category")["timing"] == 1
        service.mark(demo_db, "Summit Credit Union", "competitor-arcline-cheaper", "raised")
        assert service.raised_counts(demo_db, "competitor") == {"Paperbridge": 5, "Arcline": 1}
        assert service.raised_counts(demo_db, "objection")["competitor-arcline-cheaper"] == 1

    def it_leaves_open_items_out_and_refuses_unknown_dimensions(self, demo_db):
        service.mark(demo_db, "Summit Credit Union", "risk-adoption", "open")
        assert "Financial Services" not in service.raised_counts(demo_db, "industry")
        with pytest.raises(InvalidInput, match="Cannot count by 'rep'"):
            service.raised_counts(demo_db, "rep")


class DescribeLeaveBehindObjections:
    def it_gives_approved_answers_to_what_they_raised_without_rep_notes(self, demo_db):
        answers = service.leave_behind_objections(demo_db, NORTHWIND)
        said = [a["objection"] for a in answers]
        assert "It won't integrate with our EHR." in said
        assert "We already use Paperbridge; why add another vendor?" not in said  # still open
        assert all("Go-live" not in s for s in said)  # the rep's own item has no approved answer
        ehr = answers[said.index("It won't integrate with our EHR.")]
        assert ehr["answer"].startswith("Flow sits between the inbox and the EHR")
        assert {"key": "integrations", "title": "Connects to the systems you already run"} in ehr[
            "proof_modules"
        ]
        assert "Epic write-back" not in repr(answers)  # that is the rep's note

    def it_returns_none_when_nothing_was_raised(self, demo_db):
        assert service.leave_behind_objections(demo_db, "Keystone Manufacturing") is None


class DescribeDeckSelection:
    def it_adds_why_us_before_the_closing_slide_and_the_appendix_last(self, demo_db):
        keys = [p.module.key for p in plan_deck(demo_db, NORTHWIND).modules]
        # Other features' adjusters may add their own slides; ours keep their places.
        assert keys.index("why-us") < keys.index("decision-next-steps")
        assert keys.index("decision-next-steps") < keys.index("objection-appendix")
        assert keys.count("why-us") == keys.count("objection-appendix") == 1

    def it_drops_both_when_there_is_nothing_to_show(self, demo_db):
        quiet = quiet_prospect(demo_db)
        for i in service.checklist(demo_db, quiet).items:
            service.mark(demo_db, quiet, i.ref, "parked")  # set aside: never shown
        chosen = module_store.list_modules(demo_db)
        keys = [m.key for m in adjust_plan(demo_db, quiet, chosen)]
        assert "why-us" not in keys and "objection-appendix" not in keys

    def it_keeps_the_appendix_but_not_why_us_without_a_competitor(self, demo_db):
        quiet = quiet_prospect(demo_db)
        keys = [p.module.key for p in plan_deck(demo_db, quiet.company).modules]
        assert "objection-appendix" in keys and "why-us" not in keys

    def it_leaves_other_stages_alone(self, demo_db):
        keys = [p.module.key for p in plan_deck(demo_db, "Keystone Manufacturing").modules]
        assert "why-us" not in keys and "objection-appendix" not in keys
