"""Re-export a deck to PDF rendering only the slides that changed since its last export.

Reps export, fix one field, export again. The cache keeps, per target PDF, the last PDF written
and the keys of the deck it came from (`slide_keys.py`). On the next export of that target, the
slides whose keys changed are put in one small deck, converted in one LibreOffice call, and
their pages spliced into the cached PDF (`page_splice.py`). When the deck's shared parts or its
slide count changed, when more than half the slides changed, or when the splice refuses, the
whole deck is converted as usual, so the result is always what a full export would give.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from lxml import etree

from enabler.errors import EnablerError
from enabler.export.atomic import write_atomic
from enabler.export.deck_subset import subset_deck
from enabler.export.slide_keys import DeckKeys, deck_keys

_MOST_CHANGED = 0.5  # above this share of changed slides a full export is as quick
_KEPT = 32  # PDFs kept (the most recently exported)


def cache_folder() -> Path:
    """Where exported pages are kept: `ENABLER_CACHE_DIR` if set, else the user's cache."""
    env = os.environ.get("ENABLER_CACHE_DIR")
    if env:
        return Path(env).expanduser() / "pdf-pages"
    import platformdirs

    return Path(platformdirs.user_cache_dir("Enabler", False)) / "pdf-pages"


class PdfConverter(Protocol):
    def convert(self, src: Path | str, dst: Path | str) -> Path: ...


@dataclass(frozen=True, slots=True)
class PageExport:
    """What an export did: the PDF written and the slides (1-based) LibreOffice rendered."""

    pdf: Path
    rendered: tuple[int, ...]
    reused: int  # pages taken from the previous export


class PdfPageCache:
    """Exports through `converter`, reusing the pages of each target's previous export."""

    def __init__(self, converter: PdfConverter, folder: Path | str | None = None) -> None:
        self.folder = Path(folder) if folder is not None else cache_folder()
        self.converter = converter

    def export(self, deck: Path | str, pdf: Path | str) -> PageExport:
        """Write the PDF of `deck` to `pdf`, rendering only what changed since the last time."""
        deck, pdf = Path(deck), Path(pdf)
        try:
            keys = deck_keys(deck)
        except (OSError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError):
            keys = None  # not a package we can read: the converter says what is wrong with it
        if keys is None:
            self.converter.convert(deck, pdf)
            return PageExport(pdf, (), 0)
        previous = self._previous(pdf, keys)
        result = None
        if previous is not None and len(previous[0]) <= _MOST_CHANGED * len(keys.slides):
            result = self._partial(deck, pdf, *previous, total=len(keys.slides))
        if result is None:
            self.converter.convert(deck, pdf)
            result = PageExport(pdf, tuple(range(1, len(keys.slides) + 1)), 0)
        self._remember(pdf, keys)
        return result

    # -- the cache ----------------------------------------------------------------------------

    def _entry(self, pdf: Path) -> Path:
        name = hashlib.sha256(str(pdf.resolve()).encode()).hexdigest()[:32]
        return self.folder / name

    def _previous(self, pdf: Path, keys: DeckKeys) -> tuple[tuple[int, ...], bytes] | None:
        """(slides changed since, the PDF written then), or None when it cannot be reused."""
        entry = self._entry(pdf)
        try:
            saved = json.loads(entry.with_suffix(".json").read_text())
            before = DeckKeys(saved["deck"], tuple(saved["slides"]))
            data = entry.with_suffix(".pdf").read_bytes()
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if hashlib.sha256(data).hexdigest() != saved.get("pdf"):
            return None  # written by another export since, or damaged
        changed = keys.changed_since(before)
        return None if changed is None else (changed, data)

    def _remember(self, pdf: Path, keys: DeckKeys) -> None:
        """Keep a copy of what was written and the keys it was made from (best effort)."""
        entry = self._entry(pdf)
        with contextlib.suppress(OSError, EnablerError):
            data = pdf.read_bytes()
            self.folder.mkdir(parents=True, exist_ok=True)
            record = json.dumps(
                {
                    "deck": keys.deck,
                    "slides": list(keys.slides),
                    "pdf": hashlib.sha256(data).hexdigest(),
                }
            )
            write_atomic(entry.with_suffix(".pdf"), lambda fh: fh.write(data))
            write_atomic(entry.with_suffix(".json"), lambda fh: fh.write(record.encode()))
            kept = sorted(self.folder.glob("*.pdf"), key=lambda p: p.stat().st_mtime)
            for old in kept[:-_KEPT]:
                old.with_suffix(".json").unlink(missing_ok=True)
                old.unlink(missing_ok=True)

    # -- the partial export -------------------------------------------------------------------

    def _partial(
        self, deck: Path, pdf: Path, changed: tuple[int, ...], before: bytes, *, total: int
    ) -> PageExport | None:
        """Splice freshly rendered pages into the previous PDF; None when that is not possible."""
        from enabler.export.page_splice import SpliceRefused, splice_pages

        data = before
        if changed:
            with tempfile.TemporaryDirectory(prefix="enabler-pages-") as tmp:
                small, fresh = Path(tmp) / f"{deck.stem}.pptx", Path(tmp) / "fresh.pdf"
                small.write_bytes(subset_deck(deck, changed))
                self.converter.convert(small, fresh)
                try:
                    data = splice_pages(before, fresh, changed)
                except SpliceRefused:
                    return None
        write_atomic(pdf, lambda fh: fh.write(data))
        return PageExport(pdf, tuple(n + 1 for n in changed), total - len(changed))
