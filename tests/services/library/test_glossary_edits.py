"""Conflict-safe glossary changes: each names the term as it was read."""

from __future__ import annotations

import dataclasses

import pytest

from enabler.domain.profile import make_profile
from enabler.errors import Conflict, InvalidInput
from enabler.services.library import glossary
from enabler.services.library.glossary_edits import add_term, delete_term, update_term
from enabler.store import glossary as store

LENA = make_profile("Lena Brandt", "marketing")


def definitions(db) -> dict[str, str]:
    return {t.name: t.definition for t in glossary.list_terms(db)}


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def lead(db):
    return add_term(db, LENA, "Qualified lead", "Fits the profile.")


class DescribeAddTerm:
    def it_adds_a_term_under_its_template_name(self, db, lead):
        assert lead.name == "qualified_lead" and lead.updated_by == "Lena Brandt"
        assert definitions(db) == {"qualified_lead": "Fits the profile."}

    def it_refuses_a_second_term_with_the_same_name(self, db, lead):
        with pytest.raises(Conflict, match="already has 'Qualified lead'"):
            add_term(db, LENA, "qualified  LEAD", "Other")
        assert definitions(db) == {"qualified_lead": "Fits the profile."}

    def it_passes_on_the_validation_sentence(self, db):
        with pytest.raises(InvalidInput, match="Write a definition"):
            add_term(db, LENA, "Lead", "  ")


class DescribeUpdateTerm:
    def it_changes_the_definition_it_was_shown(self, db, lead):
        after = update_term(db, LENA, lead, "Qualified lead", "Fits and has a sponsor.")
        assert after.definition == "Fits and has a sponsor."
        assert definitions(db) == {"qualified_lead": "Fits and has a sponsor."}

    def it_renames_when_the_label_makes_a_new_name(self, db, lead):
        update_term(db, LENA, lead, "Sales qualified lead", "Accepted by a rep.")
        assert definitions(db) == {"sales_qualified_lead": "Accepted by a rep."}

    def it_refuses_to_overwrite_a_change_made_since(self, db, lead):
        glossary.set_term(db, LENA, "Qualified lead", "Changed by Owen.")
        with pytest.raises(Conflict, match="changed or removed by someone else"):
            update_term(db, LENA, lead, "Qualified lead", "Mine")
        assert definitions(db) == {"qualified_lead": "Changed by Owen."}

    def it_refuses_a_rename_onto_another_term(self, db, lead):
        add_term(db, LENA, "Lead", "Anyone interested.")
        with pytest.raises(Conflict, match="already has 'Lead'"):
            update_term(db, LENA, lead, "Lead", "Merged")
        assert definitions(db) == {"lead": "Anyone interested.", "qualified_lead": lead.definition}


class DescribeDeleteTerm:
    def it_removes_the_term_it_was_shown(self, db, lead):
        delete_term(db, LENA, lead)
        assert definitions(db) == {}

    def it_refuses_when_the_term_changed_since(self, db, lead):
        stale = dataclasses.replace(lead, definition="What it said before")
        with pytest.raises(Conflict):
            delete_term(db, LENA, stale)
        assert store.find(db, "qualified_lead") is not None
