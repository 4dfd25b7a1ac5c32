"""A strict reader for one library entry of a pack: every field's type, size and value.

The publisher is trusted, but its manifest is still input: a field of the wrong type, a text
longer than any real one, a list of thousands or a value Enabler does not know is refused with
what is wrong, before anything is written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping

MAX_ITEMS = 5000  # entries per section
MAX_LIST = 200  # values in one list field
MAX_NAME = 200  # keys, names, labels, owners
MAX_TEXT = 20_000  # answers, notes, research text
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class BadEntry(ValueError):
    """What is wrong with one field of an entry; the caller adds the section and entry."""


class Reader:
    """Reads one entry's fields, refusing wrong types, oversize values and unknown choices."""

    def __init__(self, data: object) -> None:
        if not isinstance(data, Mapping):
            raise BadEntry("is not an object")
        self.data = data

    def text(self, name: str, limit: int = MAX_TEXT, *, required: bool = False) -> str:
        value = self.data.get(name, "")
        if value is None and not required:
            value = ""
        if not isinstance(value, str):
            raise BadEntry(f"has a {name} that is not text")
        if len(value) > limit:
            raise BadEntry(f"has a {name} longer than {limit:,} characters")
        if "\x00" in value:
            raise BadEntry(f"has a {name} with a NUL character")
        if required and not value.strip():
            raise BadEntry(f"has no {name}")
        return value

    def key(self, name: str) -> str:
        """A required name that identifies the entry: no control characters, no edge blanks."""
        value = self.text(name, MAX_NAME, required=True)
        if _CONTROL.search(value) or value != value.strip():
            raise BadEntry(f"has a {name} with control characters or surrounding blanks")
        return value

    def texts(self, name: str, limit: int = MAX_NAME) -> tuple:
        values = self.data.get(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise BadEntry(f"has a {name} list that is not a list of texts")
        if len(values) > MAX_LIST or any(len(v) > limit for v in values):
            raise BadEntry(f"has a {name} list that is too long")
        return tuple(values)

    def child(self, name: str) -> Reader:
        """A nested object (an objection's answer, a criterion's proof); missing: empty."""
        value = self.data.get(name, {})
        if not isinstance(value, Mapping):
            raise BadEntry(f"has a {name} that is not an object")
        return Reader(value)

    def objects(self, name: str) -> list[Reader]:
        values = self.data.get(name, [])
        if not isinstance(values, list) or len(values) > MAX_LIST:
            raise BadEntry(f"has a {name} list that is malformed or too long")
        try:
            return [Reader(v) for v in values]
        except BadEntry:
            raise BadEntry(f"has a {name} list with an item that is not an object") from None

    def choice(self, name: str, enum, *, default=None):
        value = self.data.get(name, default)
        try:
            return enum(value)
        except ValueError:
            raise BadEntry(f"has an unknown {name} {str(value)[:40]!r}") from None

    def date(self, name: str) -> dt.date | None:
        value = self.data.get(name)
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise BadEntry(f"has an invalid {name} (not a YYYY-MM-DD date)") from None

    def integer(self, name: str, low: int, high: int, default: int) -> int:
        value = self.data.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise BadEntry(f"has a {name} that is not a whole number from {low} to {high}")
        return value

    def number(self, name: str, limit: float) -> float:
        value = self.data.get(name)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise BadEntry(f"has a {name} that is not a number")
        if isinstance(value, int) and abs(value) > limit:  # may be too big for a float
            raise BadEntry(f"has a {name} outside ±{limit:g}")
        if not math.isfinite(value) or abs(value) > limit:
            raise BadEntry(f"has a {name} outside ±{limit:g}")
        return float(value)
