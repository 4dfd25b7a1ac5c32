"""Put freshly rendered pages into a PDF in place of the old ones (pikepdf, i.e. qpdf).

Each replaced page keeps its page object, so the outline and anything else pointing at it stays
valid; only its content and resources (copied from the fresh PDF) and its outline title change.
qpdf writes the result without decompressing or recompressing the streams it copies, so fonts
and images cost a copy, not a rewrite. Anything this cannot do faithfully (page links, a page
of another size, an outline that is not one entry per page in page order) raises
`SpliceRefused`, and the caller exports the whole deck instead.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import pikepdf

_COPIED = ("/Contents", "/Resources")


class SpliceRefused(Exception):
    """The pages cannot be replaced without risking a visible difference."""


def _outline(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    """The outline entries, one per page in page order ([] without an outline), or refusal."""
    outlines = pdf.Root.get("/Outlines")
    items, node = [], outlines.get("/First") if outlines is not None else None
    while node is not None:
        if "/First" in node:
            raise SpliceRefused("the outline is nested")
        items.append(node)
        node = node.get("/Next")
    if not items:
        return items
    if len(items) != len(pdf.pages):
        raise SpliceRefused("the outline is not one entry per page")
    for item, page in zip(items, pdf.pages, strict=True):
        dest = item.get("/Dest")
        if not isinstance(dest, pikepdf.Array) or dest[0].objgen != page.obj.objgen:
            raise SpliceRefused("the outline is not in page order")
    return items


def splice_pages(base: Path | bytes, fresh: Path, positions: Sequence[int]) -> bytes:
    """`base` with page `positions[k]` replaced by page k of `fresh`; the new PDF's bytes."""
    try:
        return _splice(io.BytesIO(base) if isinstance(base, bytes) else base, fresh, positions)
    except pikepdf.PdfError as exc:  # a damaged cached file, say
        raise SpliceRefused(str(exc)) from exc


def _splice(base: Path | io.BytesIO, fresh: Path, positions: Sequence[int]) -> bytes:
    with pikepdf.open(base) as old, pikepdf.open(fresh) as new:
        if len(new.pages) != len(positions) or max(positions, default=-1) >= len(old.pages):
            raise SpliceRefused("the fresh pages do not match the positions")
        old_items, new_items = _outline(old), _outline(new)
        if bool(old_items) != bool(new_items):
            raise SpliceRefused("one PDF has an outline and the other not")
        for k, n in enumerate(positions):
            target, source = old.pages[n].obj, new.pages[k].obj
            if "/Annots" in target or "/Annots" in source:
                raise SpliceRefused("a replaced page carries links")
            if list(map(float, target.MediaBox)) != list(map(float, source.MediaBox)):
                raise SpliceRefused("a fresh page has another size")
            for key in _COPIED:
                if key in source:  # qpdf copies only indirect objects across files
                    value = source[key]
                    if not value.is_indirect:
                        value = new.make_indirect(value)
                    target[key] = old.copy_foreign(value)
            if old_items:
                old_items[n].Title = pikepdf.String(str(new_items[k].Title))
        buffer = io.BytesIO()
        old.save(buffer)
    return buffer.getvalue()
