"""One module in the Modules tab: a picture of its slide, its state, owner and review date,
history, comments, and the review actions open to it (submit, retire with a replacement, mark
reviewed, restore).

Every action sends the row version shown, so a module someone changed meanwhile is refused:
the sentence is shown, the module reloads, and the comment typed is kept for another try.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from enabler.app.pages.library import jobs
from enabler.app.pages.library.history import HistoryPane
from enabler.app.pages.library.jobs import Jobs
from enabler.app.pages.library.preview import SlidePreviewPane

EMPTY = "Pick a module in the list to see its state, versions and review trail."
CHOOSE_REPLACEMENT = (
    "Choose the module that replaces it under “Replace with”, or “No replacement”, then retire."
)


def header_html(d) -> str:
    s, e = d.status, html.escape
    facts = [
        f"<b>{e(d.state_text)}</b>",
        f"owner {e(s.owner or '—')}",
        f"reviewer {e(s.reviewer or '—')}",
        f"review by {s.review_by.isoformat() if s.review_by else 'not set'}",
    ]
    lines = [f"<h3>{e(s.title)}</h3>", f"<p><code>{e(s.key)}</code> · {' · '.join(facts)}</p>"]
    if d.replaced_by:
        lines.append(f"<p>Replaced by <code>{e(d.replaced_by)}</code>.</p>")
    if s.read_only:
        lines.append(f"<p>Read-only here: imported from {e(s.origin or 'a signed pack')}.</p>")
    if d.decks_using:
        lines.append(f"<p>Used in {d.decks_using} built deck(s).</p>")
    return "".join(lines)


class DetailPane(Jobs, QWidget):
    status = Signal(str)
    error = Signal(str)
    changed = Signal()  # an action changed the library
    loaded = Signal()

    def __init__(self, db_path: Path, ops: list | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._init_jobs(ops)
        self.key: str | None = None
        self.detail = None

        self.header = QLabel(EMPTY)
        self.header.setAccessibleName("Module status")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.preview = SlidePreviewPane(self.db_path, self.ops)
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName("Comment")
        self.comment.setPlaceholderText(
            "A comment for the review trail; it goes with Submit, Retire and Restore too."
        )
        self.comment.setMaximumHeight(70)
        self.comment_button = self._button("Add comment", "Add the comment to the review trail")
        self.comment_button.clicked.connect(self.add_comment)
        self.submit_button = self._button("Submit for review", "Submit the draft for review")
        self.submit_button.clicked.connect(self.submit)
        self.replacement = QComboBox()
        self.replacement.setAccessibleName("Replacement module")
        self.replacement.setPlaceholderText("Replace with…")
        self.replacement.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.replacement.setMinimumContentsLength(12)  # a narrow pane: titles elide
        self.retire_button = self._button("Retire", "Retire the module")
        self.retire_button.clicked.connect(self.retire)
        self.until = QDateEdit()
        self.until.setAccessibleName("Next review date")
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("yyyy-MM-dd")
        self.reviewed_button = self._button(
            "Mark reviewed until", "Confirm the module is accurate until the date"
        )
        self.reviewed_button.clicked.connect(self.mark_reviewed)
        self.history = HistoryPane(self.db_path, self.ops)
        self.history.error.connect(self.error)
        self.history.restore_requested.connect(self.restore)

        row1 = QHBoxLayout()
        row1.addWidget(self.comment_button)
        row1.addWidget(self.submit_button)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        for w in (QLabel("Replace with:"), self.replacement, self.retire_button):
            row2.addWidget(w)
        row3 = QHBoxLayout()
        row3.addWidget(self.reviewed_button)
        row3.addWidget(self.until)
        row3.addStretch(1)
        self.actions = QWidget()
        av = QVBoxLayout(self.actions)
        av.setContentsMargins(0, 0, 0, 0)
        av.addWidget(self.comment)
        av.addLayout(row1)
        av.addLayout(row2)
        av.addLayout(row3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.preview)
        layout.addWidget(self.actions)
        layout.addWidget(self.history, 1)
        self._show(False)

    def _button(self, text: str, accessible: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(accessible)
        return button

    def _show(self, on: bool) -> None:
        self.actions.setVisible(on)
        self.history.setVisible(on)
        if not on:
            self.header.setText(EMPTY)

    # loading -------------------------------------------------------------------------------

    def show_module(self, key: str | None) -> None:
        self.key = key
        self.preview.show_module(key)  # drawn beside the detail's load, not after it
        if key is None:
            self.detail = None
            self.history.clear()
            self._show(False)
            return
        self.reload()

    def reload(self) -> None:
        if self.key is None:
            return
        key = self.key
        self._enable(frozenset())  # nothing to press until the fresh state is shown
        self._start(lambda ctx: jobs.detail(ctx, key), self._loaded, self._load_failed)

    def _load_failed(self, message: str) -> None:
        self.error.emit(message)
        self.show_module(None)

    def _loaded(self, d) -> None:
        if d.status.key != self.key:
            return  # the user opened another module meanwhile
        first = self.detail is None or self.detail.status.key != d.status.key
        if not first:
            self.preview.refresh()  # an action may have changed what the slide shows
        self.detail = d
        self.header.setText(header_html(d))
        self.header.setToolTip(f"Row version {d.status.row_version}")
        chosen = self.replacement.currentData() if not first else None
        self.replacement.clear()
        self.replacement.addItem("No replacement", "")
        for key, title in d.replacements:
            self.replacement.addItem(f"{title} ({key})", key)
        self.replacement.setCurrentIndex(
            -1 if chosen is None else self.replacement.findData(chosen)
        )
        if first:  # a date the user picked survives a reload of the same module
            r = d.suggested_review_by
            self.until.setDate(QDate(r.year, r.month, r.day))
        self.history.show_history(d)
        self._enable(d.actions)
        self._show(True)
        self.loaded.emit()

    def _enable(self, actions: frozenset[str]) -> None:
        self.comment_button.setEnabled("comment" in actions)
        self.submit_button.setEnabled("submit" in actions)
        for w in (self.retire_button, self.replacement):
            w.setEnabled("retire" in actions)
        for w in (self.reviewed_button, self.until):
            w.setEnabled("reviewed" in actions)
        self.history._can_restore = "restore" in actions

    # actions -------------------------------------------------------------------------------

    def _act(self, job, args: tuple, said, *, sends_comment: bool = True) -> None:
        """Run one review action with the row version shown; reload after, whatever happens."""
        if self.detail is None:
            return
        key, expected = self.detail.status.key, self.detail.status.row_version
        sent = self.comment.toPlainText()

        def done(result) -> None:
            if sends_comment and self.comment.toPlainText() == sent:
                self.comment.clear()  # it is in the trail now; text typed since is kept
            self.status.emit(said(result))
            self.changed.emit()
            self.reload()

        def failed(message: str) -> None:
            self.error.emit(message)
            self.reload()

        self._enable(frozenset())
        self._start(lambda ctx: job(ctx, key, expected, *args), done, failed)

    def submit(self) -> None:
        text = self.comment.toPlainText()
        self._act(jobs.submit, (text,), lambda s: f"{s.key} submitted: now {_state(s)}.")

    def retire(self) -> None:
        if self.replacement.currentIndex() < 0:
            self.error.emit(CHOOSE_REPLACEMENT)
            return
        replacement = self.replacement.currentData() or None
        text = self.comment.toPlainText()

        def said(r) -> str:
            instead = f"; reps are pointed to {r.replacement.key}" if r.replacement else ""
            flagged = f" {len(r.affected_decks)} built deck(s) flagged." if r.affected_decks else ""
            return f"{r.status.key} retired{instead}.{flagged}"

        self._act(jobs.retire, (replacement, text), said)

    def mark_reviewed(self) -> None:
        until = self.until.date().toPython()
        self._act(
            jobs.reviewed,
            (until,),
            lambda s: f"{s.key} reviewed; next review by {s.review_by}.",
            sends_comment=False,
        )

    def restore(self, number: int) -> None:
        note = self.comment.toPlainText()
        self._act(
            jobs.restore,
            (number, note),
            lambda r: f"Version {number} of {r.status.key} restored as version {r.number}.",
        )

    def add_comment(self) -> None:
        if self.detail is None:
            return
        key, text = self.detail.status.key, self.comment.toPlainText()

        def done(_none) -> None:
            if self.comment.toPlainText() == text:
                self.comment.clear()
            self.status.emit(f"Comment added to {key}.")
            self.reload()

        self._start(lambda ctx: jobs.comment(ctx, key, text), done)


def _state(status) -> str:
    from enabler.domain.lifecycle import describe  # lazily: the page is built at start-up

    return describe(status)
