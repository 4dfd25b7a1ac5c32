"""Objection library, battlecards and checklist rows in SQLite."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from enabler.domain.battlecards import Battlecard, Differentiator
from enabler.domain.modules import ModuleState, Stage
from enabler.domain.objections import Answer, Objection, ObjectionCategory, ObjectionState
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ObjectionRef
from enabler.errors import NotFound
from enabler.store import battlecards as card_store
from enabler.store import checklist_items as item_store
from enabler.store import objections as store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db, transaction

DAY = dt.date(2026, 11, 20)

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def library(db):
    with transaction(db):
        prospect = prospect_store.create(db, Prospect(id=0, company="Acme", stage=Stage.DECISION))
        store.create_objection(
            db,
            Objection(
                id=0,
                key="price-high",
                text="Too expensive",
                category=ObjectionCategory.PRICE,
                answer=Answer("Fair", "Outcome", "7 months", "Budget year?"),
                stages=(Stage.DECISION,),
                keywords=("discount",),
                proof_modules=("payback",),
                owner="Lena",
                state=ModuleState.APPROVED,
                review_by=dt.date(2027, 3, 31),
            ),
        )
        card_store.create_battlecard(
            db,
            Battlecard(
                id=0,
                competitor="Paperbridge",
                differentiators=(Differentiator("No templates", "11 weeks", "case"),),
                landmines=("How many templates?",),
                state=ModuleState.APPROVED,
            ),
        )
    return db, prospect


def new_item(db, prospect, note="first", state=ObjectionState.RAISED) -> int:
    objection = store.get_objection(db, "price-high")
    with transaction(db):
        return item_store.insert_item(
            db,
            prospect.id,
            objection_id=objection.id,
            state=state,
            note=note,
            reason="Often raised",
            raised_stage=Stage.DECISION,
            actor="Dana",
            today=DAY,
        )


# specs ------------------------------------------------------------------------------------


class DescribeObjectionLibrary:
    def it_stores_and_reads_back_every_field(self, library):
        db, _ = library
        obj = store.get_objection(db, "price-high")
        assert obj.answer == Answer("Fair", "Outcome", "7 months", "Budget year?")
        assert obj.stages == (Stage.DECISION,)
        assert obj.keywords == ("discount",) and obj.proof_modules == ("payback",)
        assert (obj.owner, obj.state, obj.review_by) == (
            "Lena",
            ModuleState.APPROVED,
            dt.date(2027, 3, 31),
        )
        assert store.get_objection(db, obj.id) == obj
        assert store.get_objection(db, ObjectionRef.of(str(obj.id))) == obj
        assert store.get_objection(db, obj.key) == obj  # a bare str is a key as stored

    def it_names_the_closest_key_when_one_is_mistyped(self, library):
        db, _ = library
        with pytest.raises(
            NotFound, match=r"No objection with key 'price-hihg'\. Did you mean 'price-high'"
        ):
            store.get_objection(db, "price-hihg")

    def it_moves_an_objection_through_its_lifecycle_with_an_audit_entry(self, library):
        db, _ = library
        with transaction(db):
            store.set_objection_state(db, "price-high", ModuleState.RETIRED, actor="Lena")
        assert store.get_objection(db, "price-high").state is ModuleState.RETIRED
        assert store.list_objections(db, ModuleState.APPROVED) == []
        rows = db.execute(
            "SELECT actor, after FROM audit_log WHERE entity = 'objection'"
        ).fetchall()
        assert rows[-1] == ("Lena", '{"state": "retired"}')

    def it_refuses_unknown_categories_and_states_in_the_schema(self, library):
        db, _ = library
        for column, value in (("category", "weather"), ("state", "published")):
            row = {"key": f"bad-{column}", "text": "x", "category": "price", "state": "draft"}
            row[column] = value
            with pytest.raises(sqlite3.IntegrityError):
                db["objections"].insert({**row, "created_at": "", "updated_at": ""})


class DescribeBattlecards:
    def it_finds_a_battlecard_whatever_the_case(self, library):
        db, _ = library
        card = card_store.get_battlecard(db, "  PAPERBRIDGE ")
        assert card.competitor == "Paperbridge"
        assert card.differentiators[0].proof_module == "case"

    def it_lists_known_competitors_when_one_is_unknown(self, library):
        db, _ = library
        with pytest.raises(
            NotFound, match=r"No battlecard for 'Oracle'\. Known competitors: Paperbridge"
        ):
            card_store.get_battlecard(db, "Oracle")

    def it_keeps_one_battlecard_per_competitor(self, library):
        db, _ = library
        with pytest.raises(sqlite3.IntegrityError), transaction(db):
            card_store.create_battlecard(db, Battlecard(id=0, competitor="paperbridge"))


class DescribeChecklistItems:
    def it_keeps_notes_of_any_length_and_script_exactly(self, library):
        db, prospect = library
        note = "Línea 1\n  二行目\tמשפט 🙂 \x0b" + "x" * 200_000 + "  "
        item_id = new_item(db, prospect, note=note)
        item = item_store.find_item(db, prospect.id, item_id=item_id)
        assert item.note == note
        assert (item.version, item.changed_on, item.changed_by) == (1, DAY, "Dana")

    def it_changes_a_row_only_at_the_version_it_was_read(self, library, tmp_path):
        db, prospect = library
        item_id = new_item(db, prospect)
        other = open_db(tmp_path / "library.db")  # a second window on the same file
        with transaction(db):
            assert item_store.update_item(
                db,
                item_id,
                expected_version=1,
                state=ObjectionState.ANSWERED,
                note="A's note",
                raised_stage=None,
                actor="A",
                today=DAY,
            )
        with transaction(other):
            assert not item_store.update_item(
                other,
                item_id,
                expected_version=1,
                state=ObjectionState.PARKED,
                note="B's note",
                raised_stage=None,
                actor="B",
                today=DAY,
            )
        item = item_store.find_item(other, prospect.id, item_id=item_id)
        assert (item.state, item.note, item.version) == (ObjectionState.ANSWERED, "A's note", 2)

    def it_keeps_the_note_when_none_is_given_and_records_every_change(self, library):
        db, prospect = library
        item_id = new_item(db, prospect, note="kept")
        with transaction(db):
            item_store.update_item(
                db,
                item_id,
                expected_version=1,
                state=ObjectionState.ANSWERED,
                note=None,
                raised_stage=None,
                actor="Dana",
                today=DAY,
            )
        assert item_store.find_item(db, prospect.id, item_id=item_id).note == "kept"
        changes = [(h["version"], h["state"], h["note"]) for h in item_store.history(db, item_id)]
        assert changes == [(1, "raised", "kept"), (2, "answered", None)]

    def it_allows_one_row_per_library_objection_and_prospect(self, library):
        db, prospect = library
        new_item(db, prospect)
        with pytest.raises(sqlite3.IntegrityError):
            new_item(db, prospect)

    def it_refuses_states_outside_the_allowed_set(self, library):
        db, prospect = library
        item_id = new_item(db, prospect)
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("UPDATE prospect_objections SET state = 'done' WHERE id = ?", [item_id])

    def it_lists_items_that_came_up_with_their_deal(self, library):
        db, prospect = library
        new_item(db, prospect)
        rows = item_store.raised_rows(db)
        assert [(r["key"], r["company"], r["raised_stage"]) for r in rows] == [
            ("price-high", "Acme", "decision")
        ]
