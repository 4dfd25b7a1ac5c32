"""A release's modules and library items land together or not at all, and hostile library
entries from a trusted publisher are refused before anything is written."""

from __future__ import annotations

import pytest

from enabler.errors import InvalidInput
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys
from enabler.store import insights as insight_store
from enabler.store import modules as module_store
from enabler.store.connection.db import open_db
from tests.reliability.helpers import dump
from tests.services.packs.marketing_library import add_marketing_items, library_view
from tests.services.packs.test_packs import LENA, REP, resign


@pytest.fixture
def hq(small_library, tmp_path):
    add_marketing_items(small_library)
    pair = keys.new_key_pair(tmp_path, "hq")
    path = packs.export_pack(small_library, LENA, tmp_path / "r1.zip", pair.private_path).path
    return pair, path


@pytest.fixture
def rep(tmp_path, hq):
    db = open_db(tmp_path / "rep.db")
    keys.trust(db, REP, hq[0].public_path)
    return db


class DescribeOneTransaction:
    def it_leaves_modules_out_when_a_library_item_fails_to_save(self, hq, rep, monkeypatch):
        def broken(*args, **kwargs):
            raise OSError("disk went away")

        monkeypatch.setattr(insight_store, "add_insight", broken)
        before = dump(rep)
        with pytest.raises(OSError, match="disk went away"):
            packs.import_pack(rep, REP, hq[1])
        assert dump(rep) == before
        assert not module_store.module_exists(rep, "proof")
        assert library_view(rep)["objections"] == {}

        monkeypatch.undo()
        packs.import_pack(rep, REP, hq[1])
        assert module_store.module_exists(rep, "proof")
        assert library_view(rep)["segment_research"]


class DescribeOversizeEntries:
    @pytest.mark.parametrize(
        ("section", "field", "value", "reason"),
        [
            ("objections", "keywords", ["k"] * 201, "keywords list that is too long"),
            ("objections", "key", "k" * 201, "key longer than 200"),
            ("objections", "answer", {"reframe": ["nested"]}, "reframe that is not text"),
            ("objections", "answer", "just say yes", "answer that is not an object"),
            ("objections", "text", "nul\x00byte", "NUL character"),
            ("battlecards", "win_loss", [{"outcome": "draw"}], "unknown outcome"),
            ("criteria", "proof", {"modules": [{"deep": [1]}]}, "modules list"),
            ("plan_templates", "steps", [{"name": "x", "offset_days": 10**9}], "offset_days"),
            ("segment_research", "date", "yesterday", "invalid date .not a YYYY-MM-DD"),
            ("recommend_weights", "weight", float("nan"), "weight outside"),
            ("recommend_weights", "weight", 10**400, "weight outside"),
            ("objections", "key", "line\nbreak", "key with control characters"),
            ("battlecards", "competitor", " Rival ", "surrounding blanks"),
        ],
    )
    def it_refuses_them_naming_section_and_entry(
        self, hq, rep, tmp_path, section, field, value, reason
    ):
        def edit(manifest):
            manifest[section][0][field] = value

        key = keys.load_private_key(hq[0].private_path)
        bad = resign(hq[1], tmp_path / "bad.zip", key, edit)
        before = dump(rep)
        with pytest.raises(InvalidInput, match=f"{section} entry 1 .*{reason}"):
            packs.import_pack(rep, REP, bad)
        assert dump(rep) == before
