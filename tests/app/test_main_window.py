"""The main window and the Build page (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest
from pptx import Presentation
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QAbstractItemModelTester

from enabler.app.models import PlanEntry, PlanModel
from enabler.app.window import MainWindow
from tests.helpers import all_text


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, demo_db_path, settings):
    win = MainWindow(demo_db_path, settings)
    qtbot.addWidget(win)
    return win


def wait_idle(qtbot, page):
    qtbot.waitUntil(lambda: page.op is None or not page.op.running, timeout=30000)


class DescribeMainWindow:
    def it_has_pages_menus_and_shortcuts(self, window):
        assert list(window.pages)[:3] == ["Build", "Library", "Prospects"]
        assert "ROI" in window.pages
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus == ["&File", "&Edit", "&View", "&Help"]

    def it_syncs_on_f5_and_offers_a_held_update_instead(self, window, monkeypatch):
        from PySide6.QtGui import QAction

        (sync,) = [a for a in window.findChildren(QAction) if a.text() == "S&ync with team channel"]
        assert sync.shortcut().toString() == "F5"
        calls = []
        status = window.channel_status
        monkeypatch.setattr(status, "sync_now", lambda: calls.append("sync"))
        monkeypatch.setattr(status, "review_held", lambda: calls.append("review"))
        sync.trigger()
        monkeypatch.setattr(status, "held", lambda: ("release 2 from hq: …",))
        sync.trigger()
        assert calls == ["sync", "review"]

    def it_remembers_the_last_page(self, qtbot, window, settings, tmp_path):
        window.show_page("Prospects")
        window.close()
        again = MainWindow(window.db_path, settings)
        qtbot.addWidget(again)
        assert again.current_page_name() == "Prospects"

    def it_remembers_where_each_splitter_was_dragged(self, qtbot, window, settings):
        from PySide6.QtWidgets import QSplitter

        window.show()
        window.show_page("Prospects")
        page = window.pages["Prospects"]
        splitters = [s for s in page.findChildren(QSplitter) if s.window() is window]
        assert len(splitters) == 2
        splitters[1].setSizes([700, 100])  # the profile over segment research
        wanted = [s.saveState() for s in splitters]
        window.close()
        again = MainWindow(window.db_path, settings)
        qtbot.addWidget(again)
        again.show_page("Prospects")
        page = again.pages["Prospects"]
        restored = [s for s in page.findChildren(QSplitter) if s.window() is again]
        assert [s.saveState() for s in restored] == wanted

    def it_shows_the_welcome_until_dismissed(self, qtbot, window, settings):
        assert not window.welcome.isHidden()
        window.dismiss_welcome()
        again = MainWindow(window.db_path, settings)
        qtbot.addWidget(again)
        assert again.welcome.isHidden()

    def it_calls_only_the_demo_library_the_demo(self, qtbot, window, tmp_path):
        from PySide6.QtCore import QSettings

        qtbot.waitUntil(lambda: "demo library of Brightwave" in window.welcome_text.text())
        own = MainWindow(
            tmp_path / "own.db", QSettings(str(tmp_path / "own.ini"), QSettings.Format.IniFormat)
        )
        qtbot.addWidget(own)
        qtbot.waitUntil(lambda: "No prospects yet?" in own.welcome_text.text())
        assert "Brightwave" not in own.welcome_text.text()

    def it_shows_errors_as_a_sentence(self, qtbot, window):
        window.show_error("The disk is full; nothing was written.")
        assert window.last_error == "The disk is full; nothing was written."


class DescribeBuildPage:
    def it_builds_a_deck_through_the_ui(self, qtbot, window, tmp_path):
        page = window.pages["Build"]
        page.refresh()
        wait_idle(qtbot, page)
        page.search.setText("northwind")
        assert page.proxy.rowCount() == 1
        assert page.select_prospect("Northwind Health")
        wait_idle(qtbot, page)
        assert page.plan.rowCount() > 3
        first = page.plan.item(0).key
        page.plan_view.setCurrentIndex(page.plan.index(0))
        page.remove_current()
        out = tmp_path / "ui-deck.pptx"
        page.output.setText(str(out))
        with qtbot.waitSignal(page.status, timeout=60000):
            page.build()
        prs = Presentation(str(out))
        assert "Northwind Health" in all_text(out)
        keys = page.plan.module_keys()
        assert first not in keys
        assert len(prs.slides) >= 1 + len(keys)
        assert page.open_button.isEnabled()
        assert "Preflight:" in page.result.text()

    def it_cancels_a_build_and_writes_nothing(self, qtbot, window, tmp_path):
        page = window.pages["Build"]
        page.refresh()
        wait_idle(qtbot, page)
        page.select_prospect("Northwind Health")
        wait_idle(qtbot, page)
        out = tmp_path / "decks" / "cancelled.pptx"
        page.output.setText(str(out))
        page.build()
        assert page.cancel_button.isEnabled() and not page.build_button.isEnabled()
        with qtbot.waitSignal(page.op.cancelled, timeout=30000):
            page.cancel_button.click()
        wait_idle(qtbot, page)
        assert page.result.text() == "Cancelled; nothing was written."
        assert not out.exists() and not any(out.parent.glob("*"))
        assert page.build_button.isEnabled() and not page.cancel_button.isEnabled()
        assert not page.open_button.isEnabled()  # nothing was built to open

    def it_reports_build_progress_per_module(self, qtbot, window, tmp_path):
        page = window.pages["Build"]
        page.refresh()
        wait_idle(qtbot, page)
        page.select_prospect("Northwind Health")
        wait_idle(qtbot, page)
        page.output.setText(str(tmp_path / "deck.pptx"))
        heard: list[tuple[int, str]] = []
        page.build()
        page.op.progress.connect(lambda percent, message: heard.append((percent, message)))
        with qtbot.waitSignal(page.status, timeout=60000):
            pass
        percents = [p for p, _ in heard]
        assert percents == sorted(percents) and percents[-1] == 85
        assert sum(m == "Rendering slides" for _, m in heard) >= len(page.plan.module_keys()) - 1
        assert heard[-1][1] == "Writing the file"

    def it_says_why_the_selected_module_is_recommended(self, qtbot, window):
        page = window.pages["Build"]
        page.refresh()
        wait_idle(qtbot, page)
        page.select_prospect("Northwind Health")
        wait_idle(qtbot, page)
        assert "Select a module" in page.why.text()
        row = page.plan.module_keys().index("case-study-healthcare-quote")
        page.plan_view.setCurrentIndex(page.plan.index(row))
        text = page.why.text()
        assert "Lakeshore Health System" in text and "score" in text
        assert "made for the decision stage" in text
        assert "answers their pain" in text and "prior authorisation backlog" in text
        tip = page.plan.data(page.plan.index(row), Qt.ItemDataRole.ToolTipRole)
        assert tip.splitlines()[0] == "made for the decision stage, where Northwind Health is now"
        page.select_prospect("Keystone Manufacturing")
        wait_idle(qtbot, page)
        assert "Select a module" in page.why.text()  # a new plan: nothing selected yet

    def it_undoes_and_redoes_plan_edits(self, qtbot, window):
        page = window.pages["Build"]
        page.refresh()
        wait_idle(qtbot, page)
        page.select_prospect("Northwind Health")
        wait_idle(qtbot, page)
        before = page.plan.module_keys()
        page.move_module(0, 2)
        assert page.plan.module_keys()[2] == before[0]
        page.plan_view.setCurrentIndex(page.plan.index(1))
        page.remove_current()
        assert len(page.plan.module_keys()) == len(before) - 1
        window.undo_stack.undo()
        window.undo_stack.undo()
        assert page.plan.module_keys() == before
        window.undo_stack.redo()
        assert page.plan.module_keys()[2] == before[0]

    def it_reports_an_unwritable_output_without_crashing(self, qtbot, window, tmp_path):
        page = window.pages["Build"]
        page.refresh()
        wait_idle(qtbot, page)
        page.select_prospect("Northwind Health")
        wait_idle(qtbot, page)
        (tmp_path / "afile").write_text("x")
        page.output.setText(str(tmp_path / "afile" / "deck.pptx"))
        with qtbot.waitSignal(page.error, timeout=30000) as blocker:
            page.build()
        assert "folder" in blocker.args[0].lower() or "write" in blocker.args[0].lower()
        assert window.last_error == blocker.args[0]


class DescribePlanModel:
    def it_passes_the_qt_model_tester(self, qtbot):
        model = PlanModel()
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
        for n in range(4):
            model.insert(n, PlanEntry(f"k{n}", f"T{n}"))
        assert model.move(0, 3)
        assert model.module_keys() == ["k1", "k2", "k3", "k0"]
        model.remove(1)
        assert model.module_keys() == ["k1", "k3", "k0"]
        model.set_items([])
        assert model.rowCount() == 0


class DescribeProspectsPage:
    def it_shows_the_committee_and_marks_stale_insights(self, qtbot, window):
        page = window.pages["Prospects"]
        page.refresh()
        qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=30000)
        assert page.select_prospect("Northwind Health")
        qtbot.waitUntil(lambda: page.committee_model.rowCount() > 0, timeout=30000)
        text = page.detail.text()
        assert "Northwind Health" in text
        assert "(stale)" in text  # the demo has insights older than 90 days
        names = [c.name for c in page.committee_model.contacts()]
        assert "Rachel Okafor" in names

    def it_escapes_user_text(self):
        import datetime as dt

        from enabler.app.pages.prospects.page import profile_html
        from enabler.domain.prospects import Prospect
        from enabler.services.browse import ProspectProfile

        prof = ProspectProfile(Prospect(id=1, company="<b>Evil</b> & Co"), (), ())
        assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in profile_html(prof, dt.date(2026, 1, 1))

    def it_marks_insights_stale_after_the_librarys_setting(self):
        import datetime as dt

        from enabler.app.pages.prospects.page import profile_html
        from enabler.domain.prospects import Insight, InsightKind, Prospect
        from enabler.services.browse import ProspectProfile

        note = Insight(1, 1, InsightKind.PAIN, "Backlog", date=dt.date(2026, 1, 1))
        today = dt.date(2026, 3, 1)  # 59 days later
        strict = ProspectProfile(Prospect(id=1, company="Acme"), (), (note,), stale_after_days=30)
        lenient = ProspectProfile(Prospect(id=1, company="Acme"), (), (note,))
        assert "(stale)" in profile_html(strict, today)
        assert "(stale)" not in profile_html(lenient, today)


class DescribeRatingFromTheBuildPage:
    def it_rates_and_flags_the_selected_module(self, qtbot, window):
        from enabler.store.connection.db import open_db

        page = window.pages["Build"]
        page.refresh()
        wait_idle(qtbot, page)
        page.select_prospect("Northwind Health")
        wait_idle(qtbot, page)
        page.plan_view.setCurrentIndex(page.plan.index(1))
        page.stars.setCurrentIndex(3)  # 2 stars
        page.flag.setCurrentIndex(2)  # wrong claim
        page.comment.setText("The 43 % figure is from 2024")
        with qtbot.waitSignal(page.status, timeout=30000):
            page.rate_current()
        db = open_db(window.db_path)
        rows = list(db.query("SELECT rating, flag, comment FROM feedback"))
        assert rows == [
            {"rating": 2, "flag": "wrong_claim", "comment": "The 43 % figure is from 2024"}
        ]

    def it_asks_for_a_selection_first(self, qtbot, window):
        page = window.pages["Build"]
        with qtbot.waitSignal(page.error) as blocker:
            page.rate_current()
        assert "Select a module" in blocker.args[0]


class DescribeExportFromTheBuildPage:
    @pytest.mark.libreoffice
    def it_writes_the_deck_pdf_and_the_leave_behind(self, qtbot, window, tmp_path, soffice):
        from pypdf import PdfReader

        page = window.pages["Build"]
        assert not page.pdf_button.isEnabled()
        page.refresh()
        wait_idle(qtbot, page)
        page.select_prospect("Northwind Health")
        wait_idle(qtbot, page)
        page.output.setText(str(tmp_path / "nw.pptx"))
        with qtbot.waitSignal(page.status, timeout=60000):
            page.build()
        wait_idle(qtbot, page)
        assert page.pdf_button.isEnabled()
        page.last_report = None  # export even if the preflight found something
        with qtbot.waitSignal(page.status, timeout=180000):
            page.export_pdf()
        slides = len(Presentation(str(tmp_path / "nw.pptx")).slides)
        assert len(PdfReader(str(tmp_path / "nw.pdf")).pages) == slides
        wait_idle(qtbot, page)
        with qtbot.waitSignal(page.status, timeout=180000):
            page.export_leave_behind()
        text = "".join(
            p.extract_text() for p in PdfReader(str(tmp_path / "nw-leave-behind.pdf")).pages
        )
        assert "Northwind Health" in text
