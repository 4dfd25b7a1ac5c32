"""The fields a plan's modules use, their values, and overrides that fill them."""

from __future__ import annotations

import pytest

from enabler.domain.deck.plan import PlannedModule
from enabler.domain.modules import Module, ModuleKind, ModuleState, ModuleVersion
from enabler.domain.modules import SmartContent as Content
from enabler.domain.modules import SmartLayout as Layout
from enabler.domain.prospects import Prospect, Stage
from enabler.errors import RenderError
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.deck.plan_fields import (
    lookup,
    module_fields,
    placeholder_overrides,
    plan_fields,
    unfilled,
)
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction
from tests.conftest import add_module
from tests.helpers import all_text


def by_name(fields):
    return {f.name: f for f in fields}


# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def offer(small_library):
    """A module whose fields the library cannot fill: a typed offer and an empty region."""
    add_module(
        small_library,
        "offer",
        Content(
            Layout.BULLETS,
            "Our offer",
            bullets=("{{ fields.offer }} until {{ deadline }}", "Region: {{ prospect.region }}"),
        ),
    )
    return small_library


@pytest.fixture
def no_contact(small_library):
    with transaction(small_library):
        prospect_store.create(
            small_library,
            Prospect(id=0, company="Solo Labs", stage=Stage.DECISION, owner_rep="Dana Rep"),
        )
    return small_library


class DescribePlanFields:
    def it_lists_each_field_with_its_value_and_the_modules_using_it(self, small_library):
        plan = plan_deck(small_library, "Acme Clinics", ["why-section", "pillars"])
        fields = by_name(plan_fields(small_library, plan))
        assert set(fields) == {"prospect.company", "prospect.top_pain", "contact.first_name"}
        company = fields["prospect.company"]
        assert company.value == "Acme Clinics" and company.filled and company.editable
        assert company.modules == ("why-section", "pillars")
        assert fields["prospect.top_pain"].value == "Slow claims"  # from the talking points
        assert fields["contact.first_name"].modules == ("pillars",)
        assert not unfilled(list(fields.values()))

    def it_marks_missing_and_empty_values_unfilled_and_lists_them_first(self, offer):
        plan = plan_deck(offer, "Acme Clinics", ["pillars", "offer"])
        fields = plan_fields(offer, plan)
        assert [f.name for f in unfilled(fields)] == ["deadline", "fields.offer", "prospect.region"]
        assert fields[:3] == unfilled(fields)
        assert all(f.editable and f.value == "" for f in unfilled(fields))

    def it_fills_fields_from_overrides_and_the_deck_shows_them(self, offer, tmp_path):
        overrides = {"fields.offer": "20% off", "deadline": "June", "prospect.region": "EMEA"}
        plan = plan_deck(offer, "Acme Clinics", ["offer"], overrides=overrides)
        fields = by_name(plan_fields(offer, plan))
        assert fields["fields.offer"].value == "20% off" and fields["fields.offer"].overridden
        assert not unfilled(list(fields.values()))
        text = all_text(build_deck(offer, plan, tmp_path / "offer.pptx").path)
        assert "20% off until June" in text and "Region: EMEA" in text

    def it_replaces_a_library_value_with_a_typed_one(self, small_library, tmp_path):
        plan = plan_deck(
            small_library, "Acme Clinics", ["pillars"], overrides={"contact.first_name": "Joanna"}
        )
        assert by_name(plan_fields(small_library, plan))["contact.first_name"].value == "Joanna"
        text = all_text(build_deck(small_library, plan, tmp_path / "d.pptx").path)
        assert "Fewer denials for Joanna" in text

    def it_fills_a_contact_field_for_a_prospect_without_contacts(self, no_contact, tmp_path):
        plan = plan_deck(no_contact, "Solo Labs", ["pillars"])
        field = by_name(plan_fields(no_contact, plan))["contact.first_name"]
        assert not field.filled and field.editable
        with pytest.raises(RenderError, match=r"contact\.first_name"):
            build_deck(no_contact, plan, tmp_path / "fails.pptx")
        plan = plan_deck(
            no_contact, "Solo Labs", ["pillars"], overrides={"contact.first_name": "Al"}
        )
        assert by_name(plan_fields(no_contact, plan))["contact.first_name"].filled
        text = all_text(build_deck(no_contact, plan, tmp_path / "d.pptx").path)
        assert "Fewer denials for Al" in text
        assert "Prepared for Al" in text  # the title slide has a whole contact to show

    def it_keeps_values_from_data_read_only(self, demo_db):
        plan = plan_deck(demo_db, "Northwind Health")
        fields = by_name(plan_fields(demo_db, plan))
        payback = fields["roi.payback_text"]
        assert payback.filled and not payback.editable  # the ROI model owns it
        assert fields["rep.contact_line"].editable

    def it_gives_visible_stand_ins_for_unfilled_fields(self, offer):
        plan = plan_deck(offer, "Acme Clinics", ["offer"])
        stand_ins = placeholder_overrides(plan_fields(offer, plan))
        assert stand_ins == {
            "deadline": "[deadline]",
            "fields.offer": "[fields.offer]",
            "prospect.region": "[prospect.region]",
        }


class DescribeModuleFields:
    def it_reads_the_fields_a_designed_module_recorded(self):
        module = Module(1, "d", "Designed", ModuleState.APPROVED, "M")
        version = ModuleVersion(
            1, 1, 1, ModuleKind.DESIGNED, None, fields=("prospect.company", "contact.name")
        )
        assert module_fields(PlannedModule(module, version)) == ("contact.name", "prospect.company")

    def it_ignores_names_bound_inside_the_text(self):
        module = Module(1, "s", "Smart", ModuleState.APPROVED, "M")
        content = Content(Layout.BULLETS, "{% for c in contacts %}{{ c.name }}{% endfor %}")
        version = ModuleVersion(1, 1, 1, ModuleKind.SMART, content)
        assert module_fields(PlannedModule(module, version)) == ("contacts",)


class DescribeLookup:
    def it_follows_dotted_names_through_dicts_and_lists(self):
        ctx = {"a": {"b": [{"c": 3}]}}
        assert lookup(ctx, "a.b.0.c") == 3
        assert lookup(ctx, "a.x") is not None and lookup(ctx, "a.x") is lookup(ctx, "z")
