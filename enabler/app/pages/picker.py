"""What the pages that work on one prospect share: the prospect chooser and background calls.

A page mixes in `ProspectPicking` (before QWidget) and provides `db_path`, `ops`, `prospect`,
`prospect_box` (from `_prospect_chooser()`), `empty` (a QLabel), an `error` signal and
`_chosen(index)`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from enabler.app.background import Background

NO_PROSPECTS = "The library has no prospects yet: add some on the Prospects page."


def load_prospects(ctx):
    from enabler.services import browse  # in the worker, off the GUI thread

    return browse.prospects(ctx.open_db())


class ProspectPicking(Background):
    def _init_picking(self, db_path: Path, undo_stack=None) -> None:
        """The state every prospect page starts with, and its prospect combo box."""
        self.db_path = Path(db_path)
        self.undo_stack = undo_stack
        self.op = None
        self.ops = []
        self.prospect = None
        self.prospect_box = self._prospect_chooser()
        self._follow: str | None = None  # the prospect chosen on another page, to show here

    def _prospect_row(self, *right: QWidget) -> QHBoxLayout:
        """ "Prospect: [combo]" on the left, `right` widgets on the right."""
        top = QHBoxLayout()
        top.addWidget(QLabel("Prospect:"))
        top.addWidget(self.prospect_box)
        top.addStretch(1)
        for widget in right:
            top.addWidget(widget)
        return top

    def _prospect_chooser(self) -> QComboBox:
        """The page's prospect combo box; choosing an entry calls `_chosen(index)`."""
        box = QComboBox()
        box.setAccessibleName("Prospect")
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        box.activated.connect(self._chosen)
        return box

    def refresh(self) -> None:
        self._start(load_prospects, self._set_prospects)

    def _set_prospects(self, prospects) -> None:
        current = self.prospect.id if self.prospect else None
        self.prospect_box.clear()
        for p in prospects:
            self.prospect_box.addItem(p.company, p)
        if not prospects:
            self.empty.setText(NO_PROSPECTS)
        index = next((n for n, p in enumerate(prospects) if p.id == current), -1)
        self.prospect_box.setCurrentIndex(index)
        follow, self._follow = self._follow, None
        if follow and (self.prospect is None or self.prospect.company != follow):
            self.select_prospect(follow)

    def follow_prospect(self, company: str) -> None:
        """Show `company` once the list (reloaded as the page is shown) has it."""
        self._follow = company

    def select_prospect(self, company: str) -> bool:
        index = self.prospect_box.findText(company)
        if index < 0:
            return False
        self.prospect_box.setCurrentIndex(index)
        self._chosen(index)
        return True
