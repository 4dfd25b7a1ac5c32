"""Glossary term names and the local profile (pure rules)."""

from __future__ import annotations

import pytest

from enabler.domain.glossary import make_term, term_name
from enabler.domain.profile import Role, make_profile
from enabler.errors import InvalidInput


class DescribeTermName:
    @pytest.mark.parametrize(
        ("label", "name"),
        [
            ("Qualified lead", "qualified_lead"),
            ("Post-sale", "post_sale"),
            ("  Économie   d'échelle ", "economie_d_echelle"),
            ("MQL (marketing)", "mql_marketing"),
        ],
    )
    def it_makes_a_template_identifier(self, label, name):
        assert term_name(label) == name

    @pytest.mark.parametrize("label", ["", "123 start", "None", "if", "!!!", "class"])
    def it_refuses_labels_templates_could_not_reach(self, label):
        with pytest.raises(InvalidInput):
            term_name(label)

    def it_validates_the_definition(self):
        term = make_term("  Qualified   lead ", "  Fits the ICP.  ")
        assert (term.name, term.label, term.definition) == (
            "qualified_lead",
            "Qualified lead",
            "Fits the ICP.",
        )
        with pytest.raises(InvalidInput, match="definition"):
            make_term("Lead", "   ")
        with pytest.raises(InvalidInput, match="under"):
            make_term("Lead", "x" * 5000)


class DescribeProfile:
    def it_knows_who_may_maintain_the_library(self):
        rep = make_profile(" Dana  Whitfield ", "sales")
        assert rep.name == "Dana Whitfield" and rep.role is Role.SALES
        with pytest.raises(InvalidInput, match="Only marketing can approve"):
            rep.require_marketing("approve modules")
        make_profile("Lena", "marketing").require_marketing("approve modules")

    def it_refuses_unknown_roles_and_empty_names(self):
        with pytest.raises(InvalidInput, match="marketing or sales"):
            make_profile("Lena", "admin")
        with pytest.raises(InvalidInput, match="name"):
            make_profile("  ", "sales")
