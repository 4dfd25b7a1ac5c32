"""Who this copy of Enabler acts as: shown above the review queue, and set with a small form.

Governance actions write a name into the review trail and the audit log, so they need a local
profile (`governance.set_profile`); this is workflow, not security.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from enabler.app.pages.library import jobs
from enabler.app.pages.library.jobs import Jobs

MISSING = (
    "<b>Tell Enabler who you are before reviewing.</b> Your name goes into the review trail "
    "and the audit log with every approval or rejection, and only the marketing role may "
    "approve. Type your name, pick your role and press <i>Save</i> (on the command line: "
    "<code>enabler profile set --name 'Your Name' --role marketing</code>)."
)


class ProfileBox(Jobs, QWidget):
    status = Signal(str)
    error = Signal(str)
    saved = Signal(object)  # the new Profile

    def __init__(self, db_path: Path, ops: list | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._init_jobs(ops)
        self.profile = None

        self.who = QLabel()
        self.who.setAccessibleName("Who you are")
        self.who.setWordWrap(True)
        self.who.setTextFormat(Qt.TextFormat.RichText)
        self.change_button = QPushButton("Change…")
        self.change_button.setAccessibleName("Change who you are")
        self.change_button.clicked.connect(lambda: self.form.setVisible(not self.form.isVisible()))
        self.name = QLineEdit(placeholderText="Your name, e.g. Lena Brandt")
        self.name.setAccessibleName("Your name")
        self.role = QComboBox()
        self.role.setAccessibleName("Your role")
        self.role.addItem("Marketing (maintains and approves the library)", "marketing")
        self.role.addItem("Sales (uses the library)", "sales")
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save who you are")
        self.save_button.clicked.connect(self.save)
        self.name.returnPressed.connect(self.save)

        self.form = QWidget()
        fl = QHBoxLayout(self.form)
        fl.setContentsMargins(0, 0, 0, 0)
        for w in (QLabel("Name:"), self.name, QLabel("Role:"), self.role, self.save_button):
            fl.addWidget(w)
        top = QHBoxLayout()
        top.addWidget(self.who, 1)
        top.addWidget(self.change_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.form)

    def show_profile(self, profile) -> None:
        """Show who we are; with nobody set up, explain why it matters and open the form."""
        self.profile = profile
        if profile is None:
            self.who.setText(MISSING)
            self.change_button.hide()
            self.form.show()
            return
        self.who.setText(
            f"You review as <b>{html.escape(profile.name)}</b> ({profile.role.value})."
        )
        self.change_button.show()
        self.form.hide()
        if not self.name.text():
            self.name.setText(profile.name)
        self.role.setCurrentIndex(max(self.role.findData(profile.role.value), 0))

    def save(self) -> None:
        name, role = self.name.text(), self.role.currentData()

        def done(profile) -> None:
            self.status.emit(f"You are now {profile.name} ({profile.role.value}).")
            self.show_profile(profile)
            self.saved.emit(profile)

        self._start(lambda ctx: jobs.set_profile(ctx, name, role), done)
