"""Prospects: the list, and the profile of the one selected (details, insights), with its
buying committee as a table. Adding, editing and removing go through the undo stack."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enabler.app.background import Background
from enabler.app.closed_deals import hidden_by_filter, shown_prospects
from enabler.app.committee_model import CommitteeModel
from enabler.app.models import ListModel
from enabler.app.ops import Operation
from enabler.app.pages.prospects.dialogs import (
    InsightDialog,
    ProspectDialog,
)
from enabler.app.pages.prospects.editing import ProspectEditing
from enabler.app.pages.segments import AddThenRemove, SegmentPanel
from enabler.domain.refs import ProspectRef

IMPORT_SHORTCUT = "Ctrl+Shift+I"
INSIGHT_SHORTCUT = "Ctrl+Shift+N"
EDIT_SHORTCUT = "Ctrl+E"
NO_COMMITTEE = "No one on the buying committee yet: Add to committee… says who decides."
NO_PROSPECTS = (
    f"No prospects yet. Import them from your CRM's CSV export ({IMPORT_SHORTCUT}), or add "
    "one with New prospect…."
)


def profile_html(profile, today: dt.date | None = None) -> str:
    """The profile as simple rich text (the committee has its own table); every user string is
    escaped. Insights older than the library's `insights.stale_after_days` are marked stale."""
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
    if p.competitors:
        parts.append(f"<p><b>Competing with:</b> {e(', '.join(p.competitors))}</p>")
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
    """Every prospect, and how the closed deals among them ended (prospect id → outcome)."""
    from enabler.services import browse
    from enabler.services.app_views import closed_deals

    db = ctx.open_db()
    return browse.prospects(db), closed_deals(db)


def _profile(ctx, pid: int):
    from enabler.services import browse

    return browse.profile(ctx.open_db(), pid)


def _add_insight(ctx, pid: int, fields: dict):
    from enabler.services.insights import add_insight

    return add_insight(ctx.open_db(), ProspectRef.by_id(pid), **fields)


def _add_prospect(ctx, fields: dict):
    from enabler.services.prospects import add_prospect

    fields = dict(fields)
    return add_prospect(ctx.open_db(), fields.pop("company"), fields)


class ProspectsPage(ProspectEditing, Background, QWidget):
    error = Signal(str)
    status = Signal(str)
    prospect_chosen = Signal(str)  # the company, for the other pages to follow

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
        self._all: list = []  # every prospect; the list shows open deals unless asked
        self._closed: dict = {}
        self.closed_box = QCheckBox("Show closed deals")
        self.closed_box.setToolTip("Deals already won or lost; their decks count in Insights")
        self.closed_box.toggled.connect(lambda _on: self._list())
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
        self.edit_contact_button = QPushButton("Edit…")
        self.edit_contact_button.setAccessibleName("Edit the chosen committee member")
        self.edit_contact_button.clicked.connect(self.open_edit_contact_dialog)
        self.remove_contact_button = QPushButton("Remove")
        self.remove_contact_button.setAccessibleName("Remove the chosen committee member")
        self.remove_contact_button.setToolTip("Take them off the committee (Delete; Ctrl+Z undoes)")
        self.remove_contact_button.clicked.connect(self.remove_chosen_contact)
        self.edit_action = QAction("Edit prospect…", self)
        self.edit_action.setShortcut(QKeySequence(EDIT_SHORTCUT))
        self.edit_action.triggered.connect(self.open_edit_prospect_dialog)
        self.addAction(self.edit_action)
        self.edit_button = QPushButton(f"Edit prospect… ({EDIT_SHORTCUT})")
        self.edit_button.setAccessibleName("Edit the prospect's details")
        self.edit_button.setToolTip("Industry, stage, region, pains and competitors; undoable")
        self.edit_button.clicked.connect(self.open_edit_prospect_dialog)
        self.edit_button.setEnabled(False)
        self.committee_model = CommitteeModel(self)
        self.committee = QTableView()
        self.committee.setAccessibleName("Buying committee")
        self.committee.setModel(self.committee_model)
        self.committee.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.committee.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.committee.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.committee.verticalHeader().hide()
        header = self.committee.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.committee.doubleClicked.connect(lambda _index: self.open_edit_contact_dialog())
        self.committee.selectionModel().selectionChanged.connect(self._enable_committee)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.committee)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_chosen_contact)
        # Room for four members before scrolling, whatever the window's height.
        rows = self.committee.verticalHeader().defaultSectionSize()
        self.committee.setMinimumHeight(rows * 4 + header.sizeHint().height() + 24)
        self.committee_empty = QLabel(NO_COMMITTEE)
        self.committee_empty.setWordWrap(True)
        # Changes and their undos run one at a time, in the order pressed.
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
        lv.addWidget(self.closed_box)
        lv.addWidget(self.new_button)
        lv.addWidget(self.import_button)
        profile = QWidget()
        pv = QVBoxLayout(profile)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.addWidget(scroll, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.insight_button)
        actions.addWidget(self.edit_button)
        actions.addStretch(1)
        pv.addLayout(actions)
        pv.addWidget(QLabel("<b>Buying committee</b>"))
        pv.addWidget(self.committee_empty)
        pv.addWidget(self.committee, 2)
        people = QHBoxLayout()
        people.addWidget(self.contact_button)
        people.addWidget(self.edit_contact_button)
        people.addWidget(self.remove_contact_button)
        people.addStretch(1)
        pv.addLayout(people)
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("profile-split")  # settings remember it by this name
        right.addWidget(profile)
        right.addWidget(self.segments)
        right.setSizes([520, 220])
        splitter = QSplitter()
        splitter.setObjectName("prospects-split")  # settings remember it by this name
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)
        self._show_committee(())  # no prospect yet: no committee sentence, Edit/Remove off

    def refresh(self) -> None:
        self._start(_prospects, self._listed)

    def _listed(self, result) -> None:
        prospects, self._closed = result
        self._all = list(prospects)
        self._list()
        company, self._select_after_refresh = self._select_after_refresh, None
        if company:
            self.select_prospect(company)
        if not prospects:
            self.detail.setText(NO_PROSPECTS)

    def follow_prospect(self, company: str) -> None:
        """Show `company` once the list (reloaded as the page is shown) has it."""
        if self.current is None or self.current.company != company:
            self._select_after_refresh = company

    def _list(self) -> None:
        self.model.set_items(
            shown_prospects(self._all, self._closed, self.closed_box.isChecked(), self.current)
        )

    def select_prospect(self, company: str) -> bool:
        if hidden_by_filter(company, self.model.items(), self._all):
            self.closed_box.setChecked(True)  # a closed deal asked for by name
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
        if self.current is not None:
            self.prospect_chosen.emit(self.current.company)
        self.insight_button.setEnabled(pid is not None)
        self.contact_button.setEnabled(pid is not None)
        self.edit_button.setEnabled(pid is not None)
        if pid is not None:
            self._load_profile(pid)
        else:
            self._show_committee(())
        self.segments.show_prospect(pid)

    def reload_profile(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self._load_profile(self.proxy.data(index, Qt.ItemDataRole.UserRole).id)

    def _load_profile(self, pid: int) -> None:
        self._start(lambda ctx: _profile(ctx, pid), self._show_profile)

    def _show_profile(self, profile) -> None:
        if self.current is None or profile.prospect.id != self.current.id:
            return  # the rep moved on to another prospect meanwhile
        self.current = profile.prospect  # the latest details (the edit dialog starts from them)
        self.detail.setText(profile_html(profile))
        self._show_committee(profile.contacts)

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
        from enabler.app.pages.crm.wizard import CrmImportWizard  # built on first use

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
