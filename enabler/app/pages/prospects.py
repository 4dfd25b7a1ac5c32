"""Prospects: the list, and the profile of the one selected (committee, insights)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from enabler.app.models import ListModel
from enabler.app.ops import Background, Operation
from enabler.app.pages.prospect_dialogs import ContactDialog, InsightDialog, ProspectDialog
from enabler.app.pages.segments import AddThenRemove, SegmentPanel

IMPORT_SHORTCUT = "Ctrl+Shift+I"
# Offered in the committee dialog besides the personas segment research knows (any may be typed).
COMMON_PERSONAS = ("CFO", "CIO", "VP Operations", "Compliance Officer", "Procurement")
INSIGHT_SHORTCUT = "Ctrl+Shift+N"
NO_PROSPECTS = (
    f"No prospects yet. Import them from your CRM's CSV export ({IMPORT_SHORTCUT}), or add "
    "one with New prospect…."
)


def profile_html(profile, today: dt.date | None = None) -> str:
    """The profile as simple rich text; every user string is escaped. Insights older than the
    library's `insights.stale_after_days` are marked stale."""
    today = today or dt.date.today()
    stale_after = dt.timedelta(days=profile.stale_after_days)
    p = profile.prospect
    e = html.escape
    parts = [
        f"<h2>{e(p.company)}</h2>",
        f"<p>{e(p.industry)} · {e(p.stage.label)} · {e(p.region)} · rep {e(p.owner_rep)}</p>",
    ]
    if p.pains:
        parts.append("<h3>Pains</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in p.pains) + "</ul>")
    if profile.contacts:
        parts.append(
            "<h3>Buying committee</h3><ul>"
            + "".join(
                f"<li><b>{e(c.name)}</b>, {e(c.title)} — {e(c.role)}, {e(c.persona)}, "
                f"influence {e(c.influence)}, {e(c.stance)}</li>"
                for c in profile.contacts
            )
            + "</ul>"
        )
    if profile.insights:
        items = []
        for i in profile.insights:
            stale = i.date is not None and today - i.date > stale_after
            mark = " <i>(stale)</i>" if stale else ""
            items.append(
                f"<li>{e(str(i.date or ''))} · {e(i.kind.value)}: {e(i.text)}"
                f" — {e(i.source)}{mark}</li>"
            )
        parts.append("<h3>Insights</h3><ul>" + "".join(items) + "</ul>")
    return "".join(parts)


def _prospects(ctx):
    from enabler.services import browse

    return browse.prospects(ctx.open_db())


def _profile(ctx, pid: int):
    from enabler.services import browse

    return browse.profile(ctx.open_db(), pid)


def _add_insight(ctx, pid: int, fields: dict):
    from enabler.services.insights import add_insight

    return add_insight(ctx.open_db(), str(pid), **fields)


def _add_contact(ctx, pid: int, fields: dict):
    from enabler.services.prospects import add_contact

    fields = dict(fields)
    return add_contact(ctx.open_db(), str(pid), fields.pop("name"), **fields)


def _remove_contact(ctx, contact_id: int):
    from enabler.services.prospects import remove_contact

    return remove_contact(ctx.open_db(), contact_id)


def _add_prospect(ctx, fields: dict):
    from enabler.services.prospects import add_prospect

    fields = dict(fields)
    return add_prospect(ctx.open_db(), fields.pop("company"), fields)


class ProspectsPage(Background, QWidget):
    error = Signal(str)
    status = Signal(str)

    def __init__(self, db_path: Path, undo_stack: QUndoStack | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.ops: list[Operation] = []
        self.op: Operation | None = None  # a running CRM import (the window asks before quitting)
        self.wizard = None
        self.search = QLineEdit(placeholderText="Search prospects…")
        self.search.setAccessibleName("Search prospects")
        self.model = ListModel(text=lambda p: p.company)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setAccessibleName("Prospects")
        self.view.setModel(self.proxy)
        self.view.selectionModel().currentChanged.connect(self._chosen)
        self.import_action = QAction("Import from CRM…", self)
        self.import_action.setShortcut(QKeySequence(IMPORT_SHORTCUT))
        self.import_action.triggered.connect(self.open_import_wizard)
        self.addAction(self.import_action)
        self.import_button = QPushButton(f"Import from CRM… ({IMPORT_SHORTCUT})")
        self.import_button.setAccessibleName("Import prospects from a CRM export")
        self.import_button.clicked.connect(self.open_import_wizard)
        self.new_button = QPushButton("New prospect…")
        self.new_button.clicked.connect(self.open_prospect_dialog)
        self.insight_action = QAction("Add insight…", self)
        self.insight_action.setShortcut(QKeySequence(INSIGHT_SHORTCUT))
        self.insight_action.triggered.connect(self.open_insight_dialog)
        self.addAction(self.insight_action)
        self.insight_button = QPushButton(f"Add insight… ({INSIGHT_SHORTCUT})")
        self.insight_button.setAccessibleName("Add an insight about this prospect")
        self.insight_button.setToolTip("Record what you learned: dated, sourced, undoable")
        self.insight_button.clicked.connect(self.open_insight_dialog)
        self.insight_button.setEnabled(False)
        self.contact_button = QPushButton("Add to committee…")
        self.contact_button.setAccessibleName("Add someone to the buying committee")
        self.contact_button.clicked.connect(self.open_contact_dialog)
        self.contact_button.setEnabled(False)
        self.dialog = None  # the open insight or prospect dialog (tests fill it)
        self.current = None  # the prospect shown
        self._select_after_refresh: str | None = None  # a prospect just added
        self.detail = QLabel("Select a prospect to see their buying committee and insights.")
        self.detail.setAccessibleName("Prospect profile")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.detail)
        self.segments = SegmentPanel(self.db_path, undo_stack, self)
        self.segments.error.connect(self.error)
        self.segments.status.connect(self.status)
        self.segments.changed.connect(self.reload_profile)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.search)
        lv.addWidget(self.view)
        lv.addWidget(self.new_button)
        lv.addWidget(self.import_button)
        profile = QWidget()
        pv = QVBoxLayout(profile)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(scroll, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.insight_button)
        actions.addWidget(self.contact_button)
        actions.addStretch(1)
        pv.addLayout(actions)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(profile)
        right.addWidget(self.segments)
        right.setSizes([420, 260])
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)

    def refresh(self) -> None:
        self._start(_prospects, self._listed)

    def _listed(self, prospects) -> None:
        self.model.set_items(prospects)
        company, self._select_after_refresh = self._select_after_refresh, None
        if company:
            self.select_prospect(company)
        if not prospects:
            self.detail.setText(NO_PROSPECTS)

    def select_prospect(self, company: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, Qt.ItemDataRole.UserRole).company == company:
                self.view.setCurrentIndex(index)
                return True
        return False

    def _chosen(self, current, _previous) -> None:
        self.current = (
            self.proxy.data(current, Qt.ItemDataRole.UserRole) if current.isValid() else None
        )
        pid = self.current.id if self.current is not None else None
        self.insight_button.setEnabled(pid is not None)
        self.contact_button.setEnabled(pid is not None)
        if pid is not None:
            self._load_profile(pid)
        self.segments.show_prospect(pid)

    def reload_profile(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._load_profile(self.proxy.data(index, Qt.ItemDataRole.UserRole).id)

    def _load_profile(self, pid: int) -> None:
        self._start(
            lambda ctx: _profile(ctx, pid), lambda prof: self.detail.setText(profile_html(prof))
        )

    # adding ----------------------------------------------------------------------------------

    def open_insight_dialog(self) -> InsightDialog | None:
        if self.current is None:
            self.error.emit("Select a prospect first, then add what you learned about them.")
            return None
        prospect = self.current
        self.dialog = InsightDialog(prospect.company, self)
        self.dialog.accepted.connect(lambda: self.add_insight(prospect, self.dialog.fields()))
        self.dialog.open()
        return self.dialog

    def add_insight(self, prospect, fields: dict) -> None:
        """Add it in the background, as one undo step (undo removes it again)."""
        self.segments.undo_stack.push(
            AddThenRemove(
                self.segments,
                f"Add insight to {prospect.company}",
                lambda ctx: _add_insight(ctx, prospect.id, fields),
                f"Insight added to {prospect.company}.",
            )
        )

    def open_contact_dialog(self) -> ContactDialog | None:
        if self.current is None:
            self.error.emit("Select a prospect first, then add who is on their committee.")
            return None
        prospect = self.current
        known = self.segments.research.personas if self.segments.research else ()
        personas = dict.fromkeys((*known, *COMMON_PERSONAS))
        self.dialog = ContactDialog(prospect.company, personas, self)
        self.dialog.accepted.connect(lambda: self.add_contact(prospect, self.dialog.fields()))
        self.dialog.open()
        return self.dialog

    def add_contact(self, prospect, fields: dict) -> None:
        """Add them in the background, as one undo step (undo removes them again)."""
        name = " ".join(fields.get("name", "").split())
        self.segments.undo_stack.push(
            AddThenRemove(
                self.segments,
                f"Add {name} to {prospect.company}'s committee",
                lambda ctx: _add_contact(ctx, prospect.id, fields),
                f"{name} added to {prospect.company}'s committee.",
                remove=_remove_contact,
            )
        )

    def open_prospect_dialog(self) -> ProspectDialog:
        self.dialog = ProspectDialog(self)
        self.dialog.accepted.connect(lambda: self.add_prospect(self.dialog.fields()))
        self.dialog.open()
        return self.dialog

    def add_prospect(self, fields: dict) -> None:
        def added(prospect) -> None:
            self.status.emit(f"Added {prospect.company}; add their buying committee and pains.")
            self._select_after_refresh = prospect.company
            self.refresh()

        self._start(lambda ctx: _add_prospect(ctx, fields), added)

    # CRM import ------------------------------------------------------------------------------

    def open_import_wizard(self):
        """Open the CRM import wizard (window-modal); the list refreshes after an import."""
        from enabler.app.pages.crm_wizard import CrmImportWizard  # built on first use

        if self.wizard is not None:
            if self.wizard.isVisible():
                self.wizard.raise_()
                return self.wizard
            if not self.wizard.ops:  # a closed wizard still importing is left to finish
                self.wizard.deleteLater()
        self.wizard = CrmImportWizard(self.db_path, self)
        self.wizard.applying.connect(self._importing)
        self.wizard.imported.connect(self._imported)
        self.wizard.open()
        return self.wizard

    def _importing(self, op: Operation) -> None:
        self.op = op

    def _imported(self, report) -> None:
        from enabler.app.crm_models import count_line

        self.status.emit(f"Imported {report.file}: {count_line(report)}.")
        self.refresh()
