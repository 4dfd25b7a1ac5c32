"""File ▸ Team channel…: where the team's shared folder or WebDAV address is, and whether
prospect company names travel in field reports.

Loading and saving run in the background (saving checks that the location can be reached and
written, which may take a moment over the network). With no channel yet the dialog says what a
channel is for and what to type, instead of showing blank fields.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from enabler.app.channel import jobs
from enabler.app.runner import Runner

EMPTY = (
    "<b>No team channel yet.</b> A channel is storage your team already shares — a synced "
    "folder (OneDrive, SharePoint, Dropbox, a network share) or a WebDAV address such as "
    "Nextcloud. Marketing publishes approved library releases there; reps receive them and "
    "send back field reports (decks built, ratings, outcomes, objections). Everyone uses the "
    "same location."
)
SET = "This library syncs with the team channel below at start and every few minutes."
CREDENTIALS = (
    "For a web address, the user name and password come from your system keyring, the "
    "ENABLER_CHANNEL_USER / ENABLER_CHANNEL_PASSWORD variables or ~/.netrc — never from here."
)


def when(iso: str | None) -> str:
    """'2026-12-07 09:30 UTC' from a stored ISO time; 'never' without one."""
    if not iso:
        return "never"
    try:
        at = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


class ChannelDialog(QDialog):
    saved = Signal(object)  # ChannelInfo
    error = Signal(str)

    def __init__(self, db_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Team channel")
        self.runner = Runner(Path(db_path), self)
        self.info = None
        self.intro = QLabel("Loading…")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.location = QLineEdit(
            placeholderText="A shared folder, or https://cloud.example.com/remote.php/dav/…"
        )
        self.location.setAccessibleName("Channel location")
        self.browse_button = QPushButton("Choose folder…")
        self.browse_button.clicked.connect(self.choose_folder)
        self.share = QCheckBox("Prospect company names travel in field reports")
        self.share.setToolTip("Contact names never leave this computer.")
        self.share.setChecked(True)
        self.reporter = QLabel("–")
        self.reporter.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_sync = QLabel("never")
        self.note = QLabel(CREDENTIALS)
        self.note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020")
        self.problem.hide()
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow("Location:", where)
        form.addRow("", self.share)
        form.addRow("This computer reports as:", self.reporter)
        form.addRow("Last sync:", self.last_sync)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with the text
        self.location.setMinimumWidth(380)
        self.runner.refresh(jobs.show, self.show_info, self._failed)

    def show_info(self, info) -> None:
        self.info = info
        if info.location is None:
            self.intro.setText(EMPTY)
            self.reporter.setText("a key is made when you save a location")
            self.adjustSize()
            return
        self.intro.setText(SET)
        self.location.setText(info.location)
        self.share.setChecked(info.share_company_names)
        self.reporter.setText(info.reporter_fingerprint[:16] if info.reporter_fingerprint else "–")
        self.last_sync.setText(when(info.last_sync))
        self.adjustSize()

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Team channel folder", self.location.text())
        if folder:
            self.location.setText(folder)

    def save(self) -> None:
        location, share = self.location.text(), self.share.isChecked()
        self.buttons.setEnabled(False)
        self.problem.hide()

        def done(info) -> None:
            self.buttons.setEnabled(True)
            self.show_info(info)
            self.saved.emit(info)
            self.accept()

        self.runner.write(lambda ctx: jobs.save(ctx, location, share), done, self._failed)

    def _failed(self, message: str) -> None:
        """Say it inside the dialog, so the user can correct the location and try again."""
        self.buttons.setEnabled(True)
        self.problem.setText(message)
        self.problem.show()
        self.error.emit(message)
