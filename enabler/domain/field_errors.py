"""Per-field input errors: check every field of a form, then report all problems at once.

A window can highlight each field from `FieldErrors.errors`; the CLI prints the one-line message.
Nothing is saved when any field is wrong.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import TypeVar

from enabler.errors import InvalidInput

T = TypeVar("T")


class FieldErrors(InvalidInput):
    """Input with one or more bad fields; `errors` maps each field to what is wrong with it."""

    def __init__(self, errors: Mapping[str, str], what: str = "") -> None:
        self.errors = dict(errors)
        problems = "; ".join(self.errors.values())
        lead = f"{what}: " if what else ""
        super().__init__(f"{lead}{problems}. Nothing was saved.")


class FieldCheck:
    """Collects per-field errors while parsing, so one pass reports all of them."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def parse(self, field: str, parser: Callable[[object], T], value: object) -> T | None:
        """`parser(value)`, or None with the parser's message recorded under `field`."""
        try:
            return parser(value)
        except InvalidInput as exc:
            self.errors[field] = str(exc).rstrip(".")
            return None

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message.rstrip("."))

    def done(self, what: str = "") -> None:
        """Raise FieldErrors when any field was bad."""
        if self.errors:
            raise FieldErrors(self.errors, what)


def parse_iso_date(value: object, field: str = "date") -> dt.date | None:
    """A date from a `date` or a YYYY-MM-DD string; empty means no date."""
    if value is None or isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            f"{field} {text!r} is not a date (write it as YYYY-MM-DD, e.g. 2026-12-03)"
        ) from None
