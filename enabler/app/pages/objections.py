"""Objections: a prospect's checklist with states and notes, the battlecards in play, and the
one-page prep sheet. Every change is saved through `enabler.services.objections.checklists.mark`
with the
version the rep saw, so a concurrent edit is refused with a clear message and the list reloads.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enabler.app.pages.picker import ProspectPicking
from enabler.app.widgets.table_fit import fit_columns
from enabler.app.widgets.table_models import ChecklistModel
from enabler.domain.refs import CustomItemRef, ObjectionRef

STATES = ("open", "raised", "answered", "parked")
EMPTY = "Pick a prospect to see the objections they are likely to raise."


def _load(ctx, prospect):
    from enabler.services.objections import checklists as objections

    db = ctx.open_db()
    cl = objections.checklist(db, prospect)
    return cl, objections.battlecards_in_play(db, cl)


def _mark(ctx, prospect, ref, state, note, version):
    from enabler.services.objections import checklists as objections

    item = CustomItemRef.parse(ref) or ObjectionRef.by_name(ref)
    return objections.mark(ctx.open_db(), prospect, item, state, note, expected_version=version)


def _export(ctx, prospect, out):
    from enabler.services.objections.prep_sheet import write_prep_sheet

    return write_prep_sheet(ctx.open_db(), prospect, out)


def cards_html(cards) -> str:
    e = html.escape
    if not cards:
        return "<i>No competitor is in play for this prospect: no battlecards needed.</i>"
    parts = []
    for c in cards:
        claims = "".join(f"<li>{e(d.claim)}</li>" for d in c.differentiators[:4])
        mines = "".join(f"<li>{e(q)}</li>" for q in c.landmines[:3])
        parts.append(
            f"<h3>vs {e(c.competitor)}</h3><p>{e(c.summary)}</p>"
            + (f"<b>Why us</b><ul>{claims}</ul>" if claims else "")
            + (f"<b>Questions to ask</b><ul>{mines}</ul>" if mines else "")
        )
    return "".join(parts)


class StateDelegate(QStyledItemDelegate):
    """A combo of the four states for the State column."""

    def createEditor(self, parent, _option, _index):
        box = QComboBox(parent)
        box.setAccessibleName("Objection state")
        for s in STATES:
            box.addItem(s.capitalize(), s)
        return box

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData())


class MarkItem(QUndoCommand):
    """Set an item's state and note; undo marks it back (both saved through the service)."""

    def __init__(self, page: ObjectionsPage, ref: str, old: tuple, new: tuple) -> None:
        super().__init__(f"Mark objection {ref}")
        self.page, self.ref, self.old, self.new = page, ref, old, new
        self.prospect = page.prospect  # undo after switching prospect still hits this one

    def redo(self) -> None:
        self.page.mark(self.ref, *self.new, prospect=self.prospect)

    def undo(self) -> None:
        self.page.mark(self.ref, *self.old, prospect=self.prospect)


class ObjectionsPage(ProspectPicking, QWidget):
    error = Signal(str)
    status = Signal(str)
    loaded = Signal()
    exported = Signal(object)

    def __init__(self, db_path: Path, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self._init_picking(db_path, undo_stack)
        self.checklist = None
        self.progress = QLabel()
        self.progress.setAccessibleName("Checklist progress")
        top = self._prospect_row(self.progress)

        self.model = ChecklistModel(self)
        self.model.edit_requested.connect(self.request_mark)
        self.table = QTableView()
        self.table.setAccessibleName("Objection checklist")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ChecklistModel.STATE, StateDelegate(self.table))
        fit_columns(self.table)  # Note and Why wrap instead of being cut
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.cards = QLabel()
        self.cards.setAccessibleName("Battlecards in play")
        self.cards.setTextFormat(Qt.TextFormat.RichText)
        self.cards.setWordWrap(True)
        self.cards.setAlignment(Qt.AlignmentFlag.AlignTop)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.empty)
        lv.addWidget(self.table, 1)
        splitter = QSplitter()
        splitter.setObjectName("objections-split")  # settings remember it by this name
        splitter.addWidget(left)
        scroll = QScrollArea()  # battlecards can be long: they scroll, the checklist stays put
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.cards)
        scroll.setMinimumWidth(220)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([680, 240])  # the checklist's Note and Why need the room

        self.output = QLineEdit(placeholderText="Where to save the prep sheet (.pdf)")
        self.output.setAccessibleName("Prep sheet file")
        self.export_button = QPushButton("Export prep sheet…")
        self.export_button.setAccessibleName("Export prep sheet")
        self.export_button.clicked.connect(self.export)
        bottom = QHBoxLayout()
        bottom.addWidget(self.output, 1)
        bottom.addWidget(self.export_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._show(False)

    def _show(self, on: bool) -> None:
        self.table.setVisible(on)
        self.empty.setVisible(not on)
        self.export_button.setEnabled(self.prospect is not None)

    def _chosen(self, index: int) -> None:
        self.prospect = self.prospect_box.itemData(index)
        self.reload()

    def reload(self) -> None:
        if self.prospect is not None:
            prospect = self.prospect
            self._start(lambda ctx: _load(ctx, prospect), self._loaded)

    def _loaded(self, result) -> None:
        cl, cards = result
        self.checklist = cl
        self.model.set_items(cl.items)
        self.progress.setText(cl.progress.label)
        self.cards.setText(cards_html(cards))
        if not cl.items:
            self.empty.setText(
                f"No objections are likely for {cl.prospect.company} yet. Add insights on the "
                "Prospects page (pains, competitors) and the checklist fills in."
            )
        self._show(bool(cl.items))
        self.loaded.emit()

    # edits ---------------------------------------------------------------------------------

    def request_mark(self, ref: str, state: str, note: str) -> None:
        item = self.model.item(self.model.row_of(ref))
        old, new = (item.state.value, item.note), (state, note)
        if self.undo_stack is not None:
            self.undo_stack.push(MarkItem(self, ref, old, new))
        else:
            self.mark(ref, *new)

    def mark(self, ref: str, state: str, note: str, prospect=None) -> None:
        """Save through the service with the version shown; a conflict reloads the list."""
        prospect = prospect or self.prospect
        shown = self.prospect is not None and prospect.id == self.prospect.id
        item = next((i for i in self.model.items if i.ref == ref), None) if shown else None
        version = item.version if item is not None else None

        def failed(message: str) -> None:
            self.error.emit(message)
            self.reload()

        def marked(saved) -> None:
            self.status.emit(f"“{saved.text}” marked {saved.state.value}.")
            self.reload()

        self._start(lambda ctx: _mark(ctx, prospect, ref, state, note, version), marked, failed)

    def export(self) -> None:
        if self.prospect is None:
            return
        out = self.output.text().strip()
        if not out:
            self.error.emit("Type where to save the prep sheet (a .pdf path), then export.")
            return
        prospect = self.prospect

        def written(result) -> None:
            self.status.emit(f"Prep sheet written to {result.path} ({result.pages} page).")
            self.exported.emit(result)

        self._start(lambda ctx: _export(ctx, prospect, Path(out)), written)
