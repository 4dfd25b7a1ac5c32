"""Changing a prospect on the Prospects page: its details and its buying committee.

Mixed into `ProspectsPage`, which provides the widgets (`committee`, `committee_model`…),
a runner lane (changes and their undos run in the order pressed), `ops`, `current`,
`segments` (whose undo stack is the window's) and the `status`/`error` signals. Each change runs
first and its command goes on the undo stack once it succeeded (`prospect_commands`).
"""

from __future__ import annotations

from enabler.app.pages.prospects import commands
from enabler.app.pages.prospects.dialogs import (
    ContactDialog,
    ProspectDialog,
    changed,
    contact_values,
    prospect_values,
)
from enabler.domain.refs import ProspectRef

# Offered in the committee dialog besides the personas segment research knows (any may be typed).
COMMON_PERSONAS = ("CFO", "CIO", "VP Operations", "Compliance Officer", "Procurement")


def _add_contact(ctx, pid: int, fields: dict):
    from enabler.services.prospects import add_contact

    fields = dict(fields)
    return add_contact(ctx.open_db(), ProspectRef.by_id(pid), fields.pop("name"), **fields)


class ProspectEditing:
    def _personas(self) -> dict:
        known = self.segments.research.personas if self.segments.research else ()
        return dict.fromkeys((*known, *COMMON_PERSONAS))

    def _show_committee(self, contacts) -> None:
        chosen = self.chosen_contact()
        self.committee_model.set_contacts(contacts)
        self.committee_empty.setVisible(not contacts and self.current is not None)
        if chosen is not None:
            for row, contact in enumerate(self.committee_model.contacts()):
                if contact.id == chosen.id:
                    self.committee.selectRow(row)
        self._enable_committee()

    def chosen_contact(self):
        rows = self.committee.selectionModel().selectedRows()
        return self.committee_model.contacts()[rows[0].row()] if rows else None

    def _enable_committee(self, *_args) -> None:
        chosen = self.chosen_contact() is not None
        self.edit_contact_button.setEnabled(chosen)
        self.remove_contact_button.setEnabled(chosen)

    # changing, one at a time ---------------------------------------------------------------

    def write(self, fn, said: str, relist: bool = False, then=None) -> None:
        """Run a change, or an undo or redo of one, in the background after those before it;
        then say `said` and show the result."""

        def succeeded(result) -> None:
            if then is not None:
                then(result)
            self.status.emit(said)
            if relist:
                self._select_after_refresh = result.company
                self.refresh()
            else:
                self.reload_profile()

        # One lane: changes and their undos run in the order pressed.
        self._track(self._runner().write(fn, succeeded, self.error, lane="prospect-edits"))

    def _change(self, fn, said: str, command, relist: bool = False) -> None:
        """Make a change; once it succeeded, put `command(result)` on the undo stack."""
        stack = self.segments.undo_stack
        self.write(fn, said, relist, then=lambda result: stack.push(command(result)))

    def open_contact_dialog(self) -> ContactDialog | None:
        if self.current is None:
            self.error.emit("Select a prospect first, then add who is on their committee.")
            return None
        prospect = self.current
        personas = self._personas()
        self.dialog = ContactDialog(prospect.company, personas, self)
        self.dialog.accepted.connect(lambda: self.add_contact(prospect, self.dialog.fields()))
        self.dialog.open()
        return self.dialog

    def add_contact(self, prospect, fields: dict) -> None:
        """Add them in the background, as one undo step (undo removes them again)."""
        name = " ".join(fields.get("name", "").split())
        self._change(
            lambda ctx: _add_contact(ctx, prospect.id, fields),
            f"{name} added to {prospect.company}'s committee.",
            lambda contact: commands.AddContact(self, contact, prospect.company),
        )

    def open_edit_contact_dialog(self) -> ContactDialog | None:
        contact, prospect = self.chosen_contact(), self.current
        if contact is None or prospect is None:
            self.error.emit("Choose someone in the buying committee first, then edit them.")
            return None
        personas = self._personas()
        self.dialog = ContactDialog(prospect.company, personas, self, contact=contact)
        self.dialog.accepted.connect(lambda: self.edit_contact(contact, self.dialog.fields()))
        self.dialog.open()
        return self.dialog

    def edit_contact(self, contact, fields: dict) -> None:
        before, after = changed(contact_values(contact), fields)
        if not after:
            self.status.emit(f"Nothing changed for {contact.name}.")
            return
        self._change(
            commands.edit_contact(contact.id, after),
            f"Saved {' '.join(fields.get('name', '').split()) or contact.name}.",
            lambda saved: commands.EditContact(self, saved, before, after),
        )

    def remove_chosen_contact(self) -> None:
        contact, prospect = self.chosen_contact(), self.current
        if contact is None or prospect is None:
            self.error.emit("Choose someone in the buying committee first, then remove them.")
            return
        self._change(
            commands.remove_contact(contact.id),
            f"Removed {contact.name} from {prospect.company}'s committee (Ctrl+Z brings "
            "them back).",
            lambda gone: commands.RemoveContact(self, gone, prospect.company),
        )

    def open_edit_prospect_dialog(self) -> ProspectDialog | None:
        prospect = self.current
        if prospect is None:
            self.error.emit("Select a prospect first, then edit their details.")
            return None
        self.dialog = ProspectDialog(self, prospect=prospect)
        self.dialog.accepted.connect(lambda: self.edit_prospect(prospect, self.dialog.fields()))
        self.dialog.open()
        return self.dialog

    def edit_prospect(self, prospect, fields: dict) -> None:
        before, after = changed(prospect_values(prospect), fields)
        if not after:
            self.status.emit(f"Nothing changed for {prospect.company}.")
            return
        self._change(
            commands.edit_prospect(prospect.id, after),
            f"Saved {fields.get('company') or prospect.company}.",
            lambda saved: commands.EditProspect(self, saved, before, after),
            relist=True,
        )
