"""Designed slides' rules (condition, repeat) travel in signed packs."""

from __future__ import annotations

import json
import zipfile

import pytest

from enabler.domain.designed import ImportStatus
from enabler.domain.prospects import Contact, Prospect
from enabler.errors import Conflict, InvalidInput
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys
from enabler.services.slides import designed as designed_service
from enabler.services.slides.import_slides import import_slides
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db, transaction
from enabler.store.designed import slides as designed_store
from tests.helpers import summary
from tests.render.designed_decks import import_approved, plain_deck
from tests.services.packs.test_packs import LENA, REP, resign

PROSPECTS = {
    "Mercy Clinics": ("Healthcare", ("Jo Buyer", "Sam Ops")),
    "Corner Shops": ("Retail", ("Ana Tech", "Lee Store", "Kim Floor")),
}


def counts(db) -> dict:
    tables = ("modules", "module_versions", "designed_slides", "audit_log", "pack_imports")
    return {t: db[t].count for t in tables}


def add_prospects(db) -> None:
    """One healthcare prospect with two contacts, one retail prospect with three."""
    with transaction(db):
        for company, (industry, people) in PROSPECTS.items():
            prospect = prospect_store.create(db, Prospect(id=0, company=company, industry=industry))
            for name in people:
                prospect_store.add_contact(
                    db, Contact(id=0, prospect_id=prospect.id, name=name, title="Lead")
                )


def titles(db, company: str, modules: list[str], out) -> list[str]:
    build_deck(db, plan_deck(db, company, modules), out)
    return [row["texts"][0] for row in summary(out)[1:]]


def rules_of(db, key: str) -> tuple[str, str]:
    details = designed_store.designed_details(db, module_store.get_module(db, key).id)
    return (details["condition"], details["repeat"])


def manifest_edit(key: str, change):
    """A resign() edit that applies `change(entry)` to module `key`'s manifest entry."""

    def edit(manifest: dict) -> None:
        for entry in manifest["modules"]:
            if entry["key"] == key:
                change(entry)

    return edit


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def source_deck(tmp_path):
    return plain_deck(
        tmp_path / "rules.pptx",
        [
            "Meet {{ item.first_name }} ({{ repeat.index }})",
            "Compliance for {{ prospect.company }}",
        ],
    )


@pytest.fixture
def publisher(small_library, source_deck, tmp_path):
    """Slide 1 repeats over contacts; slide 2 shows for healthcare only."""
    db = small_library
    add_prospects(db)
    slides = import_approved(db, source_deck)
    designed_service.set_rules(db, slides[1], repeat="contacts")
    designed_service.set_rules(db, slides[2], condition='prospect.industry == "Healthcare"')
    pair = keys.new_key_pair(tmp_path, "hq")
    path = packs.export_pack(db, LENA, tmp_path / "library.zip", pair.private_path).path
    return db, pair, slides, path


@pytest.fixture
def rep_db(tmp_path, publisher):
    db = open_db(tmp_path / "rep.db")
    keys.trust(db, REP, publisher[1].public_path)
    add_prospects(db)
    return db


class DescribeRoundTrip:
    def it_builds_the_same_decks_as_the_source_library(self, publisher, rep_db, tmp_path):
        source, _, slides, path = publisher
        packs.import_pack(rep_db, REP, path)
        wanted = [slides[1], slides[2], "pillars"]
        expected = {
            "Mercy Clinics": ["Meet Jo (1)", "Meet Sam (2)", "Compliance for Mercy Clinics"],
            "Corner Shops": ["Meet Ana (1)", "Meet Lee (2)", "Meet Kim (3)"],
        }
        for n, (company, first) in enumerate(expected.items()):
            ours = titles(source, company, wanted, tmp_path / f"src{n}.pptx")
            theirs = titles(rep_db, company, wanted, tmp_path / f"rep{n}.pptx")
            assert theirs == ours
            assert theirs[: len(first)] == first
            assert theirs[len(first) :] == [f"What {company} gets", "Thank you"]  # + closing

    def it_keeps_imported_rules_read_only(self, publisher, rep_db):
        packs.import_pack(rep_db, REP, publisher[3])
        key = publisher[2][2]
        assert designed_service.designed_info(rep_db, key).condition == (
            'prospect.industry == "Healthcare"'
        )
        with pytest.raises(Conflict, match="read-only"):
            designed_service.set_rules(rep_db, key, condition="")

    def it_lets_the_original_file_be_imported_beside_the_pack(self, publisher, rep_db, source_deck):
        packs.import_pack(rep_db, REP, publisher[3])
        result = import_slides(rep_db, source_deck, thumbnails=False)
        assert [s.status for s in result.slides] == [ImportStatus.CREATED] * 2
        imported = set(publisher[2].values())
        assert imported.isdisjoint(s.module_key for s in result.slides)
        assert module_store.module_status(rep_db, publisher[2][2]).read_only


