"""The main window's bad-input paths: drops, quitting during a build, a busy library, no
LibreOffice. Each ends in a sentence, a responsive window and nothing lost (pytest-qt)."""

from __future__ import annotations

import sqlite3

from pptx import Presentation
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from enabler.export.libreoffice import Converter
from enabler.store.connection.db import open_db
from tests.app.conftest import wait_ops


def module_count(path) -> int:
    return open_db(path)["modules"].count


def deck_file(path, titles=("Our results for {{ prospect.company }}", "Roadmap")):
    prs = Presentation()
    for title in titles:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = title
    prs.save(str(path))
    return path


def drop(window, *paths) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def open_northwind(qtbot, window):
    page = window.pages["Build"]
    page.refresh()
    wait_ops(qtbot, page)
    assert page.select_prospect("Northwind Health")
    wait_ops(qtbot, page)
    return page


class DescribeDroppingFiles:
    def it_imports_the_slides_of_a_dropped_deck(self, qtbot, app_window, tmp_path):
        before = module_count(app_window.db_path)
        drop(app_window, deck_file(tmp_path / "results.pptx"))
        wait_ops(qtbot, app_window.importer)
        assert app_window.last_error == ""
        assert module_count(app_window.db_path) == before + 2
        rows = open_db(app_window.db_path).execute(
            "SELECT title, state FROM modules ORDER BY id DESC LIMIT 2"
        )
        assert {r[1] for r in rows.fetchall()} == {"draft"}
        assert app_window.current_page_name() == "Library"
        assert "results.pptx: 2 created" in app_window.statusBar().currentMessage()

    def it_refuses_a_file_that_is_not_a_deck(self, qtbot, app_window, tmp_path):
        text = tmp_path / "notes.txt"
        text.write_text("not slides")
        before = module_count(app_window.db_path)
        drop(app_window, text)
        wait_ops(qtbot, app_window.importer)
        assert "notes.txt: not a PowerPoint file" in app_window.last_error
        assert "Nothing was imported" in app_window.last_error
        assert module_count(app_window.db_path) == before

    def it_refuses_a_folder(self, qtbot, app_window, tmp_path):
        folder = tmp_path / "slides"
        folder.mkdir()
        drop(app_window, folder)
        assert "slides is a folder" in app_window.last_error

    def it_refuses_a_corrupt_deck_and_changes_nothing(self, qtbot, app_window, tmp_path):
        bad = tmp_path / "broken.pptx"
        bad.write_bytes(b"PK\x03\x04 this is not really a zip file" * 20)
        before = module_count(app_window.db_path)
        drop(app_window, bad)
        wait_ops(qtbot, app_window.importer)
        assert "Nothing was imported" in app_window.last_error
        assert "Traceback" not in app_window.last_error
        assert module_count(app_window.db_path) == before
        assert app_window.isEnabled()

    def it_refuses_a_template_with_what_to_do_instead(self, qtbot, app_window, tmp_path):
        template = tmp_path / "brand.potx"
        template.write_bytes(b"PK")
        drop(app_window, template)
        assert "enabler template install brand.potx" in app_window.last_error

    def it_stops_the_whole_drop_when_one_file_is_bad(self, qtbot, app_window, tmp_path):
        good = deck_file(tmp_path / "good.pptx")
        bad = tmp_path / "old.ppt"
        bad.write_bytes(b"\xd0\xcf\x11\xe0")
        before = module_count(app_window.db_path)
        drop(app_window, good, bad)
        wait_ops(qtbot, app_window.importer)
        assert "old.ppt: not a PowerPoint file" in app_window.last_error
        assert module_count(app_window.db_path) == before


class DescribeQuittingDuringABuild:
    def it_asks_then_stops_without_leaving_half_a_file(self, qtbot, app_window, tmp_path):
        app_window.show()
        page = open_northwind(qtbot, app_window)
        out = tmp_path / "decks" / "northwind.pptx"
        page.output.setText(str(out))
        page.build()
        assert page.op.running
        app_window.close()
        # The window stays open and asks (without blocking the event loop).
        assert app_window.isVisible()
        box = app_window.close_question
        assert box is not None and "still building the deck" in box.text()
        box.button(box.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: not app_window.isVisible(), timeout=30000)
        leftovers = [p.name for p in out.parent.iterdir()] if out.parent.exists() else []
        assert leftovers in ([], ["northwind.pptx"])
        if leftovers:  # the build won the race: the deck is whole
            assert len(Presentation(str(out)).slides) > 3

    def it_quits_at_once_when_nothing_is_running(self, qtbot, app_window):
        app_window.show()
        app_window.close()
        assert not app_window.isVisible()
        assert app_window.close_question is None


class DescribeABusyLibrary:
    def it_says_so_and_stays_responsive(self, qtbot, app_window, monkeypatch):
        monkeypatch.setattr("enabler.store.connection.db.BUSY_TIMEOUT_S", 0.2)
        page = open_northwind(qtbot, app_window)
        page.plan_view.setCurrentIndex(page.plan.index(0))
        other = sqlite3.connect(app_window.db_path)
        other.execute("BEGIN IMMEDIATE")
        try:
            before = open_db(app_window.db_path)["feedback"].count
            with qtbot.waitSignal(page.error, timeout=30000) as caught:
                page.rate_current()
        finally:
            other.rollback()
            other.close()
        assert "busy: another Enabler window or program" in caught.args[0]
        assert open_db(app_window.db_path)["feedback"].count == before
        assert page.build_button.isEnabled()


class DescribeNoLibreOffice:
    def it_explains_how_to_install_it(self, qtbot, app_window, tmp_path, monkeypatch):
        page = open_northwind(qtbot, app_window)
        page.output.setText(str(tmp_path / "deck.pptx"))
        with qtbot.waitSignal(page.status, timeout=60000):
            page.build()
        wait_ops(qtbot, page)
        monkeypatch.delenv("ENABLER_SOFFICE", raising=False)
        monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
        monkeypatch.setattr("enabler.services.export.shared_converter", lambda: Converter())
        with qtbot.waitSignal(page.error, timeout=30000) as caught:
            page.export_pdf()
        assert "LibreOffice is not installed" in caught.args[0]
        assert "apt install libreoffice-impress" in caught.args[0]
        assert not (tmp_path / "deck.pdf").exists()
