"""Segment research on the Prospects page: what marketing found about prospects like this one.

Shows the approved research that matches the selected prospect's industry and committee, lets a
rep promote a finding into the prospect's own insights, and add a segment note. Both go through
the undo stack: undo removes the insight that was added (`insights.remove_insight`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from enabler.app.models import ListModel
from enabler.app.ops import Operation
from enabler.app.runner import Runner
from enabler.domain.refs import ProspectRef

EMPTY = "Select a prospect to see the segment research that applies to them."
KINDS = ("pain", "competitor_activity", "differentiator", "budget", "timing", "other")


def _load(ctx, pid: int):
    from enabler.services.segment_notes import research_for

    return research_for(ctx.open_db(), ProspectRef.by_id(pid))


def _adopt(ctx, research_id: int, pid: int):
    from enabler.services.segment_notes import adopt_research

    return adopt_research(ctx.open_db(), research_id, ProspectRef.by_id(pid))


def _add_note(ctx, fields: dict):
    from enabler.services.insights import add_segment_research

    return add_segment_research(ctx.open_db(), **fields)


def _remove(ctx, insight_id: int):
    from enabler.services.insights import remove_insight

    return remove_insight(ctx.open_db(), insight_id)


def research_text(item) -> str:
    i = item.research.insight
    scope = " · ".join(x for x in (i.industry, i.persona) if x) or "all prospects"
    marks = [" (stale)" if item.research.stale else ""]
    if item.adopted_as:
        marks.append(" ✓ on this prospect")
    return f"[{scope}] {i.kind.label}: {i.text}{''.join(marks)}"


def research_tooltip(item) -> str:
    i = item.research.insight
    return " · ".join(x for x in (str(i.date or "undated"), i.source, i.author) if x)


class AddThenRemove(QUndoCommand):
    """Redo adds an insight (or, given `remove`, another record with an id) in the background;
    undo removes the one that was added."""

    def __init__(self, panel: SegmentPanel, text: str, create, done: str, remove=None) -> None:
        super().__init__(text)
        self.panel, self.create, self.done = panel, create, done
        self.remove = remove or _remove  # (ctx, id) -> the removed record
        self.insight_id: int | None = None
        self.undo_waiting = False  # undo pressed before the add had finished

    def redo(self) -> None:
        self.undo_waiting = False
        self.panel.run(self.create, self._added, self._failed)

    def _added(self, insight) -> None:
        self.insight_id = insight.id
        if self.undo_waiting:
            self.undo()
        else:
            self.panel.status.emit(self.done)
            self.panel.changed.emit()

    def _failed(self, message: str) -> None:
        self.setObsolete(True)  # nothing was added, so there is nothing to undo
        self.panel.error.emit(message)

    def undo(self) -> None:
        if self.insight_id is None:
            self.undo_waiting = True
            return
        insight_id, self.insight_id = self.insight_id, None
        self.panel.run(lambda ctx: self.remove(ctx, insight_id), self._removed)

    def _removed(self, _insight) -> None:
        self.panel.status.emit(f"Undone: {self.text()}.")
        self.panel.changed.emit()


class NoteDialog(QDialog):
    """Marketing-style research for an industry and/or persona."""

    def __init__(self, industry: str, personas, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a segment note")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Research finding")
        self.text.setPlaceholderText("e.g. Healthcare CFOs worry about reimbursement delays.")
        self.industry = QLineEdit(industry)
        self.industry.setAccessibleName("Industry")
        self.persona = QComboBox()
        self.persona.setEditable(True)
        self.persona.setAccessibleName("Persona")
        self.persona.addItems(["", *personas])
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        self.kind.addItems([k.replace("_", " ") for k in KINDS])
        self.source = QLineEdit(placeholderText="Study, survey or report")
        self.source.setAccessibleName("Source")
        form = QFormLayout(self)
        for label, widget in (
            ("Finding", self.text),
            ("Industry", self.industry),
            ("Persona (empty: any)", self.persona),
            ("Kind", self.kind),
            ("Source", self.source),
        ):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)  # a note needs a finding
        self.text.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip()))
        )
        form.addRow(buttons)

    def fields(self) -> dict:
        return {
            "text": self.text.toPlainText(),
            "industry": self.industry.text(),
            "persona": self.persona.currentText(),
            "kind": KINDS[self.kind.currentIndex()],
            "source": self.source.text(),
        }


class SegmentPanel(QWidget):
    error = Signal(str)
    status = Signal(str)
    changed = Signal()  # an insight was added or removed: the profile reloads
    loaded = Signal()

    def __init__(self, db_path: Path, undo_stack: QUndoStack | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.ops: list[Operation] = []
        self.runner = Runner(self.db_path, self)
        self.research = None  # ProspectResearch of the prospect shown
        self.dialog: NoteDialog | None = None
        own_stack = undo_stack is None
        self.undo_stack = undo_stack or QUndoStack(self)
        self.model = ListModel(text=research_text, tooltip=research_tooltip)
        self.view = QListView()
        self.view.setAccessibleName("Segment research")
        self.view.setWordWrap(True)
        self.view.setSpacing(3)
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._enable())
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        self.promote_button = QPushButton("Promote to this prospect")
        self.promote_button.setAccessibleName("Promote the research to this prospect's insights")
        self.promote_button.clicked.connect(self.promote)
        self.add_button = QPushButton("Add segment note…")
        self.add_button.setAccessibleName("Add a segment note")
        self.add_button.clicked.connect(self.open_note_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.promote_button)
        buttons.addWidget(self.add_button)
        if own_stack:  # not sharing the window's Edit ▸ Undo: offer it here
            undo = QToolButton()
            undo.setDefaultAction(self.undo_stack.createUndoAction(self, "Undo"))
            buttons.addWidget(undo)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Segment research</b>"))
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.changed.connect(self.reload)
        self._enable()

    def run(self, fn, on_success, on_failure=None) -> None:
        op = self.runner.write(fn, on_success, on_failure or self.error)  # beside the rest
        op.done.connect(lambda: self.ops.remove(op))
        self.ops.append(op)

    def show_prospect(self, pid: int | None) -> None:
        if pid is None:
            self.research = None
            self.model.set_items([])
            self.empty.setText(EMPTY)
            self._enable()
            return
        self.run(lambda ctx: _load(ctx, pid), self._loaded)

    def reload(self) -> None:
        if self.research is not None:
            self.show_prospect(self.research.prospect.id)

    def _loaded(self, research) -> None:
        self.research = research
        self.model.set_items(research.items)
        p = research.prospect
        if research.items:
            self.empty.setText(
                f"Research that matches {p.company} ({p.industry or 'no industry'}, "
                f"{', '.join(research.personas) or 'no personas'}):"
            )
        else:
            self.empty.setText(
                f"No segment research matches {p.company} ({p.industry or 'no industry'}) yet. "
                "Add a segment note to record what you know about companies like them."
            )
        self._enable()
        self.loaded.emit()

    def selected(self):
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        item = self.selected()
        self.promote_button.setEnabled(item is not None and not item.adopted_as)
        self.add_button.setEnabled(self.research is not None)

    def promote(self) -> None:
        item = self.selected()
        if item is None or self.research is None:
            return
        rid, prospect = item.research.insight.id, self.research.prospect
        self.undo_stack.push(
            AddThenRemove(
                self,
                f"Promote research #{rid} to {prospect.company}",
                lambda ctx: _adopt(ctx, rid, prospect.id),
                f"Research #{rid} is now one of {prospect.company}'s insights.",
            )
        )

    def open_note_dialog(self) -> NoteDialog | None:
        if self.research is None:
            return None
        p = self.research.prospect
        self.dialog = NoteDialog(p.industry, self.research.personas, self)
        self.dialog.accepted.connect(lambda: self.add_note(self.dialog.fields()))
        self.dialog.open()
        return self.dialog

    def add_note(self, fields: dict) -> None:
        scope = fields.get("industry") or fields.get("persona") or "a segment"
        self.undo_stack.push(
            AddThenRemove(
                self,
                f"Add research for {scope}",
                lambda ctx: _add_note(ctx, fields),
                f"Segment note added for {scope}; it shows on every matching prospect.",
            )
        )
