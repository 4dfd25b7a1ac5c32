"""How the CLI words structured core errors that carry more than a message."""

from __future__ import annotations

from enabler.errors import OutputClash

_ROLES = {
    "library": "the library itself",
    "library journal": "one of the library's journal files",
    "input": "a file this command reads",
}


def clash_message(exc: OutputClash) -> str:
    """E.g. "the output deck.pptx is the library itself (/data/library.db)…"."""
    what = _ROLES.get(exc.role, exc.role)
    return (
        f"the output {exc.output} is {what} ({exc.clash}). Choose another output file; "
        "nothing was written."
    )
