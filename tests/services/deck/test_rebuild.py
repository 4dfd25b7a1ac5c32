"""Rebuilding a deck whose modules were retired: same prospect, order and fields, replacements
in place, written beside the old deck (which stays as it was)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from pptx import Presentation

from enabler.domain.profile import make_profile
from enabler.errors import NotFound
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.deck.rebuild import rebuild_deck, rebuild_plan, stale_deck_ids
from enabler.services.library import governance
from tests.conftest import run_cli
from tests.helpers import all_text

OWEN = make_profile("Owen Park", "marketing")
TODAY = dt.date(2026, 12, 7)


class DescribeRebuild:
    def it_swaps_retired_modules_and_writes_beside_the_old_deck(self, demo_db, old_deck):
        deck_id, path, keys = old_deck
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        assert deck_id in stale_deck_ids(demo_db)
        done = rebuild_deck(demo_db, deck_id, today=TODAY)
        assert done.path == path.with_name("Northwind (rebuilt 2026-12-07).pptx")
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before
        expected = [k for k in keys if k != keys[2]]
        expected[expected.index(keys[1])] = "payback-benchmark"
        assert list(done.plan.keys) == expected
        assert done.plan.replaced == ((keys[1], "payback-benchmark"),)
        assert done.plan.dropped == (keys[2],)
        text = all_text(done.path)
        assert "Payback in under a year" in text and "Northwind Health" in text
        assert len(Presentation(str(done.path)).slides) == done.slides
        again = rebuild_deck(demo_db, deck_id, today=TODAY)  # never over an existing file
        assert again.path.name == "Northwind (rebuilt 2026-12-07) 2.pptx"

    def it_refuses_what_it_cannot_rebuild(self, demo_db):
        with pytest.raises(NotFound):
            rebuild_plan(demo_db, 9999)

    def it_rebuilds_every_stale_deck_from_the_command_line(self, demo_db, old_deck):
        deck_id, path, _keys = old_deck
        db_file = demo_db.conn.execute("PRAGMA database_list").fetchone()[2]
        done = run_cli("rebuild", "--stale", "--db", db_file)
        assert done.returncode == 0, done.stderr
        assert f"Deck {deck_id} rebuilt:" in done.stdout and "payback-benchmark" in done.stdout
        assert list(path.parent.glob("Northwind (rebuilt *).pptx"))
        both = run_cli("rebuild", "--db", db_file)
        assert both.returncode == 1 and "Give a deck id or --stale" in both.stderr


# fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def old_deck(demo_db, tmp_path):
    """A Northwind deck built before two of its modules were retired (one replaced)."""
    plan = plan_deck(demo_db, "Northwind Health")
    path = tmp_path / "decks" / "Northwind.pptx"
    path.parent.mkdir()
    result = build_deck(demo_db, plan, path)
    keys = [p.module.key for p in plan.modules]
    assert "payback-benchmark" not in keys
    governance.retire(demo_db, OWEN, keys[1], replacement="payback-benchmark", comment="Newer")
    governance.retire(demo_db, OWEN, keys[2], no_replacement=True, comment="Gone")
    return result.deck_id, path, keys
