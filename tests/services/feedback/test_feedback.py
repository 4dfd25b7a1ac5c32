"""Ratings, flags, outcomes and the insights report against a real library file."""

from __future__ import annotations

import csv
import datetime as dt

import pytest

from enabler.domain.feedback import FlagKind, Outcome
from enabler.domain.modules import Stage
from enabler.domain.prospects import Prospect
from enabler.errors import InvalidInput, NotFound
from enabler.services import recommend
from enabler.services.feedback import ratings as feedback
from enabler.services.feedback import report as feedback_report
from enabler.services.library import governance
from enabler.store import decks, reviews
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction


@pytest.fixture
def lib(small_library):
    governance.set_profile(small_library, "Dana Rep", "sales")
    return small_library


def _deck(db, prospect, keys, rep="Dana Rep"):
    mods = [module_store.get_module(db, k) for k in keys]
    prov = {
        "prospect": {"id": prospect.id, "company": prospect.company},
        "rep": rep,
        "modules": [{"module_id": m.id, "version_id": m.current_version_id} for m in mods],
    }
    with transaction(db):
        decks.record(db, provenance=prov, output_path="x.pptx", sha256="", built_by=rep)


def _history(db):
    """24 deals: 'proof' in 12 of them (10 won), not in the other 12 (2 won)."""
    for i in range(24):
        with transaction(db):
            p = prospect_store.create(
                db, Prospect(id=0, company=f"Co {i}", industry="Retail", stage=Stage.DECISION)
            )
        _deck(db, p, ["pillars", "proof"] if i < 12 else ["pillars"], rep="Ana" if i % 2 else "Ben")
        won = i < 10 or 12 <= i < 14
        feedback.record_outcome(db, p.company, "won" if won else "lost", date="2026-10-01")


class DescribeRate:
    def it_stores_a_rating_for_the_current_version(self, lib):
        r = feedback.rate(lib, "pillars", "4")
        module = module_store.get_module(lib, "pillars")
        assert (r.rating, r.version_id, r.flag) == (4, module.current_version_id, None)
        assert feedback.open_flags(lib) == []

    def it_puts_flags_in_marketings_review_trail(self, lib):
        feedback.rate(lib, "proof", 2, flag="wrong-claim", comment="Screenshot is old")
        flags = feedback.open_flags(lib)
        assert [(f["key"], f["flag"], f["author"]) for f in flags] == [
            ("proof", "wrong_claim", "Dana Rep")
        ]
        module = module_store.get_module(lib, "proof")
        trail = reviews.events(lib, module.id)
        assert trail[-1].action == "comment"
        assert "wrong claim" in trail[-1].comment and "Screenshot is old" in trail[-1].comment

    @pytest.mark.parametrize("bad", [0, 6, "five"])
    def it_rejects_ratings_outside_one_to_five(self, lib, bad):
        with pytest.raises(InvalidInput, match="1 to 5"):
            feedback.rate(lib, "pillars", bad)
        assert lib["feedback"].count == 0

    def it_needs_the_industry_for_a_missing_flag(self, lib):
        with pytest.raises(InvalidInput, match="which industry"):
            feedback.rate(lib, "pillars", 3, flag=FlagKind.MISSING_FOR_INDUSTRY)

    def it_says_when_the_module_is_unknown(self, lib):
        with pytest.raises(NotFound, match="No module"):
            feedback.rate(lib, "nope", 3)


class DescribeOutcome:
    def it_records_and_replaces_an_outcome(self, lib):
        first = feedback.record_outcome(lib, "acme clinics", "no-decision", reason="Budget")
        assert first.result is Outcome.NO_DECISION and first.replaced is None
        again = feedback.record_outcome(lib, "Acme Clinics", "won", date="2026-11-02")
        assert (again.replaced, again.date) == ("no_decision", dt.date(2026, 11, 2))
        assert lib["outcomes"].count == 1

    def it_refuses_unknown_prospects(self, lib):
        with pytest.raises(NotFound, match="No prospect named 'Ghost'"):
            feedback.record_outcome(lib, "Ghost", "won")
        assert lib["outcomes"].count == 0


class DescribeReport:
    def it_is_sensible_over_an_empty_library(self, db):
        rep = feedback_report.build_report(db)
        assert rep.empty and rep.modules == ()
        assert rep.outcomes == {"won": 0, "lost": 0, "no_decision": 0}
        assert any("No win-rate claims yet" in line for line in rep.insights)

    def it_relates_module_usage_to_outcomes(self, lib):
        _history(lib)
        rep = feedback_report.build_report(lib)
        by_key = {m.key: m for m in rep.modules}
        proof = by_key["proof"].win
        assert (proof.used, proof.used_won, proof.rest, proof.rest_won) == (12, 10, 12, 2)
        assert proof.rate_used == pytest.approx(10 / 12) and proof.rate_rest == pytest.approx(
            2 / 12
        )
        assert proof.verdict == "better"  # Wilson: 0.552 above 0.448
        assert by_key["pillars"].win.verdict == "not enough data"  # in every deck
        assert rep.modules[0].key == "proof"
        assert rep.usage_by_rep["Ana"] == {"pillars": 12, "proof": 6}
        assert rep.outcomes == {"won": 12, "lost": 12, "no_decision": 0}
        assert any("Decks with proof won 83% of 12" in line for line in rep.insights)

    def it_counts_rebuilds_of_one_plan_as_one_deck(self, lib):
        acme = prospect_store.find(lib, "Acme Clinics")
        for _ in range(5):  # five test builds of the same plan
            _deck(lib, acme, ["pillars", "proof"])
        _deck(lib, acme, ["pillars"])  # a different plan is another deck
        by_key = {m.key: m for m in feedback_report.build_report(lib).modules}
        assert (by_key["pillars"].decks, by_key["proof"].decks) == (2, 1)

    def it_exports_the_same_numbers_as_csv(self, lib, tmp_path):
        _history(lib)
        feedback.rate(lib, "proof", 1, flag="needs_update")
        rep = feedback_report.build_report(lib)
        path = feedback_report.export_csv(rep, tmp_path / "insights.csv")
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
        cell = {(r["section"], r["item"], r["metric"]): r["value"] for r in rows}
        assert cell[("module", "proof", "win_rate_with")] == "0.8333"
        assert cell[("module", "proof", "open_flags.needs_update")] == "1"
        assert cell[("outcomes", "won", "deals")] == "12"


class DescribeModuleRatings:
    def it_feeds_recommendations_once_there_are_enough_ratings(self, lib):
        for stars in (5, 4):
            feedback.rate(lib, "pillars", stars)
        assert feedback.module_ratings(lib) == {}
        feedback.rate(lib, "pillars", 3)
        pillars = module_store.get_module(lib, "pillars").id
        assert feedback.module_ratings(lib) == {pillars: 4.0}
        assert recommend.ratings(lib) == {pillars: 4.0}
