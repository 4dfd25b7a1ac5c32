"""Undoable edits on the Prospects page: a prospect's details and its buying committee.

A change runs in the background first and its command is pushed only once it succeeded, so the
first `redo()` (which QUndoStack.push calls) does nothing and a refused change leaves nothing on
the stack. Later undos and redos go through the page's `write(fn, said)`, which runs them one at
a time, in the order they were pressed. A removed contact comes back with its own id, so an
earlier edit of them can still be undone after the removal is.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from enabler.domain.refs import ProspectRef


def edit_prospect(pid: int, changes: dict):
    def change(ctx):
        from enabler.services.prospects import edit_prospect

        return edit_prospect(ctx.open_db(), ProspectRef.by_id(pid), changes)

    return change


def edit_contact(contact_id: int, changes: dict):
    def change(ctx):
        from enabler.services.prospects import edit_contact

        return edit_contact(ctx.open_db(), contact_id, **changes)

    return change


def remove_contact(contact_id: int):
    def change(ctx):
        from enabler.services.prospects import remove_contact

        return remove_contact(ctx.open_db(), contact_id)

    return change


def restore_contact(contact):
    def change(ctx):
        from enabler.services.prospects import restore_contact

        return restore_contact(ctx.open_db(), contact)

    return change


class _Change(QUndoCommand):
    relists = False  # a prospect edit may rename it: the page reloads its list, not the profile

    def __init__(self, page, text: str, forward, backward) -> None:
        super().__init__(text)
        self.page, self.forward, self.backward = page, forward, backward
        self._first = True  # the change already ran before the command was pushed

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.page.write(self.forward, f"Redone: {self.text()}.", self.relists)

    def undo(self) -> None:
        self.page.write(self.backward, f"Undone: {self.text()}.", self.relists)


class EditProspect(_Change):
    relists = True

    def __init__(self, page, prospect, before: dict, after: dict) -> None:
        text = f"Edit {prospect.company}"
        super().__init__(
            page, text, edit_prospect(prospect.id, after), edit_prospect(prospect.id, before)
        )


class EditContact(_Change):
    def __init__(self, page, contact, before: dict, after: dict) -> None:
        super().__init__(
            page,
            f"Edit {contact.name}",
            edit_contact(contact.id, after),
            edit_contact(contact.id, before),
        )


class AddContact(_Change):
    def __init__(self, page, contact, company: str) -> None:
        super().__init__(
            page,
            f"Add {contact.name} to {company}'s committee",
            restore_contact(contact),
            remove_contact(contact.id),
        )


class RemoveContact(_Change):
    def __init__(self, page, contact, company: str) -> None:
        super().__init__(
            page,
            f"Remove {contact.name} from {company}'s committee",
            remove_contact(contact.id),
            restore_contact(contact),
        )
