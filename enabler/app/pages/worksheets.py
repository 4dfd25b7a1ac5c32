"""Decision: the prospect's decision criteria (fit score, weak spots first) and the mutual action
plan (overdue steps highlighted). Edits are saved through `enabler.services.worksheets.criteria` and
`enabler.services.worksheets.action_plans` with the version shown; a concurrent change is refused
there,
shown as a message, and the page reloads.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enabler.app.decision_models import CriteriaModel, StepsModel
from enabler.app.pages.picker import ProspectPicking
from enabler.app.widgets.table_fit import fit_columns
from enabler.domain.refs import CriterionRef, CustomItemRef

CRITERION_STATES = (
    ("Met", "met"),
    ("Partly met", "partly"),
    ("Gap", "gap"),
    ("Not assessed", "unknown"),
)
STEP_STATES = (
    ("Planned", "planned"),
    ("In progress", "in_progress"),
    ("Done", "done"),
    ("Blocked", "blocked"),
)
EMPTY = "Pick a prospect to see their decision criteria and the mutual action plan."


def _load(ctx, prospect):
    from enabler.services.worksheets import action_plans
    from enabler.services.worksheets import criteria as worksheets

    db = ctx.open_db()
    return worksheets.criteria_checklist(db, prospect), action_plans.action_plan(db, prospect)


def _save(ctx, prospect, kind, key, field, value, version):
    db = ctx.open_db()
    if kind == "criterion":
        from enabler.services.worksheets import criteria as worksheets

        ref = CustomItemRef.parse(key) or CriterionRef.by_name(key)
        return worksheets.mark_criterion(
            db, prospect, ref, **{field: value}, expected_version=version
        )
    from enabler.services.worksheets import action_plans

    return action_plans.save_step(
        db, prospect, int(key), **{field: value}, expected_version=version
    )


class ChoiceDelegate(QStyledItemDelegate):
    """A combo of (label, value) choices for a status column."""

    def __init__(self, choices, name: str, parent=None) -> None:
        super().__init__(parent)
        self.choices, self.name = choices, name

    def createEditor(self, parent, _option, _index):
        box = QComboBox(parent)
        box.setAccessibleName(self.name)
        for label, value in self.choices:
            box.addItem(label, value)
        return box

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentData())


class SaveEdit(QUndoCommand):
    """One field of a criterion or a plan step; undo saves the old value back."""

    def __init__(self, page: DecisionPage, kind: str, key: str, field: str, old, new) -> None:
        super().__init__(f"Change {field} of {kind} {key}")
        self.page, self.args, self.old, self.new = page, (kind, key, field), old, new
        self.prospect = page.prospect  # undo after switching prospect still hits this one

    def redo(self) -> None:
        self.page.save(*self.args, self.new, prospect=self.prospect)

    def undo(self) -> None:
        self.page.save(*self.args, self.old, prospect=self.prospect)


def _table(model, name: str, column: int, delegate) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setItemDelegateForColumn(column, delegate)
    fit_columns(view)  # Evidence and Step wrap instead of being cut
    return view


class DecisionPage(ProspectPicking, QWidget):
    error = Signal(str)
    status = Signal(str)
    loaded = Signal()

    def __init__(self, db_path: Path, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self._init_picking(db_path, undo_stack)
        self.fit = QLabel()
        self.fit.setAccessibleName("Fit score")
        top = self._prospect_row(self.fit)

        self.criteria = CriteriaModel(self)
        self.criteria.edit_requested.connect(lambda *a: self.request("criterion", *a))
        status_col = self.criteria.column_of("status")
        self.criteria_view = _table(
            self.criteria,
            "Decision criteria",
            status_col,
            ChoiceDelegate(CRITERION_STATES, "Criterion status", self),
        )
        self.steps = StepsModel(self)
        self.steps.edit_requested.connect(lambda *a: self.request("step", *a))
        self.steps_view = _table(
            self.steps,
            "Mutual action plan",
            self.steps.column_of("status"),
            ChoiceDelegate(STEP_STATES, "Step status", self),
        )
        self.plan_summary = QLabel()
        self.plan_summary.setAccessibleName("Action plan summary")
        self.plan_summary.setWordWrap(True)
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(QLabel("<b>Decision criteria</b> (weak spots first)"))
        layout.addWidget(self.criteria_view, 3)
        layout.addWidget(QLabel("<b>Mutual action plan</b>"))
        layout.addWidget(self.plan_summary)
        layout.addWidget(self.steps_view, 2)

    def _chosen(self, index: int) -> None:
        self.prospect = self.prospect_box.itemData(index)
        self.reload()

    def reload(self) -> None:
        if self.prospect is not None:
            prospect = self.prospect
            self._start(lambda ctx: _load(ctx, prospect), self._loaded)

    def _loaded(self, result) -> None:
        checklist, plan = result
        self.criteria.set_records(checklist.ordered())
        self.steps.set_plan(plan)
        self.fit.setText(checklist.fit.label)
        company = checklist.prospect.company
        if plan.steps:
            overdue = len(plan.overdue)
            self.plan_summary.setText(
                f"{plan.done_count} of {len(plan.steps)} steps done"
                + (f"; {overdue} overdue (highlighted)." if overdue else ".")
            )
        else:
            self.plan_summary.setText(
                f"No action plan for {company} yet: start one from a template with "
                f'`enabler plan apply-template --prospect "{company}"`.'
            )
        self.empty.setVisible(not checklist.items)
        if not checklist.items:
            self.empty.setText(
                f"No decision criteria for {company} yet: marketing's criteria library has "
                "none for their industry."
            )
        self.loaded.emit()

    # edits ---------------------------------------------------------------------------------

    def request(self, kind: str, key: str, field: str, value: str) -> None:
        model = self.criteria if kind == "criterion" else self.steps
        record = model.record(model.row_of(key))
        column = model.COLUMNS[model.column_of(field)]
        old = (column.value or column.show)(record)
        if self.undo_stack is not None:
            self.undo_stack.push(SaveEdit(self, kind, key, field, old, value))
        else:
            self.save(kind, key, field, value)

    def save(self, kind: str, key: str, field: str, value: str, prospect=None) -> None:
        prospect = prospect or self.prospect
        shown = self.prospect is not None and prospect.id == self.prospect.id
        model = self.criteria if kind == "criterion" else self.steps
        record = next((r for r in model.records if model.key(r) == key), None) if shown else None
        version = record.version if record is not None else None

        def failed(message: str) -> None:
            self.error.emit(message)
            self.reload()

        def saved(_result) -> None:
            self.status.emit(f"{kind.capitalize()} {key}: {field} set to {value}.")
            self.reload()

        self._start(
            lambda ctx: _save(ctx, prospect, kind, key, field, value, version), saved, failed
        )