class DescribeRuleChanges:
    def it_lists_a_rules_change_in_the_preview_and_applies_it(self, publisher, rep_db, tmp_path):
        db, pair, slides, path = publisher
        packs.import_pack(rep_db, REP, path)
        designed_service.set_rules(db, slides[2], condition='prospect.industry == "Retail"')
        designed_service.set_rules(db, slides[1], repeat="")
        second = packs.export_pack(db, LENA, tmp_path / "v2.zip", pair.private_path).path
        preview = packs.import_pack(rep_db, REP, second, dry_run=True)
        assert preview.changed == {
            slides[1]: ("Repeat: contacts → once",),
            slides[2]: (
                'Condition: prospect.industry == "Healthcare" → prospect.industry == "Retail"',
            ),
        }
        assert rules_of(rep_db, slides[1]) == ("", "contacts")
        packs.import_pack(rep_db, REP, second)
        assert rules_of(rep_db, slides[1]) == ("", "")
        assert rules_of(rep_db, slides[2]) == ('prospect.industry == "Retail"', "")
        again = packs.import_pack(rep_db, REP, second)
        assert again.changed == {}

    def it_carries_a_slides_formatting_and_lists_its_change(self, publisher, rep_db, tmp_path):
        db, pair, slides, path = publisher
        packs.import_pack(rep_db, REP, path)
        assert designed_service.designed_info(rep_db, slides[2]).formatting == "source"
        designed_service.set_formatting(db, slides[2], "deck")
        second = packs.export_pack(db, LENA, tmp_path / "v2.zip", pair.private_path).path
        preview = packs.import_pack(rep_db, REP, second, dry_run=True)
        assert preview.changed == {
            slides[2]: ("Formatting: keep source formatting → use the deck's template",)
        }
        packs.import_pack(rep_db, REP, second)
        assert designed_service.designed_info(rep_db, slides[2]).formatting == "deck"
        assert designed_service.designed_info(rep_db, slides[1]).formatting == "source"
        with pytest.raises(Conflict, match="read-only"):
            designed_service.set_formatting(rep_db, slides[2], "source")

    def it_accepts_a_pack_written_before_rules_travelled(self, publisher, rep_db, tmp_path):
        _, pair, slides, path = publisher
        key = keys.load_private_key(pair.private_path)

        def drop_rules(manifest: dict) -> None:
            manifest.pop("sequence", None)  # packs of that time had no sequence either
            for entry in manifest["modules"]:
                entry.pop("rules", None)

        old = resign(path, tmp_path / "old.zip", key, drop_rules)
        result = packs.import_pack(rep_db, REP, old)
        assert set(slides.values()) <= set(result.new)
        assert rules_of(rep_db, slides[2]) == ("", "")
        # A later rule-less pack leaves rules that a newer pack brought alone.
        packs.import_pack(rep_db, REP, path)
        assert rules_of(rep_db, slides[1]) == ("", "contacts")
        # Going back to the old pack is a rollback now: only when asked for.
        assert packs.import_pack(rep_db, REP, old, allow_downgrade=True).changed == {}
        assert rules_of(rep_db, slides[1]) == ("", "contacts")


class DescribeHostileRules:
    @pytest.mark.parametrize(
        ("slide", "change", "reason"),
        [
            (2, {"condition": "x }}{{ 7*7"}, "condition is one expression"),
            (2, {"condition": "prospect.industry =="}, "condition does not parse"),
            (1, {"repeat": "prospect.__class__"}, "dotted path"),
            (1, {"repeat": ["contacts"]}, "malformed slide rules"),
            (1, "contacts", "malformed slide rules"),
        ],
    )
    def it_refuses_rules_the_command_would_refuse(
        self, publisher, rep_db, tmp_path, slide, change, reason
    ):
        _, pair, slides, path = publisher
        key = keys.load_private_key(pair.private_path)

        def edit(entry: dict) -> None:
            entry["rules"] = change if isinstance(change, str) else entry["rules"] | change

        bad = resign(path, tmp_path / "bad.zip", key, manifest_edit(slides[slide], edit))
        before = counts(rep_db)
        with pytest.raises(InvalidInput, match=reason) as caught:
            packs.import_pack(rep_db, REP, bad)
        message = str(caught.value)
        assert f"module {slides[slide]!r}" in message and "Nothing was imported" in message
        assert "\n" not in message
        assert counts(rep_db) == before

    def it_refuses_rules_on_a_module_that_is_not_designed(self, publisher, rep_db, tmp_path):
        _, pair, _, path = publisher
        key = keys.load_private_key(pair.private_path)
        rules = {"condition": "", "repeat": "contacts"}
        bad = resign(
            path,
            tmp_path / "bad.zip",
            key,
            manifest_edit("pillars", lambda e: e.update(rules=rules)),
        )
        before = counts(rep_db)
        with pytest.raises(InvalidInput, match="'pillars' has slide rules but is not a designed"):
            packs.import_pack(rep_db, REP, bad)
        assert counts(rep_db) == before

    def it_writes_rules_only_for_designed_modules(self, publisher):
        with zipfile.ZipFile(publisher[3]) as zf:
            entries = json.loads(zf.read("manifest.json"))["modules"]
        with_rules = {e["key"] for e in entries if "rules" in e}
        assert with_rules == set(publisher[2].values())
