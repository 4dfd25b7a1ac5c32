"""Library ▸ Glossary: the shared terms, added, edited and removed with undo.

Every change runs in the background through `enabler.services.library.glossary_edits`, which
refuses to
overwrite a term someone else changed since it was listed; the service's sentence (a bad name, an
empty definition, a conflict) is shown under the form, and the list is reloaded.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enabler.app import theme
from enabler.app.background import Background
from enabler.app.glossary_commands import (
    AddTerm,
    EditTerm,
    RemoveTerm,
    add_change,
    delete_change,
    update_change,
)
from enabler.app.glossary_model import GlossaryModel
from enabler.app.ops import Operation

EMPTY = "The glossary is empty: type a term and its definition below, then press Add."


def _terms(ctx):
    from enabler.services.library import glossary

    return glossary.list_terms(ctx.open_db())


def _run_change(ctx, change):
    from enabler.services.library import governance

    db = ctx.open_db()
    return change(db, governance.require_profile(db))


class GlossaryTab(Background, QWidget):
    status = Signal(str)
    error = Signal(str)
    changed = Signal()
    applied = Signal()  # a change (or its undo/redo) finished and the list was reloaded

    def __init__(self, db_path: Path, undo_stack: QUndoStack | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.op: Operation | None = None
        self.ops: list[Operation] = []
        self.editing = None  # the GlossaryTerm the form shows, None for a new term

        self.filter = QLineEdit(placeholderText="Filter terms and definitions…")
        self.filter.setAccessibleName("Filter glossary")
        self.model = GlossaryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QTableView()
        self.view.setAccessibleName("Glossary terms")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.view.horizontalHeader()
        for column in (0, 1, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.view.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)

        self.label = QLineEdit(placeholderText="e.g. Qualified lead")
        self.label.setAccessibleName("Term")
        self.label.textChanged.connect(self._check)
        self.definition = QPlainTextEdit(placeholderText="What the term means here")
        self.definition.setAccessibleName("Definition")
        self.definition.setTabChangesFocus(True)
        self.definition.setFixedHeight(90)
        self.definition.textChanged.connect(self._check)
        self.hint = QLabel()
        self.hint.setAccessibleName("Template name")
        self.problem = QLabel()
        self.problem.setAccessibleName("Glossary problem")
        self.problem.setWordWrap(True)
        self.problem.setProperty("role", "problem")  # coloured by enabler.app.theme
        self.new_button = QPushButton("New term")
        self.new_button.clicked.connect(self.new_term)
        self.save_button = QPushButton("Add")
        self.save_button.clicked.connect(self.save)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.view)
        delete.activated.connect(self.remove)

        form = QFormLayout()
        form.addRow("Term", self.label)
        form.addRow("Definition", self.definition)
        form.addRow("", self.hint)
        buttons = QHBoxLayout()
        for w in (self.new_button, self.save_button, self.remove_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.new_term()

    # loading -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._start(_terms, self._loaded)

    def _loaded(self, terms) -> None:
        shown = self.editing
        self.model.set_terms(terms)
        self.empty.setVisible(not terms)
        now = next((t for t in terms if t.name == shown.name), None) if shown else None
        if shown is not None and now is None:
            self.new_term()  # the term shown was removed (or renamed by an undo)
        elif now is not None:
            self._select(now.name)
            if (now.label, now.definition) != (shown.label, shown.definition):
                self.show_term(now, keep_problem=True)  # changed by an undo, a redo or someone else
            self.editing = now
        self.applied.emit()

    def _select(self, name: str) -> None:
        for row, term in enumerate(self.model.terms):
            if term.name == name:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.selectionModel().blockSignals(True)
                self.view.setCurrentIndex(index)
                self.view.selectionModel().blockSignals(False)

    # the form ------------------------------------------------------------------------------------

    def _row_chosen(self, current, _previous) -> None:
        term = self.proxy.data(current, Qt.ItemDataRole.UserRole) if current.isValid() else None
        if term is not None:
            self.show_term(term)

    def show_term(self, term, *, keep_problem: bool = False) -> None:
        """Put `term` in the form (after a reload, the sentence about the last change stays)."""
        self.editing = term
        self.label.setText(term.label)
        self.definition.setPlainText(term.definition)
        self.save_button.setText("Save")
        for w in (self.label, self.definition, self.save_button, self.remove_button):
            w.setEnabled(not term.read_only)
        if term.read_only:
            self.problem.setText("This term came with a signed pack; its publisher changes it.")
        elif not keep_problem:
            self.problem.clear()

    def select_term(self, label: str) -> bool:
        term = next((t for t in self.model.terms if t.label == label), None)
        if term is not None:
            self._select(term.name)
            self.show_term(term)
        return term is not None

    def new_term(self) -> None:
        self.editing = None
        self.view.clearSelection()
        self.label.clear()
        self.definition.clear()
        self.save_button.setText("Add")
        for w in (self.label, self.definition, self.save_button):
            w.setEnabled(True)
        self.remove_button.setEnabled(False)
        self.problem.clear()
        self.label.setFocus()

    def _check(self) -> None:
        """The template name as you type, or why the label cannot be one (pure, no I/O)."""
        from enabler.domain.glossary import term_name
        from enabler.errors import InvalidInput

        label = self.label.text().strip()
        try:
            name = term_name(label) if label else ""
        except InvalidInput as exc:
            self.hint.setText(
                f"<span style='color:{theme.colours().problem}'>{html.escape(str(exc))}</span>"
            )
            return
        self.hint.setText(f"Use in slides as {{{{ glossary.{name} }}}}" if name else "")

    # changes -------------------------------------------------------------------------------------

    def apply(self, change, done=None) -> None:
        """Run `change(db, profile)` in the background, then `done(result)` and reload."""

        def finished(result) -> None:
            self.problem.clear()
            if done is not None:
                done(result)
            self.changed.emit()
            self.refresh()

        def failed(message: str) -> None:
            self.problem.setText(message)
            self.status.emit(message)
            self.refresh()

        self._start(lambda ctx: _run_change(ctx, change), finished, failed)

    def save(self) -> None:
        """Add the term in the form, or save the changes to the term shown."""
        label, definition = self.label.text(), self.definition.toPlainText()
        before = self.editing
        if before is None:

            def added(term) -> None:
                self.editing = term
                self.undo_stack.push(AddTerm(self, term))
                self.status.emit(f"Added “{term.label}” to the glossary.")

            self.apply(add_change(label, definition), added)
            return

        def edited(term) -> None:
            self.editing = term
            self.undo_stack.push(EditTerm(self, before, term))
            self.status.emit(f"Saved “{term.label}”.")

        self.apply(update_change(before, label, definition), edited)

    def remove(self) -> None:
        term = self.editing
        if term is None or term.read_only:
            return

        def removed(_term) -> None:
            self.undo_stack.push(RemoveTerm(self, term))
            self.status.emit(f"Removed “{term.label}” (Ctrl+Z brings it back).")
            self.new_term()

        self.apply(delete_change(term), removed)
