"""Library ▸ Stale: approved modules past their review-by date (most overdue first), to confirm
until a new date or open in the Modules tab, and built decks that used since-retired modules.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enabler.app.library_models import RowsModel
from enabler.app.pages.library import jobs
from enabler.app.pages.library.jobs import Jobs, short_time

NO_DECKS = "No built deck uses a retired module."


def empty_text(report) -> str:
    """Why the list is empty, and when it will next fill (the demo's dates are a year out)."""
    due = report.next_due
    if due is None:
        return "Nothing is past its review-by date: no approved module has one coming up."
    return (
        "Nothing is past its review-by date. The first review comes up on "
        f"{due.review_by.isoformat()} ({due.key}, owner {due.owner or '—'}); modules appear "
        "here once their date has passed."
    )


def _table(model, name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().hide()
    return view


class StaleTab(Jobs, QWidget):
    status = Signal(str)
    error = Signal(str)
    changed = Signal()
    loaded = Signal()
    open_module = Signal(str)  # asked to show a module in the Modules tab

    def __init__(self, db_path: Path, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._init_jobs()
        self.report = None

        self.model = RowsModel(
            [
                ("Module", lambda m: m.status.key),
                ("Title", lambda m: m.status.title),
                ("Owner", lambda m: m.status.owner),
                ("Review by", lambda m: m.status.review_by or "never set"),
                ("Days overdue", lambda m: m.days_overdue),
            ],
            parent=self,
        )
        self.view = _table(self.model, "Modules past their review date")
        self.view.doubleClicked.connect(lambda _i: self.open_current())
        self.view.selectionModel().currentChanged.connect(lambda *_: self._enable())
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAccessibleName("Stale modules")
        self.until = QDateEdit()
        self.until.setAccessibleName("Reviewed until")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.reviewed_button = QPushButton("Mark reviewed until")
        self.reviewed_button.setAccessibleName("Mark the selected module reviewed until the date")
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.open_button = QPushButton("Open in Modules tab")
        self.open_button.setAccessibleName("Open the selected module in the Modules tab")
        self.open_button.clicked.connect(self.open_current)

        self.decks = RowsModel(
            [
                ("Deck", lambda d: d.deck_id),
                ("Prospect", lambda d: d.company or "—"),
                ("Built", lambda d: short_time(d.built_at)),
                ("By", lambda d: d.built_by),
                ("Retired module", lambda d: d.module_key),
                ("Use instead", lambda d: d.replacement_key or "no replacement"),
            ],
            tooltip=lambda d: d.output_path,
            parent=self,
        )
        self.deck_view = _table(self.decks, "Decks built with retired modules")
        self.deck_view.selectionModel().currentChanged.connect(lambda *_a: self._enable())
        self.no_decks = QLabel(NO_DECKS)
        self.rebuild_button = QPushButton("Rebuild")
        self.rebuild_button.setAccessibleName("Rebuild the selected deck")
        self.rebuild_button.setToolTip(
            "Same prospect, order and fields, retired modules replaced; written beside the old deck"
        )
        self.rebuild_button.clicked.connect(self.rebuild_current)

        actions = QHBoxLayout()
        actions.addWidget(self.open_button)
        actions.addStretch(1)
        actions.addWidget(self.until)
        actions.addWidget(self.reviewed_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Modules past their review-by date</b>"))
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 2)
        layout.addLayout(actions)
        layout.addWidget(QLabel("<b>Decks built with modules since retired</b> (rebuild them)"))
        layout.addWidget(self.no_decks)
        layout.addWidget(self.deck_view, 1)
        deck_actions = QHBoxLayout()
        deck_actions.addStretch(1)
        deck_actions.addWidget(self.rebuild_button)
        layout.addLayout(deck_actions)
        self._enable()

    def refresh(self) -> None:
        self._start(jobs.stale, self._loaded)

    def _loaded(self, report) -> None:
        first = self.report is None
        key = self.current().status.key if self.current() else None
        self.report = report
        self.model.set_items(report.modules)
        self.decks.set_items(report.decks)
        self.empty.setText(html.escape(empty_text(report)))
        self.empty.setVisible(not report.modules)
        self.view.setVisible(bool(report.modules))
        self.no_decks.setVisible(not report.decks)
        self.deck_view.setVisible(bool(report.decks))
        if first:
            r = report.suggested_review_by
            self.until.setDate(QDate(r.year, r.month, r.day))
        row = self.model.row_where(lambda m: m.status.key == key) if key else -1
        if row < 0 and report.modules:
            row = 0
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._enable()
        self.loaded.emit()

    def current(self):
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        on = self.current() is not None
        for w in (self.reviewed_button, self.open_button, self.until):
            w.setEnabled(on)
        self.rebuild_button.setEnabled(self.deck_view.currentIndex().isValid())

    def mark_reviewed(self) -> None:
        item = self.current()
        if item is None:
            return
        key, expected = item.status.key, item.status.row_version
        until = self.until.date().toPython()

        def done(s) -> None:
            self.status.emit(f"{s.key} reviewed; next review by {s.review_by}.")
            self.changed.emit()
            self.refresh()

        def failed(message: str) -> None:
            self.error.emit(message)
            self.refresh()

        self.reviewed_button.setEnabled(False)
        self._start(lambda ctx: jobs.reviewed(ctx, key, expected, until), done, failed)

    def rebuild_current(self) -> None:
        """Rebuild the selected deck beside the old one (never cancelled by another action)."""
        index = self.deck_view.currentIndex()
        if not index.isValid():
            return
        deck_id = self.decks.item(index.row()).deck_id

        def done(rebuilt) -> None:
            self.status.emit(f"Rebuilt deck {deck_id}: {rebuilt.path} ({rebuilt.slides} slides).")
            self.refresh()

        op = self._runner().write(
            lambda ctx: jobs.rebuild(ctx, deck_id), done, self.error, lane="rebuild"
        )
        op.label = "rebuilding a deck"
        self._track(op)

    def open_current(self) -> None:
        """Show the selected module in the Modules tab of the Library page."""
        item = self.current()
        if item is None:
            return
        key = item.status.key
        self.open_module.emit(key)
        page = self.parentWidget()
        while page is not None and not hasattr(page, "show_tab"):
            page = page.parentWidget()
        if page is not None:  # the Library page: its tabs are found by name
            page.show_tab("Modules").show_module(key)
