"""The kind of file an output path promises: a deck must end in .pptx, a PDF in .pdf.

A PowerPoint file named `deck.pdf` opens in nothing the buyer has; refuse it before any work.
"""

from __future__ import annotations

from pathlib import Path

from enabler.errors import InvalidInput

_WHAT = {".pptx": "a PowerPoint deck", ".pdf": "a PDF"}


def require_extension(path: Path | str, expected: str) -> Path:
    """`path` as a Path when its extension is `expected` (any case), else InvalidInput."""
    path = Path(path)
    if path.suffix.lower() == expected:
        return path
    what = _WHAT.get(expected, f"a {expected} file")
    got = f"ends in {path.suffix}" if path.suffix else "has no extension"
    raise InvalidInput(
        f"{path.name} {got}, but this writes {what}: name it "
        f"{path.with_suffix(expected).name}. Nothing was written."
    )
