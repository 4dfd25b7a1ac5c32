"""The review workflow, versions, staleness and audit, through the services."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from enabler.domain.modules import ModuleState, SmartContent, SmartLayout
from enabler.domain.preflight import Check
from enabler.domain.profile import make_profile
from enabler.errors import Conflict, Fix, Hint, InvalidInput
from enabler.services.deck import build
from enabler.services.library import governance, revisions, staleness
from enabler.services.library.glossary import set_term
from enabler.services.library.revisions import ModuleEdit
from enabler.store import audit
from enabler.store import modules as module_store
from enabler.store.connection.db import open_db, transaction
from tests.conftest import add_module
from tests.helpers import all_text

LENA = make_profile("Lena Brandt", "marketing")
OWEN = make_profile("Owen Park", "marketing")
DANA = make_profile("Dana Rep", "sales")


def state(db, key):
    return module_store.module_status(db, key)


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def draft(db):
    add_module(
        db,
        "pillars",
        SmartContent(SmartLayout.BULLETS, "Pillars", bullets=("Fast", "Safe")),
        state=ModuleState.DRAFT,
        notes="Walk through",
    )
    return db


def approved(db, key="pillars"):
    governance.submit(db, LENA, key, reviewer="Owen Park")
    return governance.approve(db, OWEN, key, comment="Looks right")


class DescribeReviewWorkflow:
    def it_takes_a_draft_through_review_to_approval(self, draft):
        s = governance.submit(draft, LENA, "pillars", reviewer="Owen Park", comment="Ready")
        assert s.state is ModuleState.IN_REVIEW and s.reviewer == "Owen Park"
        s = governance.approve(draft, OWEN, "pillars", today=dt.date(2026, 1, 1))
        assert s.state is ModuleState.APPROVED
        assert s.reviewer == "Owen Park"
        assert s.review_by == dt.date(2026, 6, 30)  # default 180 days
        events = revisions.history(draft, "pillars").events
        assert [(e.action, e.actor) for e in events] == [
            ("submit", "Lena Brandt"),
            ("approve", "Owen Park"),
        ]

    def it_rejects_back_to_draft_only_with_a_reason(self, draft):
        governance.submit(draft, LENA, "pillars")
        with pytest.raises(InvalidInput, match="Say why"):
            governance.reject(draft, OWEN, "pillars", comment=" ")
        s = governance.reject(draft, OWEN, "pillars", comment="Numbers need a source")
        assert s.state is ModuleState.DRAFT
        assert revisions.history(draft, "pillars").events[-1].comment == "Numbers need a source"

    def it_refuses_transitions_out_of_order(self, draft):
        with pytest.raises(InvalidInput, match="submit it first"):
            governance.approve(draft, OWEN, "pillars")

    def it_can_require_an_approver_other_than_the_author(self, draft):
        governance.set_rules(draft, LENA, approver_must_differ=True)
        governance.submit(draft, OWEN, "pillars")
        with pytest.raises(InvalidInput, match="different approver"):
            governance.approve(draft, OWEN, "pillars")
        assert governance.approve(draft, LENA, "pillars").state is ModuleState.APPROVED

    def it_leaves_the_library_to_marketing(self, draft):
        with pytest.raises(InvalidInput, match="Only marketing"):
            governance.submit(draft, DANA, "pillars")
        governance.add_comment(draft, DANA, "pillars", "Prospects ask about pricing here")
        assert revisions.history(draft, "pillars").events[-1].actor == "Dana Rep"

    def it_audits_every_action_with_before_and_after(self, draft):
        approved(draft)
        entries = [e for e in audit.entries(draft, "module") if e["action"] == "approve"]
        assert entries[0]["actor"] == "Owen Park"
        assert json.loads(entries[0]["before"])["state"] == "in_review"
        after = json.loads(entries[0]["after"])
        assert after["state"] == "approved" and after["comment"] == "Looks right"


class DescribeVersions:
    def it_edits_a_draft_as_a_new_version(self, draft):
        result = revisions.edit_module(
            draft, LENA, "pillars", ModuleEdit({"title": "Why us"}), note="Sharper"
        )
        assert result.number == 2 and not result.status.has_revision
        assert state(draft, "pillars").title == "Why us"
        assert [c.summary for c in result.changes] == ['Title changed from "Pillars" to "Why us"']
        assert [v.number for v in revisions.history(draft, "pillars").versions] == [2, 1]

    def it_never_changes_an_approved_module_in_place(self, draft):
        before = approved(draft)
        result = revisions.edit_module(
            draft,
            LENA,
            "pillars",
            ModuleEdit({"bullets": ["Fast", "Secure"]}, meta={"tags": ("new",)}),
        )
        s = result.status
        assert s.state is ModuleState.APPROVED and s.revision_state is ModuleState.DRAFT
        assert s.current_version_id == before.current_version_id  # reps keep the approved one
        module = module_store.get_module(draft, "pillars")
        assert module_store.current_version(draft, module).content.bullets == ("Fast", "Safe")
        assert module.tags == ()
        working = revisions.working_copy(draft, "pillars")
        assert working.snapshot.content["bullets"] == ["Fast", "Secure"]
        assert working.status.row_version == s.row_version
        governance.submit(draft, LENA, "pillars")
        s = governance.approve(draft, OWEN, "pillars")
        assert s.current_version_id == result.version_id and not s.has_revision
        module = module_store.get_module(draft, "pillars")
        assert module_store.current_version(draft, module).content.bullets == ("Fast", "Secure")
        assert module.tags == ("new",)

    def it_refuses_empty_invalid_and_in_review_edits(self, draft):
        with pytest.raises(InvalidInput, match="Nothing would change"):
            revisions.edit_module(draft, LENA, "pillars", ModuleEdit({"title": "Pillars"}))
        with pytest.raises(InvalidInput, match="not valid"):
            revisions.edit_module(draft, LENA, "pillars", ModuleEdit({"colour": "red"}))
        with pytest.raises(InvalidInput, match="Stage must be one of"):
            revisions.edit_module(draft, LENA, "pillars", ModuleEdit(meta={"stages": ("soon",)}))
        governance.submit(draft, LENA, "pillars")
        with pytest.raises(Conflict, match="in review"):
            revisions.edit_module(draft, LENA, "pillars", ModuleEdit({"title": "X"}))

    def it_diffs_and_restores_any_version_as_a_new_draft(self, draft):
        approved(draft)
        revisions.edit_module(draft, LENA, "pillars", ModuleEdit({"title": "Why us"}))
        old, new, changes = revisions.diff(draft, "pillars")
        assert (old, new) == (1, 2)
        assert changes[0].summary == 'Title changed from "Pillars" to "Why us"'
        result = revisions.restore_version(draft, LENA, "pillars", 1)
        assert result.number == 3 and result.status.has_revision
        _, _, back = revisions.diff(draft, "pillars", 2, 3)
        assert back[0].summary == 'Title changed from "Why us" to "Pillars"'
        assert revisions.history(draft, "pillars").versions[0].note == "Restored from version 1"


class DescribeRetirement:
    def it_needs_a_replacement_and_flags_decks_that_used_the_module(self, small_library, tmp_path):
        db = small_library
        plan = build.plan_deck(db, "Acme Clinics", ["pillars", "proof"])
        build.build_deck(db, plan, tmp_path / "deck.pptx")
        with pytest.raises(InvalidInput, match="replaces it, or confirm there is none") as err:
            governance.retire(db, LENA, "pillars", replacement=None)
        assert err.value.hint == Hint(Fix.GIVE, "replacement")
        with pytest.raises(InvalidInput, match="choose an approved module"):
            governance.retire(db, LENA, "pillars", replacement="draft")
        result = governance.retire(db, LENA, "pillars", replacement="proof")
        assert result.status.state is ModuleState.RETIRED
        assert len(result.affected_decks) == 1
        flagged = staleness.flagged_decks(db)
        assert [(f.company, f.module_key, f.replacement_key) for f in flagged] == [
            ("Acme Clinics", "pillars", "proof")
        ]
        with pytest.raises(InvalidInput, match="Only approved modules"):
            build.plan_deck(db, "Acme Clinics", ["pillars"])

    def it_brings_a_retired_module_back_only_as_a_draft(self, small_library):
        db = small_library
        governance.retire(db, LENA, "pillars", no_replacement=True)
        with pytest.raises(InvalidInput, match="restore"):
            revisions.edit_module(db, LENA, "pillars", ModuleEdit({"title": "x"}))
        result = revisions.restore_version(db, LENA, "pillars", 1)
        assert result.status.state is ModuleState.DRAFT and result.number == 2
        assert module_store.get_module(db, "pillars").title == "What {{ prospect.company }} gets"


class DescribeStaleness:
    def it_lists_overdue_approved_modules_and_warns_the_rep(self, small_library, tmp_path):
        db = small_library
        with transaction(db):
            db.execute("UPDATE modules SET review_by = '2020-01-01' WHERE key = 'proof'")
        stale = staleness.stale_modules(db, dt.date(2026, 11, 23))
        assert [(m.status.key, m.days_overdue > 2000) for m in stale] == [("proof", True)]
        plan = build.plan_deck(db, "Acme Clinics", ["pillars", "proof"])
        result = build.build_deck(db, plan, tmp_path / "deck.pptx")
        stale = [f.message for f in result.preflight.warnings if f.check is Check.STALE_MODULE]
        assert len(stale) == 1  # said once, by preflight
        assert "'proof' (v1) was due for review on 2020-01-01" in stale[0]
        governance.mark_reviewed(db, LENA, "proof")
        assert staleness.stale_modules(db) == []
        plan = build.plan_deck(db, "Acme Clinics", ["pillars", "proof"])
        again = build.build_deck(db, plan, tmp_path / "deck.pptx")
        assert not [f for f in again.preflight.warnings if f.check is Check.STALE_MODULE]

    def it_gives_new_modules_a_review_date_from_the_setting(self, db):
        governance.set_rules(db, LENA, review_days=30)
        module = add_module(db, "x", SmartContent(SmartLayout.BULLETS, "X"))
        assert module.review_by == dt.date.today() + dt.timedelta(days=30)


class DescribeGlossaryInDecks:
    def it_fills_glossary_fields_in_slides(self, small_library, tmp_path):
        db = small_library
        set_term(db, LENA, "Qualified lead", "A lead that fits our customer profile")
        add_module(
            db,
            "terms",
            SmartContent(SmartLayout.BULLETS, "Words", bullets=("{{ glossary.qualified_lead }}",)),
        )
        plan = build.plan_deck(db, "Acme Clinics", ["terms"])
        build.build_deck(db, plan, tmp_path / "deck.pptx")
        assert "A lead that fits our customer profile" in all_text(tmp_path / "deck.pptx")


class DescribeConcurrentEdits:
    def it_gives_the_second_of_two_saves_a_conflict(self, draft, tmp_path):
        other = open_db(tmp_path / "library.db")  # a second connection, as another process
        seen_here = state(draft, "pillars").row_version
        seen_there = state(other, "pillars").row_version
        revisions.edit_module(
            draft, LENA, "pillars", ModuleEdit({"title": "Mine"}), expected=seen_here
        )
        with pytest.raises(Conflict, match="changed by someone else"):
            revisions.edit_module(
                other, OWEN, "pillars", ModuleEdit({"title": "Theirs"}), expected=seen_there
            )
        assert state(other, "pillars").title == "Mine"
        assert [v.number for v in revisions.history(other, "pillars").versions] == [2, 1]

    def it_counts_writes_by_code_that_knows_nothing_about_row_versions(self, draft):
        seen = state(draft, "pillars").row_version
        with transaction(draft):
            draft.execute("UPDATE modules SET owner = 'Someone' WHERE key = 'pillars'")
        with pytest.raises(Conflict):
            governance.submit(draft, LENA, "pillars", expected=seen)


class DescribeDesignedModules:
    def it_changes_only_notes_and_metadata_of_a_designed_slide(self, draft):
        with transaction(draft):
            draft.execute("UPDATE module_versions SET kind = 'designed', content = '{}'")
        with pytest.raises(InvalidInput, match="importing the slide again"):
            revisions.edit_module(draft, LENA, "pillars", ModuleEdit({"title": "X"}))
        result = revisions.edit_module(
            draft, LENA, "pillars", ModuleEdit(talking_points="New notes", meta={"tags": ("a",)})
        )
        assert [c.field for c in result.changes] == ["talking_points", "tags"]
        assert module_store.get_module(draft, "pillars").tags == ("a",)
