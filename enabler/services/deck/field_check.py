"""Which fields typed slide text uses, and which of them no deck can fill.

Parsing only (Jinja2's parser, nothing rendered, no database): cheap enough for the module
editor to run on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from enabler.domain.designed import unknown_fields
from enabler.render.templating import fields as field_scan


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """What the typed texts use: fields, those no deck can fill, tags that do not parse."""

    fields: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()


def check_fields(texts: Iterable[str], roots: frozenset[str] = frozenset()) -> FieldCheck:
    """Fields used by `texts`, the unknown ones (`roots`: the extra top-level names decks
    provide, see `field_roots`) and one line per tag that does not parse."""
    scanned = field_scan.scan(t for t in texts if t)
    return FieldCheck(scanned.fields, unknown_fields(scanned.fields, roots), scanned.errors)


def field_roots() -> frozenset[str]:
    """Top-level names the features add to decks (roi, glossary, objections…)."""
    # The deck context keeps this list (the slide import reads it too): one "what a deck can fill".
    from enabler.services.deck.context import context_roots

    return context_roots()
