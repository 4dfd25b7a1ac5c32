"""One error hierarchy; every message says what happened and what to do next."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import StrEnum


class Fix(StrEnum):
    """What kind of fix an error asks for; the CLI and the app word it (a flag, a page)."""

    LOOK_UP = "look_up"  # see the list of `topic` ("prospects", "modules"…) for names and ids
    GIVE = "give"  # give the input `topic` ("modules", "size", "comment"…)
    CONFIRM = "confirm"  # confirm the override `topic` ("replace", "force"…) to go ahead
    DO_FIRST = "do_first"  # do the action `topic` first ("set_profile", "set_roi"…)


@dataclass(frozen=True, slots=True)
class Hint:
    """The fix an error asks for, without the words: `topic` names the input, list or action
    and `subject` what it is about (a company, a key), for the shell to put in its phrase."""

    fix: Fix
    topic: str
    subject: str = ""


class EnablerError(Exception):
    """Base for errors a user can act on. The CLI prints the message and exits 1.

    The message says what happened in words both shells can show; `hint`, when given, says
    what kind of fix helps, and the CLI and the app each add their own phrase for it.
    """

    def __init__(self, *args: object, hint: Hint | None = None) -> None:
        super().__init__(*args)
        self.hint = hint


class NotFound(EnablerError):
    """Something named by the user does not exist."""


class InvalidInput(EnablerError):
    """Input that cannot be used as given (bad value, malformed file)."""


class UnknownRef(NotFound):
    """No `kind` ("prospect", "module"…) has the `field` ("id", "name" or "key") `value`.

    One message shape for every kind, so both shells word a missing thing alike.
    """

    def __init__(
        self, kind: str, field: str, value: object, suggestion: str = "", topic: str = ""
    ) -> None:
        self.kind, self.field, self.value = kind, field, value
        self._parts = (kind, field, value, suggestion, topic)
        shown = value if field == "id" else repr(value)
        what = f"named {shown}" if field == "name" else f"with {field} {shown}"
        super().__init__(
            f"No {kind} {what}.{suggestion}", hint=Hint(Fix.LOOK_UP, topic) if topic else None
        )

    def __reduce__(self):  # rebuilt from its parts when it crosses a process boundary
        return type(self), self._parts


class Conflict(EnablerError):
    """The change clashes with the current state (duplicate, concurrent edit)."""


class AmbiguousRef(InvalidInput):
    """Text that reads as one thing's id and another thing's name; nothing was chosen."""

    def __init__(self, kind: str, text: str, by_id: str, topic: str = "") -> None:
        self.kind, self.text = kind, text
        self._parts = (kind, text, by_id, topic)
        super().__init__(
            f"{text!r} is both the id of the {kind} {by_id!r} and the name of another {kind}. "
            "Give the other one's id to choose it; nothing was changed.",
            hint=Hint(Fix.LOOK_UP, topic) if topic else None,
        )

    def __reduce__(self):
        return type(self), self._parts


class RenderError(EnablerError):
    """A module could not be rendered (template error, unsafe template)."""


class ExportFailed(EnablerError):
    """Writing an output file failed; the previous file, if any, is intact."""


class SchemaTooNew(EnablerError):
    """The database was written by a newer version of Enabler."""


class LibraryBusy(EnablerError):
    """Another program (often a second Enabler window) holds the library's write lock."""

    @classmethod
    def about(cls, path: object) -> LibraryBusy:
        return cls(
            f"The library {path} is busy: another Enabler window or program is writing to it. "
            "Wait a moment and try again, or close the other program; nothing was changed."
        )


def is_lock_error(exc: BaseException) -> bool:
    """True for SQLite's "database is locked/busy" (the busy timeout ran out).

    Read from the result code SQLite attached to the error (`sqlite_errorcode`; its low byte is
    the primary code, so extended codes such as SQLITE_BUSY_SNAPSHOT count too), never from
    the wording. An error without a code (not raised by SQLite) is not a lock error.
    """
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return False
    return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class OutputClash(InvalidInput):
    """An output file would land on the library, its journal files, or an input of the same
    command. Nothing was written; `role` says which ("library", "library journal", "input")."""

    def __init__(self, output: object, clash: object, role: str):
        self.output, self.clash, self.role = output, clash, role
        super().__init__(
            f"Refusing to write {output}: it is the {role} {clash}. Choose another output file; "
            "nothing was written."
        )


class LibraryReadOnly(EnablerError):
    """The library is on a read-only disk or the file cannot be written; reads still work."""

    @classmethod
    def about(cls, path: object) -> LibraryReadOnly:
        return cls(
            f"The library {path} is read-only (a read-only disk or folder, or file permissions), "
            "so nothing was changed. Reading it still works; copy it somewhere writable, or "
            "open another library file, to make changes.",
            hint=Hint(Fix.GIVE, "db"),
        )


class DiskFull(EnablerError):
    """The disk holding the library (or an output) has no space left; the data is intact."""

    @classmethod
    def about(cls, path: object) -> DiskFull:
        return cls(
            f"The disk holding the library {path} is full, so nothing was changed (the library "
            "is intact). Free some space and try again."
        )


class FieldFix(StrEnum):
    """How a rep can give a field its value; the CLI and the app phrase each their own way."""

    ADD_CONTACT = "add_contact"  # contact.*: add someone to the buying committee
    EDIT_PROSPECT = "edit_prospect"  # prospect.*: fill the prospect's field
    TYPE_VALUE = "type_value"  # anything: type a value for this deck only


def fixes_for(field: str) -> tuple[FieldFix, ...]:
    """Ways to fill a dotted field name, most lasting first; typing a value always works."""
    root = field.split(".", 1)[0]
    lasting = {"contact": FieldFix.ADD_CONTACT, "prospect": FieldFix.EDIT_PROSPECT}.get(root)
    return (lasting, FieldFix.TYPE_VALUE) if lasting else (FieldFix.TYPE_VALUE,)


class UnfilledField(RenderError):
    """A module's text uses a field with no value; `field` is its dotted name."""

    def __init__(self, message: str, field: str, module_key: str = "") -> None:
        super().__init__(message)
        self.field = field
        self.module_key = module_key
        self.fixes = fixes_for(field)
