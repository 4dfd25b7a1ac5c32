"""The shared lexicon: what "qualified lead", "opportunity" or a stage name means here."""

from __future__ import annotations

import keyword
import re
import unicodedata
from dataclasses import dataclass

from enabler.errors import InvalidInput

_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
# Jinja reads these as literals or operators, so `{{ glossary.none }}` could never reach a term.
_RESERVED = {"true", "false", "none", "and", "or", "not", "in", "is", "if", "else"}
MAX_DEFINITION = 2000


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """A term as marketing defines it; `name` is how templates refer to it."""

    name: str
    label: str
    definition: str
    updated_by: str = ""
    updated_at: str = ""
    read_only: bool = False  # came with a signed pack; its publisher owns it


def term_name(label: str) -> str:
    """The template identifier for a label: "Qualified lead" → "qualified_lead"."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    name = re.sub(r"[^a-z0-9]+", "_", ascii_text.casefold()).strip("_")
    return check_name(name, label)


def check_name(name: str, label: str | None = None) -> str:
    shown = label if label is not None else name
    if not _NAME.fullmatch(name) or keyword.iskeyword(name) or name in _RESERVED:
        raise InvalidInput(
            f"{shown!r} does not make a usable template name ({name!r}); use letters, digits "
            "and spaces, starting with a letter, e.g. 'Qualified lead'."
        )
    return name


def make_term(label: str, definition: str, name: str | None = None) -> GlossaryTerm:
    """Validate a label and definition typed by marketing."""
    label = " ".join(label.split())
    definition = definition.strip()
    if not label:
        raise InvalidInput("A glossary term needs a name, e.g. 'Qualified lead'.")
    if not definition:
        raise InvalidInput(f"Write a definition for {label!r}.")
    if len(definition) > MAX_DEFINITION:
        raise InvalidInput(f"Keep the definition of {label!r} under {MAX_DEFINITION} characters.")
    return GlossaryTerm(check_name(name) if name else term_name(label), label, definition)
