"""Parsing what a user typed into a typed reference (enabler/domain/refs.py)."""

from __future__ import annotations

import pytest

from enabler.domain.refs import (
    CriterionRef,
    CustomItemRef,
    ModuleRef,
    ObjectionRef,
    ProspectRef,
    did_you_mean,
    is_id_text,
    item_ref,
)


class DescribeRefOf:
    def it_reads_digits_as_an_id_that_may_also_be_a_name(self):
        ref = ProspectRef.of(" 42 ")
        assert (ref.id, ref.name) == (42, "42")

    def it_reads_anything_else_as_a_stripped_name(self):
        assert ProspectRef.of("  Acme Corp ") == ProspectRef(name="Acme Corp")
        assert ModuleRef.of("roi-summary") == ModuleRef(name="roi-summary")
        assert ProspectRef.of("3M").id is None
        assert ProspectRef.of("-4").id is None
        assert ProspectRef.of("4.0").id is None

    def it_takes_an_int_as_an_id_only(self):
        assert ModuleRef.of(7) == ModuleRef(id=7)

    def it_does_not_take_other_digits_for_an_id(self):
        # '²' and Arabic-Indic digits pass str.isdigit but int() refuses them.
        assert ProspectRef.of("²").id is None
        assert ProspectRef.of("٣").id is None
        assert not is_id_text("")

    def it_keeps_an_empty_text_as_an_empty_name(self):
        assert ProspectRef.of("   ") == ProspectRef(name="")

    def it_passes_a_ref_of_its_own_kind_through(self):
        ref = ProspectRef.by_id(3)
        assert ProspectRef.of(ref) is ref

    def it_refuses_a_ref_of_another_kind_and_booleans(self):
        with pytest.raises(TypeError):
            ProspectRef.of(ModuleRef.by_id(3))  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            ModuleRef.of(True)

    def it_needs_an_id_or_a_name(self):
        with pytest.raises(ValueError, match="needs an id or a key"):
            ObjectionRef()


class DescribeExplicitRefs:
    def it_keeps_an_all_digit_key_a_key_when_told(self):
        assert CriterionRef.by_name(" 2024 ") == CriterionRef(name="2024")
        assert CriterionRef.by_name("2024").id is None

    def it_shows_what_the_user_typed(self):
        assert str(ProspectRef.of("Acme")) == "Acme"
        assert str(ProspectRef.of("12")) == "12"
        assert str(ModuleRef.by_id(5)) == "5"


class DescribeKinds:
    @pytest.mark.parametrize(
        ("ref", "kind", "field", "topic"),
        [
            (ProspectRef, "prospect", "name", "prospects"),
            (ModuleRef, "module", "key", "modules"),
            (CriterionRef, "criterion", "key", "criteria_library"),
            (ObjectionRef, "objection", "key", "objections"),
        ],
    )
    def it_knows_its_words(self, ref, kind, field, topic):
        assert (ref.kind, ref.name_field, ref.topic) == (kind, field, topic)

    def it_matches_company_names_in_any_case_but_keys_exactly(self):
        assert ProspectRef.ignore_case
        assert not ModuleRef.ignore_case


class DescribeDidYouMean:
    def it_names_the_closest_known_text(self):
        assert did_you_mean("Acme Crop", ["Acme Corp", "Globex"]) == " Did you mean 'Acme Corp'?"

    def it_says_nothing_when_nothing_is_close(self):
        assert did_you_mean("Zzz", ["Acme Corp"]) == ""


class DescribeChecklistItems:
    def it_reads_custom_n_in_any_case_as_the_reps_own_item(self):
        assert CustomItemRef.parse(" Custom-12 ") == CustomItemRef(12)
        assert str(CustomItemRef(12)) == "custom-12"

    def it_leaves_other_text_to_the_library(self):
        assert CustomItemRef.parse("custom-") is None
        assert CustomItemRef.parse("my-custom-3") is None
        assert item_ref("pricing", CriterionRef) == CriterionRef(name="pricing")
        assert item_ref("7", ObjectionRef) == ObjectionRef(id=7, name="7")
        assert item_ref("custom-7", ObjectionRef) == CustomItemRef(7)

    def it_passes_typed_refs_through(self):
        ref = ObjectionRef.by_name("price-high")
        assert item_ref(ref, ObjectionRef) is ref
