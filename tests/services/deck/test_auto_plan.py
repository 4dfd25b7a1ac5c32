"""The automatic deck: `--top` is its size, feature slides take the place of the lowest-ranked,
modules whose fields the prospect cannot fill are left out, and every decision is explained."""

from __future__ import annotations

import pytest

from enabler.domain.deck.notes import PlanNoteKind
from enabler.domain.modules import SmartContent as Content
from enabler.domain.modules import SmartLayout as Layout
from enabler.domain.prospects import Prospect, Stage
from enabler.errors import FieldFix, UnfilledField
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.recommend import Recommender
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction
from tests.conftest import add_module
from tests.helpers import all_text


def notes_of(plan, kind):
    return [n for n in plan.notes if n.kind is kind]


# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def no_contact(small_library):
    """Solo Labs: fresh from a CRM import, nobody in its buying committee."""
    with transaction(small_library):
        prospect_store.create(
            small_library,
            Prospect(id=0, company="Solo Labs", stage=Stage.DECISION, owner_rep="Dana Rep"),
        )
    add_module(
        small_library,
        "hello",
        Content(
            Layout.BULLETS, "Hello", bullets=('Hi {{ contact.first_name | default("there") }}',)
        ),
    )
    return small_library


class DescribeDeckSize:
    @pytest.mark.parametrize("top", [3, 10])
    def it_gives_exactly_top_modules_with_the_feature_slides_included(self, demo_db, top):
        plan = plan_deck(demo_db, "Northwind Health", top=top)
        assert len(plan.modules) == top
        assert "roi-business-case" in [
            p.module.key for p in plan_deck(demo_db, "Northwind Health").modules
        ]

    def it_says_what_was_added_and_why(self, demo_db):
        plan = plan_deck(demo_db, "Northwind Health")
        added = {n.module_key: n.reason for n in notes_of(plan, PlanNoteKind.ADDED)}
        assert added["roi-business-case"] == "Northwind Health has a saved business case"
        assert "battlecard" in added["why-us"]
        made_room = notes_of(plan, PlanNoteKind.MADE_ROOM)
        assert made_room and all("kept at 10 modules" in n.reason for n in made_room)

    def it_drops_the_lowest_ranked_content_to_make_room(self, demo_db):
        northwind = prospect_store.find(demo_db, "Northwind Health")
        ranked = Recommender(demo_db).recommend(northwind.id, limit=None, stage_only=True)
        rank = {r.module.key: n for n, r in enumerate(ranked.results)}
        plan = plan_deck(demo_db, "Northwind Health")
        added = {n.module_key for n in notes_of(plan, PlanNoteKind.ADDED)}
        kept = {p.module.key for p in plan.modules} & rank.keys() - added
        dropped = {n.module_key for n in notes_of(plan, PlanNoteKind.MADE_ROOM)} & rank.keys()
        content_kept = [rank[k] for k in kept if "section" not in k and "next-steps" not in k]
        assert dropped and content_kept
        assert max(content_kept) < min(rank[k] for k in dropped)

    def it_keeps_the_opening_and_the_closing(self, demo_db):
        keys = [p.module.key for p in plan_deck(demo_db, "Northwind Health", top=3).modules]
        assert keys[0] == "decision-section" and "decision-next-steps" in keys


class DescribeUnfillableFields:
    def it_leaves_out_a_module_whose_field_has_no_value_and_says_why(self, no_contact):
        plan = plan_deck(no_contact, "Solo Labs")
        keys = [p.module.key for p in plan.modules]
        assert "pillars" not in keys  # "Fewer denials for {{ contact.first_name }}"
        left_out = {n.module_key: n for n in notes_of(plan, PlanNoteKind.LEFT_OUT)}
        note = left_out["pillars"]
        assert note.field == "contact.first_name"
        assert note.fixes == (FieldFix.ADD_CONTACT, FieldFix.TYPE_VALUE)

    def it_keeps_a_module_whose_author_wrote_a_fallback(self, no_contact, tmp_path):
        plan = plan_deck(no_contact, "Solo Labs")
        assert "hello" in [p.module.key for p in plan.modules]
        result = build_deck(no_contact, plan, tmp_path / "solo.pptx")
        assert "Hi there" in all_text(result.path)
        assert not [f for f in result.preflight.findings if f.severity.value == "error"]

    def it_keeps_the_module_when_the_rep_typed_the_value(self, no_contact):
        plan = plan_deck(no_contact, "Solo Labs", overrides={"contact.first_name": "Al"})
        assert "pillars" in [p.module.key for p in plan.modules]
        assert "pillars" not in {n.module_key for n in notes_of(plan, PlanNoteKind.LEFT_OUT)}

    def it_stops_an_explicit_choice_naming_the_field_and_the_fixes(self, no_contact, tmp_path):
        plan = plan_deck(no_contact, "Solo Labs", ["pillars"])
        with pytest.raises(UnfilledField) as caught:
            build_deck(no_contact, plan, tmp_path / "x.pptx")
        assert caught.value.field == "contact.first_name"
        assert caught.value.fixes == (FieldFix.ADD_CONTACT, FieldFix.TYPE_VALUE)
        assert not (tmp_path / "x.pptx").exists()
