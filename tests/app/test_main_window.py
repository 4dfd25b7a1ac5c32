"""The first window (pytest-qt, offscreen)."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from enabler.app.main import MainWindow
from enabler.services.library_summary import summarise


def test_it_summarises_the_library(qtbot, demo_db):
    window = MainWindow(summarise(demo_db))
    qtbot.addWidget(window)
    text = window.summary_label.text()
    assert "approved modules" in text
    assert "6 prospects" in text


def test_it_explains_an_empty_library(qtbot, db):
    window = MainWindow(summarise(db))
    qtbot.addWidget(window)
    assert "enabler demo" in window.summary_label.text()


def test_it_shows_an_open_error_instead_of_crashing(qtbot):
    window = MainWindow(None, "disk unreadable")
    qtbot.addWidget(window)
    assert "disk unreadable" in window.summary_label.text()
