"""The demo's months of past use: enough closed decks for win-rate findings, on first start."""

from __future__ import annotations

import pytest

from enabler.domain import feedback as fb
from enabler.services.demo.history import load_history_demo
from enabler.services.demo.library import DEMO_DIR
from enabler.services.feedback import report as feedback_report
from enabler.services.objections.counts import raised_counts
from enabler.store import feedback as store
from enabler.store.connection.db import transaction


class DescribeDemoHistory:
    def it_gives_several_modules_ten_closed_decks_with_and_without(self, history_db):
        report = feedback_report.build_report(history_db)
        both = [m.key for m in report.modules if m.win.used >= 10 and m.win.rest >= 10]
        assert len(both) >= 3, both
        claims = [m for m in report.modules if m.win.verdict in ("better", "worse")]
        assert claims and claims[0].win.interval_used is not None
        assert any("closed deals" in line and "(better)" in line for line in report.insights)

    def it_spreads_use_over_reps_months_and_objections(self, history_db):
        decks = store.deck_uses(history_db)
        assert len({d.rep for d in decks}) == 4
        months = {r[0][:7] for r in history_db.execute("SELECT built_at FROM decks")}
        assert len(months) >= 5
        results = set(store.outcomes(history_db).values())
        assert results == {fb.Outcome.WON, fb.Outcome.LOST, fb.Outcome.NO_DECISION}
        for dimension in ("stage", "industry", "competitor"):
            assert len(raised_counts(history_db, by=dimension)) >= 2, dimension
        assert len(store.open_flags(history_db)) == 3
        assert len(store.rating_rows(history_db)) >= 40

    def it_is_deterministic_and_runs_once(self, history_db, demo_db):
        with transaction(demo_db):
            load_history_demo(demo_db, DEMO_DIR)
        assert _summary(demo_db) == _summary(history_db)
        with transaction(history_db):
            load_history_demo(history_db, DEMO_DIR)  # again: nothing added
        assert _summary(demo_db) == _summary(history_db)


def _summary(db) -> tuple:
    decks = [(d.prospect_id, sorted(d.module_ids), d.rep) for d in store.deck_uses(db)]
    outcomes = sorted((pid, o.value) for pid, o in store.outcomes(db).items())
    return decks, outcomes, sorted(store.rating_rows(db))


# fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def history_db(demo_db, tmp_path):
    from enabler.store.connection.db import open_db

    dest = tmp_path / "history.db"
    demo_db.conn.execute("VACUUM INTO ?", [str(dest)])
    db = open_db(dest)
    with transaction(db):
        load_history_demo(db, DEMO_DIR)
    return db
