"""Undoable edits of the deck plan (QUndoStack commands)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from enabler.app.models import PlanEntry, PlanModel


class AddModule(QUndoCommand):
    def __init__(self, model: PlanModel, row: int, entry: PlanEntry) -> None:
        super().__init__(f"Add “{entry.title}”")
        self.model, self.row, self.entry = model, row, entry

    def redo(self) -> None:
        self.model.insert(self.row, self.entry)

    def undo(self) -> None:
        self.model.remove(self.row)


class RemoveModule(QUndoCommand):
    def __init__(self, model: PlanModel, row: int) -> None:
        self.model, self.row = model, row
        self.entry = model.item(row)
        super().__init__(f"Remove “{self.entry.title}”")

    def redo(self) -> None:
        self.model.remove(self.row)

    def undo(self) -> None:
        self.model.insert(self.row, self.entry)


class MoveModule(QUndoCommand):
    def __init__(self, model: PlanModel, src: int, dest: int) -> None:
        super().__init__(f"Move “{model.item(src).title}”")
        self.model, self.src, self.dest = model, src, dest

    def redo(self) -> None:
        self.model.move(self.src, self.dest)

    def undo(self) -> None:
        self.model.move(self.dest, self.src)
