"""The Insights page loads its report in the background and shows the numbers (offscreen)."""

from __future__ import annotations

import pytest

from enabler.app.pages.insights.page import InsightsPage
from enabler.services.feedback import ratings as feedback
from enabler.services.library import governance
from enabler.store import decks
from enabler.store import modules as module_store
from enabler.store.connection.db import transaction


@pytest.fixture
def lib(small_library, tmp_path):
    db = small_library
    governance.set_profile(db, "Dana Rep", "sales")
    m = module_store.get_module(db, "pillars")
    prov = {
        "prospect": {"id": 1, "company": "Acme Clinics"},
        "rep": "Dana Rep",
        "modules": [{"module_id": m.id, "version_id": m.current_version_id}],
    }
    with transaction(db):
        decks.record(db, provenance=prov, output_path="x.pptx", sha256="", built_by="Dana Rep")
    feedback.record_outcome(db, "Acme Clinics", "won")
    feedback.rate(db, "pillars", 4, flag="needs_update")
    return db


class DescribeInsightsPage:
    def it_shows_usage_win_rate_and_flags(self, qtbot, lib):
        page = InsightsPage(lib.conn.execute("PRAGMA database_list").fetchone()[2])
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        cells = [page.table.item(0, c).text() for c in range(page.table.columnCount())]
        assert cells[1:3] == ["1", "4.0 (1)"]
        assert page.table.item(0, 0).toolTip() == "pillars"
        assert cells[3].startswith("100% [") and cells[5] == "not enough data"
        assert "open flag" in page.summary.text()
        assert page.usage_plot.labels() == [cells[0]]
        assert page.win_plot.labels() == []  # one closed deck is not enough to claim a rate
        assert "closed decks" in page.win_plot.empty and "Record outcome" in page.win_plot.empty
        assert "enabler outcome" not in page.summary.text()

    def it_records_a_deal_outcome_in_the_app(self, qtbot, lib):
        from enabler.store import feedback as feedback_store

        page = InsightsPage(lib.conn.execute("PRAGMA database_list").fetchone()[2])
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        page.follow_prospect("Acme Clinics")
        page.result_box.setCurrentIndex(1)  # lost
        with qtbot.waitSignal(page.status, timeout=30000):
            page.record_button.click()
        assert [o.value for o in feedback_store.outcomes(lib).values()] == ["lost"]

    def it_explains_an_empty_library(self, qtbot, tmp_path):
        page = InsightsPage(tmp_path / "empty.db")
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        assert page.table.rowCount() == 0
        assert "No feedback yet" in page.summary.text()
        assert "enabler" not in page.summary.text()


class DescribeTeamSection:
    def it_shows_each_rep_by_name_with_win_rate_and_freshness(self, qtbot, lib):
        from tests.services.channel.test_channel_team import DANA, add_reporter, merge, objection

        add_reporter(lib, DANA, "Dana Rep")
        merge(
            lib,
            DANA,
            "dana-1.json",
            "2026-11-01T09:00:00+00:00",
            [
                ("d1", "deck", "2026-11-01T09:00:00+00:00", {"modules": []}),
                ("o1", "outcome", "2026-11-02T09:00:00+00:00", {"result": "won"}),
                ("o2", "outcome", "2026-11-03T09:00:00+00:00", {"result": "lost"}),
                ("x1", "objection", "2026-11-03T09:00:00+00:00", objection("price")),
            ],
        )
        page = InsightsPage(lib.conn.execute("PRAGMA database_list").fetchone()[2])
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        assert not page.team.isHidden() and not page.team_area.isHidden()
        table = page.team.table
        cells = [table.item(0, c).text() for c in range(table.columnCount())]
        assert cells[:4] == ["Dana Rep", "1", "50% of 2", "1"]
        assert cells[4].endswith("day(s) ago")
        assert "1 rep(s) sent field reports · team win rate 50% of 2" in page.team.summary.text()
        assert "2026-11: price 1" in page.team.summary.text()

    def it_stays_hidden_without_field_reports(self, qtbot, lib):
        page = InsightsPage(lib.conn.execute("PRAGMA database_list").fetchone()[2])
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        assert page.team.isHidden()

    def it_gives_its_space_to_the_module_table_when_hidden(self, qtbot, lib):
        page = InsightsPage(lib.conn.execute("PRAGMA database_list").fetchone()[2])
        qtbot.addWidget(page)
        page.resize(1100, 700)
        page.show()
        page.refresh()
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        qtbot.wait(50)  # one layout pass
        assert page.team_area.isHidden()
        # No blank band: the table reaches down to the outcome row.
        gap = page.record_button.geometry().top() - page.table.geometry().bottom()
        assert 0 < gap < 40, gap


class DescribeResearchProposals:
    def it_lets_marketing_accept_research_a_rep_proposed(self, qtbot, lib):
        from enabler.domain.prospects import ReviewState
        from enabler.services import insights

        note = insights.add_insight(lib, "Acme Clinics", "pain", "Audits eat a week a quarter.")
        proposed = insights.promote_insight(lib, note.id, actor="Dana Rep")
        governance.set_profile(lib, "Lena Brandt", "marketing")
        page = InsightsPage(lib.conn.execute("PRAGMA database_list").fetchone()[2])
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.report is not None, timeout=30000)
        assert not page.proposals.isHidden()
        assert page.proposals.list.count() == 1
        assert page.proposals.list.item(0).text().startswith("Audits eat a week a quarter.")
        assert "rep insight on Acme Clinics" in page.proposals.list.item(0).text()
        with qtbot.waitSignal(page.status, timeout=30000) as said:
            page.proposals.accept_button.click()
        assert said.args[0] == f"Segment research #{proposed.id} approved."
        state = insights.segment_research(lib)[0].insight.review_state
        assert state is ReviewState.APPROVED
        qtbot.waitUntil(lambda: page.proposals.isHidden(), timeout=30000)

    def it_leaves_the_decision_to_marketing(self, qtbot, lib):
        from enabler.domain.prospects import ReviewState
        from enabler.services import insights

        note = insights.add_insight(lib, "Acme Clinics", "pain", "Audits eat a week a quarter.")
        insights.promote_insight(lib, note.id, actor="Dana Rep")
        page = InsightsPage(lib.conn.execute("PRAGMA database_list").fetchone()[2])
        qtbot.addWidget(page)
        page.refresh()
        qtbot.waitUntil(lambda: page.proposals.list.count() == 1, timeout=30000)
        with qtbot.waitSignal(page.error, timeout=30000) as said:
            page.proposals.reject_button.click()
        assert said.args[0].startswith("Only marketing reviews segment research")
        assert insights.segment_research(lib)[0].insight.review_state is ReviewState.PENDING
