"""Library ▸ Stale: overdue modules (made overdue by the tests: the demo's dates are in 2027),
marking them reviewed, decks built with retired modules, and the jump to the Modules tab."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.services.library import governance
from enabler.store import decks
from enabler.store.connection.db import transaction
from tests.app.conftest import wait_ops
from tests.app.library_support import OWEN, act, load, other, status, testers


@pytest.fixture
def library(app_window):
    return app_window.pages["Library"]


@pytest.fixture
def stale(library):
    tab = library.tab["Stale"]
    tab.checks = testers(tab.model, tab.decks)
    return tab


class DescribeStaleTab:
    def it_says_why_the_demo_list_is_empty(self, qtbot, stale):
        load(qtbot, stale)
        assert stale.model.rowCount() == 0 and stale.view.isHidden()
        text = stale.empty.text()
        assert "Nothing is past its review-by date" in text and "2027-01-31" in text
        assert not stale.no_decks.isHidden()

    def it_lists_a_module_made_stale_and_marks_it_reviewed(self, qtbot, stale, app_window):
        db = other(app_window)
        with transaction(db):
            db.execute("UPDATE modules SET review_by = '2020-01-31' WHERE key = 'why-us'")
        load(qtbot, stale)
        assert [m.status.key for m in stale.model.items()] == ["why-us"]
        assert stale.model.index(0, 4).data() == str((dt.date.today() - dt.date(2020, 1, 31)).days)
        until = dt.date.today() + dt.timedelta(days=30)
        stale.until.setDate(until)
        said = act(qtbot, stale, stale.reviewed_button.click)
        assert said == f"why-us reviewed; next review by {until.isoformat()}."
        assert status(app_window, "why-us").review_by == until
        assert stale.model.rowCount() == 0

    def it_lists_decks_built_with_retired_modules(self, qtbot, stale, app_window):
        db = other(app_window)
        version = status(app_window, "pricing-approach").current_version_id
        prospect = db.execute("SELECT id FROM prospects ORDER BY id LIMIT 1").fetchone()[0]
        with transaction(db):
            decks.record(
                db,
                provenance={"prospect": {"id": prospect}, "modules": [{"version_id": version}]},
                output_path="/tmp/deck.pptx",
                sha256="",
                built_by="Dana Rep",
            )
        governance.retire(db, OWEN, "pricing-approach", replacement="why-us")
        load(qtbot, stale)
        assert stale.decks.rowCount() == 1
        assert [stale.decks.index(0, c).data() for c in (3, 4, 5)] == [
            "Dana Rep",
            "pricing-approach",
            "why-us",
        ]

    def it_opens_a_stale_module_in_the_modules_tab(self, qtbot, library, stale, app_window):
        db = other(app_window)
        with transaction(db):
            db.execute("UPDATE modules SET review_by = '2021-05-01' WHERE key = 'integrations'")
        library.show_tab("Stale")
        wait_ops(qtbot, stale)
        modules = library.tab["Modules"]
        with qtbot.waitSignal(modules.detail.loaded, timeout=30000):
            stale.open_button.click()
        wait_ops(qtbot, modules)
        assert library.tabs.currentWidget() is modules
        assert modules.detail.key == "integrations"
        assert "review by 2021-05-01" in modules.detail.header.text()


class DescribeRebuildingFromTheStaleTab:
    def it_rebuilds_the_selected_deck_beside_the_old_one(self, qtbot, stale, app_window, tmp_path):
        from enabler.services.deck.build import build_deck, plan_deck
        from tests.helpers import all_text

        db = other(app_window)
        plan = plan_deck(db, "Northwind Health")
        old = tmp_path / "Northwind.pptx"
        build_deck(db, plan, old)
        retired = plan.modules[1].module.key
        governance.retire(db, OWEN, retired, replacement="payback-benchmark")
        load(qtbot, stale)
        assert not stale.rebuild_button.isEnabled()  # nothing selected yet
        stale.deck_view.setCurrentIndex(stale.decks.index(0, 0))
        assert stale.rebuild_button.isEnabled()
        said = act(qtbot, stale, stale.rebuild_button.click)
        assert said.startswith("Rebuilt deck")
        (rebuilt,) = tmp_path.glob("Northwind (rebuilt *).pptx")
        assert "Payback in under a year" in all_text(rebuilt)
        assert old.exists()
