"""Glossary storage."""

from __future__ import annotations

import dataclasses

import pytest

from enabler.domain.glossary import make_term
from enabler.errors import NotFound
from enabler.store import glossary
from enabler.store.connection.db import transaction


class DescribeGlossaryStore:
    def it_starts_empty_and_round_trips_a_term(self, db):
        assert glossary.list_terms(db) == []
        with transaction(db):
            saved = glossary.put(db, make_term("Qualified lead", "Fits the ICP."), "Lena")
        assert (saved.name, saved.label, saved.definition) == (
            "qualified_lead",
            "Qualified lead",
            "Fits the ICP.",
        )
        assert saved.updated_by == "Lena" and saved.updated_at
        assert glossary.get(db, "qualified_lead") == saved

    def it_replaces_a_definition_and_lists_by_label(self, db):
        with transaction(db):
            glossary.put(db, make_term("opportunity", "Old"), "a")
            glossary.put(db, make_term("Lead", "A contact"), "a")
            glossary.put(db, make_term("Opportunity", "New"), "b")
        terms = glossary.list_terms(db)
        assert [t.label for t in terms] == ["Lead", "Opportunity"]
        assert terms[1].definition == "New" and terms[1].updated_by == "b"

    def it_gives_templates_a_name_to_definition_map(self, db):
        with transaction(db):
            glossary.put(db, make_term("Win rate", "Won / closed"), "a")
        assert glossary.as_context(db) == {"win_rate": "Won / closed"}

    def it_keeps_the_read_only_flag_of_imported_terms(self, db):
        with transaction(db):
            term = dataclasses.replace(make_term("Lead", "x"), read_only=True)
            assert glossary.put(db, term, "pack").read_only

    def it_deletes_and_reports_missing_terms(self, db):
        with transaction(db):
            glossary.put(db, make_term("Lead", "x"), "a")
            glossary.delete(db, "lead")
        assert glossary.find(db, "lead") is None
        with pytest.raises(NotFound, match="No glossary term 'lead'"):
            glossary.get(db, "lead")
