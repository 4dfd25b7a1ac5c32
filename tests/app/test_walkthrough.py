"""End-to-end walkthroughs of the app as a rep and as a marketer use it (pytest-qt, offscreen,
the default 1100×700 window): every step through the widgets a user presses, every result
checked in the files written and the library's records."""

from __future__ import annotations

import threading

import pytest
from pptx import Presentation
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from enabler.app.pages.build import work as build_work
from enabler.domain.modules import ModuleState
from enabler.store import feedback as feedback_store
from enabler.store import modules as module_store
from enabler.store.connection.db import open_db
from tests.app.conftest import wait_ops
from tests.helpers import all_text


class Clicks:
    """Left clicks as a user makes them, counted."""

    def __init__(self) -> None:
        self.count = 0

    def button(self, button) -> None:
        assert button.isEnabled() and button.isVisible(), button.text()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        self.count += 1

    def row(self, view, index) -> None:
        rect = view.visualRect(index)
        assert view.viewport().rect().contains(rect.center()), "the row is scrolled away"
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        self.count += 1


class DescribeTheRepFlow:
    @pytest.mark.libreoffice
    def it_goes_from_prospect_to_pdf_in_five_clicks(self, qtbot, app_window, tmp_path, soffice):
        from pypdf import PdfReader

        page = _build_page(qtbot, app_window, tmp_path)
        clicks = Clicks()
        clicks.row(page.prospect_view, _prospect_row(page, "Northwind Health"))  # 1
        wait_ops(qtbot, page)
        qtbot.waitUntil(lambda: page.plan.rowCount() > 3, timeout=30000)
        first = page.plan.item(0).key
        clicks.row(page.plan_view, page.plan.index(0))  # 2
        clicks.button(page.down_button)  # 3: reorder
        assert page.plan.module_keys()[1] == first
        with qtbot.waitSignal(page.status, timeout=60000):
            clicks.button(page.build_button)  # 4
        wait_ops(qtbot, page)
        deck = tmp_path / "Northwind Health.pptx"
        assert "Northwind Health" in all_text(deck)
        with qtbot.waitSignal(page.status, timeout=180000):
            clicks.button(page.pdf_button)  # 5
        assert clicks.count <= 5
        pdf = tmp_path / "Northwind Health.pdf"
        assert len(PdfReader(str(pdf)).pages) == len(Presentation(str(deck)).slides)
        wait_ops(qtbot, page)
        with qtbot.waitSignal(page.status, timeout=180000):
            clicks.button(page.leave_button)
        text = "".join(
            p.extract_text()
            for p in PdfReader(str(tmp_path / "Northwind Health-leave-behind.pdf")).pages
        )
        assert "Northwind Health" in text

    def it_builds_through_a_page_switch_and_a_rating(
        self, qtbot, app_window, tmp_path, monkeypatch
    ):
        page = _build_page(qtbot, app_window, tmp_path)
        gate, started, real = threading.Event(), threading.Event(), build_work.build

        def held_build(ctx, *args):
            started.set()
            while not gate.wait(0.01):
                ctx.progress(1, "Waiting")
            return real(ctx, *args)

        monkeypatch.setattr(build_work, "build", held_build)
        clicks = Clicks()
        clicks.row(page.prospect_view, _prospect_row(page, "Harborview Bank"))
        wait_ops(qtbot, page)
        qtbot.waitUntil(lambda: page.plan.rowCount() > 3, timeout=30000)
        clicks.row(page.plan_view, page.plan.index(1))
        rated_key = page.plan.item(1).key
        clicks.button(page.build_button)
        qtbot.waitUntil(started.is_set, timeout=10000)
        sidebar = app_window.sidebar
        clicks.row(sidebar, sidebar.model().index(sidebar.names.index("ROI"), 0))
        assert app_window.current_page_name() == "ROI"
        clicks.row(sidebar, sidebar.model().index(0, 0))
        assert app_window.current_page_name() == "Build"
        with qtbot.waitSignal(page.status, timeout=30000):
            clicks.button(page.rate_button)
        with qtbot.waitSignal(page.status, timeout=60000) as built:
            gate.set()
        assert built.args[0].startswith("Built Harborview Bank.pptx")
        wait_ops(qtbot, page)
        deck = Presentation(str(tmp_path / "Harborview Bank.pptx"))
        assert len(deck.slides) >= page.plan.rowCount()
        db = open_db(app_window.db_path)
        decks = list(db.query("SELECT output_path FROM decks"))
        assert decks[-1]["output_path"].endswith("Harborview Bank.pptx")
        mid = module_store.get_module(db, rated_key).id
        assert (mid, 5, None) in feedback_store.rating_rows(db)

    def it_works_from_the_keyboard_alone(self, qtbot, app_window, tmp_path):
        page = _build_page(qtbot, app_window, tmp_path)
        page.search.setFocus()
        QTest.keyClicks(page.search, "keystone")
        QTest.keyClick(page.search, Qt.Key.Key_Tab)
        assert page.prospect_view.hasFocus()
        QTest.keyClick(page.prospect_view, Qt.Key.Key_Down)
        wait_ops(qtbot, page)
        qtbot.waitUntil(lambda: page.plan.rowCount() > 0, timeout=30000)
        assert page.prospect.company == "Keystone Manufacturing"
        with qtbot.waitSignal(page.status, timeout=60000):
            QTest.keyClick(page.prospect_view, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
        wait_ops(qtbot, page)
        assert "Keystone Manufacturing" in all_text(tmp_path / "Keystone Manufacturing.pptx")


class DescribeTheMarketingFlow:
    def it_imports_edits_submits_and_approves(self, qtbot, app_window, tmp_path):
        from tests.render.designed_decks import designed_deck

        app_window.show()
        db = open_db(app_window.db_path)
        before = {m.key for m in module_store.list_modules(db)}
        with qtbot.waitSignal(app_window.importer.imported, timeout=60000):
            assert app_window.import_files([designed_deck(tmp_path / "Q3 story.pptx")])
        assert app_window.current_page_name() == "Library"
        imported = sorted({m.key for m in module_store.list_modules(db)} - before)
        assert len(imported) == 4
        assert all(module_store.module_status(db, k).state is ModuleState.DRAFT for k in imported)

        library = app_window.pages["Library"]
        editor = library.show_tab("Editor")
        wait_ops(qtbot, editor)
        with qtbot.waitSignal(editor.previewed, timeout=30000):
            assert editor.choose_module("value-pillars")
        wait_ops(qtbot, editor)
        editor.form.set_text("title", "Pillars that pay back for {{ prospect.company }}")
        with qtbot.waitSignal(editor.status, timeout=30000):
            QTest.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
        wait_ops(qtbot, editor)
        qtbot.waitUntil(editor.submit_button.isEnabled, timeout=30000)
        with qtbot.waitSignal(editor.status, timeout=30000):
            QTest.mouseClick(editor.submit_button, Qt.MouseButton.LeftButton)
        wait_ops(qtbot, editor)
        status = module_store.module_status(db, "value-pillars")
        assert status.revision_state is ModuleState.IN_REVIEW

        review = library.show_tab("Review queue")
        qtbot.waitUntil(lambda: review.model.rowCount() > 0, timeout=30000)
        wait_ops(qtbot, review)
        row = next(r for r, i in enumerate(review.model.items()) if i.status.key == "value-pillars")
        review.view.setCurrentIndex(review.model.index(row, 0))
        review.comment.setPlainText("Clear and sourced")
        with qtbot.waitSignal(review.status, timeout=30000):
            QTest.mouseClick(review.approve_button, Qt.MouseButton.LeftButton)
        wait_ops(qtbot, review)
        status = module_store.module_status(db, "value-pillars")
        assert status.state is ModuleState.APPROVED and status.revision_version_id is None
        assert status.title == "Pillars that pay back for {{ prospect.company }}"


# fixtures -----------------------------------------------------------------------------------


def _build_page(qtbot, window, tmp_path):
    """The Build page, shown at the default size, proposing to save decks in tmp_path."""
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    page = window.pages["Build"]
    page.refresh()
    wait_ops(qtbot, page)
    page.deck_folder = tmp_path
    return page


def _prospect_row(page, company: str):
    for row in range(page.proxy.rowCount()):
        index = page.proxy.index(row, 0)
        if page.proxy.data(index, Qt.ItemDataRole.UserRole).company == company:
            return index
    raise AssertionError(f"{company} is not listed")
