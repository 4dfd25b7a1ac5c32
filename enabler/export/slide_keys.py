"""What each page of a deck's PDF depends on, as one key per slide (read from the package).

A slide's key covers its own XML, every part it reaches through its relationships (layout,
master, theme, images, charts and their workbooks), and its page number. Speaker notes are left
out: they are not on the PDF's pages. An embedded workbook is keyed by its content without its
`docProps/` (python-pptx stamps a fresh creation time into each one it writes). The deck's key
covers what every page shares: the slide size, the presentation's properties, the slide count.
Two decks whose keys match give the same pages.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path

from enabler.render.ooxml_read.safe_xml import parse_xml

_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NOTES = "/notesSlide"
_DECK_PARTS = ("ppt/presentation.xml", "ppt/presProps.xml", "ppt/tableStyles.xml")


@dataclass(frozen=True, slots=True)
class DeckKeys:
    """The deck's shared key and one key per slide, in slide order."""

    deck: str
    slides: tuple[str, ...]

    def changed_since(self, before: DeckKeys) -> tuple[int, ...] | None:
        """Indexes of the slides whose pages differ from `before`; None when every page may."""
        if self.deck != before.deck or len(self.slides) != len(before.slides):
            return None
        return tuple(
            i for i, (a, b) in enumerate(zip(self.slides, before.slides, strict=True)) if a != b
        )


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _targets(package: zipfile.ZipFile, names: set[str], part: str) -> list[str]:
    """Internal parts `part` points to, notes excluded, in the order its .rels lists them."""
    rels = _rels_name(part)
    if rels not in names:
        return []
    out = []
    for rel in parse_xml(package.read(rels)).iter(f"{_REL_NS}Relationship"):
        if rel.get("TargetMode") == "External" or rel.get("Type", "").endswith(_NOTES):
            continue
        target = rel.get("Target", "")
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(part), target))
        out.append(path)
    return out


def _content(package: zipfile.ZipFile, part: str) -> bytes:
    blob = package.read(part)
    if not zipfile.is_zipfile(io.BytesIO(blob)):
        return blob
    inner = zipfile.ZipFile(io.BytesIO(blob))  # an embedded workbook: its content, not its dates
    digest = hashlib.sha256()
    for name in sorted(n for n in inner.namelist() if not n.startswith("docProps/")):
        digest.update(name.encode() + b"\0" + inner.read(name))
    return digest.digest()


def _slide_parts(package: zipfile.ZipFile) -> list[str]:
    """The slide parts in presentation order."""
    pres = "ppt/presentation.xml"
    by_id = {}
    for rel in parse_xml(package.read(_rels_name(pres))).iter(f"{_REL_NS}Relationship"):
        by_id[rel.get("Id")] = posixpath.normpath(posixpath.join("ppt", rel.get("Target", "")))
    root = parse_xml(package.read(pres))
    return [by_id[s.get(f"{_OFFICE_REL}id")] for s in root.iter() if s.tag.endswith("}sldId")]


def deck_keys(path: Path | str) -> DeckKeys:
    """The keys of the deck at `path` (a .pptx)."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        slides = _slide_parts(package)
        digests: dict[str, bytes] = {}

        def digest(part: str) -> bytes:
            if part not in digests:
                digests[part] = b""  # a cycle reads as empty, not as endless recursion
                h = hashlib.sha256(part.encode() + b"\0")
                h.update(_content(package, part) if part in names else b"missing")
                for target in _targets(package, names, part):
                    h.update(digest(target))
                digests[part] = h.digest()
            return digests[part]

        keys = tuple(
            hashlib.sha256(f"page {n}\0".encode() + digest(part)).hexdigest()
            for n, part in enumerate(slides, start=1)
        )
        shared = hashlib.sha256(f"{len(slides)} slides\0".encode())
        for part in _DECK_PARTS:
            shared.update(package.read(part) if part in names else b"-")
    return DeckKeys(shared.hexdigest(), keys)
