"""Conditional and repeating designed slides."""

from __future__ import annotations

import pytest

from enabler.domain.prospects import Contact
from enabler.errors import InvalidInput, RenderError
from enabler.render.designed.slides import check_rules, instances
from enabler.render.integrity import check_integrity
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.slides import designed as designed_service
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction
from tests.helpers import summary
from tests.render.designed_decks import import_approved, plain_deck

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def committee(small_library):
    """Acme Clinics' buying committee: Jo Buyer (CFO) plus two more."""
    prospect = prospect_store.find(small_library, "Acme Clinics")
    with transaction(small_library):
        for name, title, persona in (("Sam Ops", "COO", "COO"), ("Ana Tech", "CIO", "CIO")):
            prospect_store.add_contact(
                small_library,
                Contact(id=0, prospect_id=prospect.id, name=name, title=title, persona=persona),
            )
    return small_library


@pytest.fixture
def keys(committee, tmp_path):
    """Slide 1 meets one contact; slide 2 is for healthcare; slide 3 for retail."""
    deck = plain_deck(
        tmp_path / "rules.pptx",
        [
            "Meet {{ item.first_name }}, {{ item.title }} ({{ repeat.index }}/{{ repeat.count }})",
            "Healthcare compliance for {{ prospect.company }}",
            "Retail footfall",
        ],
    )
    return import_approved(committee, deck)


def titles(path) -> list[str]:
    """The content slides' titles: after the title slide, before the closing contact slide."""
    rows = [row["texts"][0] for row in summary(path)]
    assert rows[-1] == "Thank you"  # every deck ends on its contact slide
    return rows[1:-1]


class DescribeConditions:
    def it_shows_a_slide_only_when_its_condition_holds(self, committee, keys, tmp_path):
        designed_service.set_rules(
            committee, keys[2], condition='prospect.industry == "Healthcare"'
        )
        designed_service.set_rules(committee, keys[3], condition='prospect.industry == "Retail"')
        plan = plan_deck(committee, "Acme Clinics", [keys[2], keys[3], "pillars"])
        result = build_deck(committee, plan, tmp_path / "d.pptx")
        assert titles(tmp_path / "d.pptx") == [
            "Healthcare compliance for Acme Clinics",
            "What Acme Clinics gets",
        ]
        assert result.slides == 4  # title, two modules, closing

    def it_names_the_module_when_a_condition_uses_a_missing_field(self, committee, keys, tmp_path):
        designed_service.set_rules(committee, keys[3], condition="roi.npv > 0")
        plan = plan_deck(committee, "Acme Clinics", [keys[3]])
        with pytest.raises(RenderError, match=r"retail-footfall.*roi"):
            build_deck(committee, plan, tmp_path / "d.pptx")


class DescribeRepeats:
    def it_adds_one_slide_per_contact_with_the_items_fields(self, committee, keys, tmp_path):
        designed_service.set_rules(committee, keys[1], repeat="contacts")
        plan = plan_deck(committee, "Acme Clinics", [keys[1], "pillars"])
        result = build_deck(committee, plan, tmp_path / "d.pptx")
        assert titles(tmp_path / "d.pptx") == [
            "Meet Jo, CFO (1/3)",
            "Meet Sam, COO (2/3)",
            "Meet Ana, CIO (3/3)",
            "What Acme Clinics gets",
        ]
        assert result.slides == 6  # title, three repeats, one module, closing
        assert check_integrity(tmp_path / "d.pptx").ok

    def it_filters_items_with_the_condition(self, committee, keys, tmp_path):
        designed_service.set_rules(
            committee, keys[1], repeat="contacts", condition='item.persona in ["CFO", "CIO"]'
        )
        build_deck(committee, plan_deck(committee, "Acme Clinics", [keys[1]]), tmp_path / "d.pptx")
        assert titles(tmp_path / "d.pptx") == ["Meet Jo, CFO (1/3)", "Meet Ana, CIO (3/3)"]

    def it_adds_nothing_for_an_empty_list(self, committee, keys, tmp_path):
        designed_service.set_rules(committee, keys[3], repeat="prospect.competitors")
        plan = plan_deck(committee, "Acme Clinics", [keys[3], "pillars"])
        build_deck(committee, plan, tmp_path / "d.pptx")
        assert titles(tmp_path / "d.pptx") == ["What Acme Clinics gets"]

    def it_refuses_a_repeat_over_something_that_is_not_a_list(self, committee, keys, tmp_path):
        designed_service.set_rules(committee, keys[3], repeat="prospect.company")
        plan = plan_deck(committee, "Acme Clinics", [keys[3]])
        with pytest.raises(RenderError, match="not a list"):
            build_deck(committee, plan, tmp_path / "d.pptx")


class DescribeCheckRules:
    @pytest.mark.parametrize(
        "condition",
        ["x }}{{ 7*7", "{% if 1 %}", "prospect.industry ==", "a\nb", "{'a': 1}"],
    )
    def it_refuses_conditions_that_are_not_one_expression(self, condition):
        with pytest.raises(InvalidInput):
            check_rules(condition, "")

    @pytest.mark.parametrize("repeat", ["contacts[0]", "_x", "a..b", "prospect.__class__", "1x"])
    def it_refuses_repeats_that_are_not_dotted_paths(self, repeat):
        with pytest.raises(InvalidInput):
            check_rules("", repeat)

    def it_accepts_sandbox_expressions_and_paths(self):
        check_rules('prospect.industry == "Healthcare" and contact is defined', "roi.scenarios")

    def it_keeps_unsafe_conditions_inside_the_sandbox(self):
        with pytest.raises(RenderError, match="unsafe"):
            instances("''.__class__.__mro__", "", {}, "Module 'x'")
