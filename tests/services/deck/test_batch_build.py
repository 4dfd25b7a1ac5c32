"""One deck per prospect, built in worker processes; one failure does not stop the batch."""

from __future__ import annotations

import pytest
from pptx import Presentation

from enabler.errors import Fix, Hint, InvalidInput
from enabler.services.deck.batch import (
    BatchOptions,
    build_batch,
    build_campaign,
    plan_jobs,
    select_prospects,
)
from enabler.store import prospects as prospect_store
from tests.helpers import all_text


def _db_path(db) -> str:
    return db.conn.execute("PRAGMA database_list").fetchone()[2]


class DescribeSelectProspects:
    def it_takes_everyone_or_the_named_in_order_once(self, demo_db):
        everyone = select_prospects(demo_db, everyone=True)
        assert len(everyone) == len(prospect_store.list_prospects(demo_db)) >= 6
        named = select_prospects(demo_db, ["Summit Credit Union", "northwind health", "5"])
        assert [p.company for p in named] == ["Summit Credit Union", "Northwind Health"]

    def it_narrows_by_stage_and_industry(self, demo_db):
        health = select_prospects(demo_db, everyone=True, industry="healthcare")
        assert {p.company for p in health} == {"Northwind Health", "Meridian Care Partners"}
        deciding = select_prospects(demo_db, everyone=True, stage="Decision", industry="Healthcare")
        assert [p.company for p in deciding] == ["Northwind Health"]

    def it_refuses_an_unknown_stage_or_an_empty_selection(self, demo_db):
        with pytest.raises(InvalidInput, match="Unknown stage 'later'"):
            select_prospects(demo_db, everyone=True, stage="later")
        with pytest.raises(InvalidInput, match="No prospect matches"):
            select_prospects(demo_db, everyone=True, industry="Mining")
        with pytest.raises(InvalidInput, match="choose all of them") as err:
            select_prospects(demo_db)
        assert err.value.hint == Hint(Fix.GIVE, "prospects")


class DescribeBuildBatch:
    def it_builds_a_deck_per_prospect_across_workers(self, demo_db, tmp_path):
        heard = []
        outcomes = build_campaign(
            _db_path(demo_db),
            tmp_path,
            BatchOptions(top=6),
            everyone=True,
            workers=2,
            on_result=lambda outcome, done, total: heard.append((outcome.company, done, total)),
        )
        companies = [p.company for p in prospect_store.list_prospects(demo_db)]
        assert [o.company for o in outcomes] == companies  # job order, whatever finished first
        assert sorted(c for c, _, _ in heard) == sorted(companies)
        assert [d for _, d, _ in heard] == list(range(1, len(companies) + 1))
        for outcome in outcomes:
            assert outcome.ok, outcome.error
            assert outcome.path.parent == tmp_path and " " not in outcome.path.name
            assert len(Presentation(str(outcome.path)).slides) == outcome.slides > 0
            assert outcome.company in all_text(outcome.path)
        recorded = demo_db.execute("SELECT COUNT(*) FROM decks").fetchone()[0]
        assert recorded >= len(companies)

    def it_goes_on_when_one_prospect_fails(self, demo_db, tmp_path):
        chosen = select_prospects(demo_db, ["Northwind Health", "Harborview Bank"])
        jobs = plan_jobs(chosen, tmp_path)
        jobs[0].out.mkdir()  # a folder where the deck should go: that deck cannot be written
        outcomes = build_batch(_db_path(demo_db), jobs, BatchOptions(top=5), workers=2)
        assert not outcomes[0].ok and outcomes[0].error
        assert outcomes[0].path is None and jobs[0].out.is_dir()
        assert outcomes[1].ok and "Harborview Bank" in all_text(outcomes[1].path)

    def it_refuses_a_missing_folder_before_building(self, demo_db, tmp_path):
        jobs = plan_jobs(select_prospects(demo_db, ["Northwind Health"]), tmp_path / "nope")
        with pytest.raises(InvalidInput, match="does not exist"):
            build_batch(_db_path(demo_db), jobs, BatchOptions())
