"""Library ▸ Review queue: modules waiting for review, what approving each would change for
reps (the pending version against the approved one), and Approve / Reject with a comment.

The rules (a reason to reject, the optional four-eyes rule, marketing only) are the service's;
its sentence is shown when it refuses, and the comment typed is kept.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from enabler.app.models import ListModel
from enabler.app.pages.library import jobs
from enabler.app.pages.library.jobs import Jobs, changes_html, short_time
from enabler.app.pages.library.profile import ProfileBox

EMPTY = (
    "Nothing is waiting for review. A module appears here when someone submits a draft "
    "(Modules tab ▸ Submit for review)."
)
PICK = "Pick a module in the queue to see what approving it would change."


def item_line(i) -> str:
    against = f"replaces version {i.base_number}" if i.base_number else "new module"
    who = f" · submitted by {i.submitted_by}" if i.submitted_by else ""
    return f"{i.status.title} ({i.status.key})\nVersion {i.number}, {against}{who}"


def item_html(i) -> str:
    e = html.escape
    if i.base_number:
        title = f"Version {i.number} (in review) against version {i.base_number} (approved)"
        lead = "Approving it replaces what reps get today with these changes:"
    else:
        title = f"Version {i.number} (in review): a new module"
        lead = "Reps have never had this module; approving it adds the following:"
    when = f" on {e(short_time(i.submitted_at))}" if i.submitted_at else ""
    by = f"<p>Submitted by {e(i.submitted_by)}{when}.</p>" if i.submitted_by else ""
    note = f"<p>Their note: “{e(i.note)}”</p>" if i.note else ""
    return (
        f"<h3>{e(i.status.title)}</h3><p><b>{e(title)}</b></p>{by}{note}<p>{lead}</p>"
        + changes_html(i.changes, "No field differs from the approved version.")
    )


class ReviewTab(Jobs, QWidget):
    status = Signal(str)
    error = Signal(str)
    changed = Signal()
    loaded = Signal()

    def __init__(self, db_path: Path, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._init_jobs()
        self.profile = None

        self.me = ProfileBox(self.db_path, self.ops)
        self.me.status.connect(self.status)
        self.me.error.connect(self.error)
        self.me.saved.connect(lambda _p: self.refresh())
        self.model = ListModel(text=item_line, tooltip=lambda i: i.status.key, parent=self)
        self.view = QListView()
        self.view.setAccessibleName("Modules waiting for review")
        self.view.setWordWrap(True)
        self.view.setSpacing(2)
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_current())
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.diff = QTextBrowser()
        self.diff.setAccessibleName("What approving it would change")
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName("Review comment")
        self.comment.setPlaceholderText("Your comment (required to reject: say what to fix).")
        self.comment.setMaximumHeight(80)
        self.approve_button = QPushButton("&Approve")
        self.approve_button.setAccessibleName("Approve the selected module")
        self.approve_button.clicked.connect(self.approve)
        self.reject_button = QPushButton("&Reject")
        self.reject_button.setAccessibleName("Reject the selected module back to draft")
        self.reject_button.clicked.connect(self.reject)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.empty)
        lv.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.approve_button)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.diff, 1)
        rv.addWidget(self.comment)
        rv.addLayout(buttons)
        splitter = QSplitter()
        splitter.setObjectName("review-split")  # settings remember it by this name
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.me)
        layout.addWidget(splitter, 1)
        self._show_current()

    # loading -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._start(jobs.queue, self._loaded)

    def _loaded(self, result) -> None:
        profile, items = result
        self.profile = profile
        self.me.show_profile(profile)
        key = self.current().status.key if self.current() else None
        self.model.set_items(items)
        self.empty.setVisible(not items)
        self.view.setVisible(bool(items))
        row = next((n for n, i in enumerate(items) if i.status.key == key), 0 if items else -1)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))
        self._show_current()
        self.loaded.emit()

    def current(self):
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def select(self, key: str) -> bool:
        row = next((n for n, i in enumerate(self.model.items()) if i.status.key == key), -1)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))
        return row >= 0

    def _show_current(self) -> None:
        item = self.current()
        self.diff.setHtml(item_html(item) if item else f"<i>{html.escape(PICK)}</i>")
        ready = item is not None and self.profile is not None
        self.approve_button.setEnabled(ready)
        self.reject_button.setEnabled(ready)

    # decisions ---------------------------------------------------------------------------------

    def approve(self) -> None:
        self._decide(jobs.approve, "approved")

    def reject(self) -> None:
        self._decide(jobs.reject, "sent back to draft")

    def _decide(self, job, verb: str) -> None:
        item = self.current()
        if item is None:
            return
        key, expected, text = item.status.key, item.status.row_version, self.comment.toPlainText()

        def done(_status) -> None:
            if self.comment.toPlainText() == text:
                self.comment.clear()
            self.status.emit(f"{key} {verb}.")
            self.changed.emit()
            self.refresh()

        def failed(message: str) -> None:  # the comment stays for another try
            self.error.emit(message)
            self.refresh()

        self.approve_button.setEnabled(False)
        self.reject_button.setEnabled(False)
        self._start(lambda ctx: job(ctx, key, expected, text), done, failed)
