"""Undoable glossary changes (QUndoStack commands).

A change is made in the background first; only when it succeeded is its command pushed, so the
first `redo()` (which QUndoStack.push calls) does nothing. Later undos and redos run in the
background through the glossary tab's `apply(change, done)`; each says what the term looked like,
so the services refuse (Conflict) to overwrite what someone else changed in the meantime.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand


def add_change(label: str, definition: str):
    def change(db, profile):
        from enabler.services.library.glossary_edits import add_term

        return add_term(db, profile, label, definition)

    return change


def update_change(seen, label: str, definition: str):
    def change(db, profile):
        from enabler.services.library.glossary_edits import update_term

        return update_term(db, profile, seen, label, definition)

    return change


def delete_change(seen):
    def change(db, profile):
        from enabler.services.library.glossary_edits import delete_term

        return delete_term(db, profile, seen)

    return change


class _GlossaryCommand(QUndoCommand):
    def __init__(self, tab, text: str) -> None:
        super().__init__(text)
        self.tab = tab
        self._done = True  # the change already ran before the command was pushed

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._redo()

    def _redo(self) -> None:
        raise NotImplementedError


class AddTerm(_GlossaryCommand):
    def __init__(self, tab, term) -> None:
        super().__init__(tab, f"Add glossary term “{term.label}”")
        self.term = term

    def _redo(self) -> None:
        self.tab.apply(add_change(self.term.label, self.term.definition), self._added)

    def _added(self, term) -> None:
        self.term = term

    def undo(self) -> None:
        self.tab.apply(delete_change(self.term))


class EditTerm(_GlossaryCommand):
    def __init__(self, tab, before, after) -> None:
        super().__init__(tab, f"Edit glossary term “{after.label}”")
        self.before, self.after = before, after

    def _redo(self) -> None:
        self.tab.apply(
            update_change(self.before, self.after.label, self.after.definition), self._set_after
        )

    def _set_after(self, term) -> None:
        self.after = term

    def undo(self) -> None:
        change = update_change(self.after, self.before.label, self.before.definition)
        self.tab.apply(change, self._set_before)

    def _set_before(self, term) -> None:
        self.before = term


class RemoveTerm(_GlossaryCommand):
    def __init__(self, tab, term) -> None:
        super().__init__(tab, f"Remove glossary term “{term.label}”")
        self.term = term

    def _redo(self) -> None:
        self.tab.apply(delete_change(self.term))

    def undo(self) -> None:
        self.tab.apply(add_change(self.term.label, self.term.definition), self._restored)

    def _restored(self, term) -> None:
        self.term = term
