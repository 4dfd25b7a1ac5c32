"""A copy of a deck with only some of its slides, made at the package level (no python-pptx).

Used to render just the slides that changed: the presentation keeps its size, masters, layouts,
theme and properties; the other slides leave the slide list, the presentation's relationships,
the content types and the package. Entries are copied stored (uncompressed): the copy is a
temporary input for LibreOffice, and skipping compression is what makes it quick.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from enabler.render.ooxml_read.safe_xml import parse_xml

_PRES = "ppt/presentation.xml"
_PRES_RELS = "ppt/_rels/presentation.xml.rels"
_TYPES = "[Content_Types].xml"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _xml(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def subset_deck(deck: Path | str, keep: Iterable[int]) -> bytes:
    """The deck with only the slides at the 0-based positions `keep`, as .pptx bytes."""
    wanted = set(keep)
    with zipfile.ZipFile(deck) as package:
        pres = parse_xml(package.read(_PRES))
        dropped_ids = set()
        for n, sld_id in enumerate([e for e in pres.iter() if e.tag.endswith("}sldId")]):
            if n not in wanted:
                dropped_ids.add(sld_id.get(_REL_ID))
                sld_id.getparent().remove(sld_id)
        rels = parse_xml(package.read(_PRES_RELS))
        dropped_parts = set()
        for rel in list(rels):
            if rel.get("Id") in dropped_ids:
                dropped_parts.add(posixpath.normpath(posixpath.join("ppt", rel.get("Target"))))
                rels.remove(rel)
        dropped_parts |= {
            posixpath.join(posixpath.dirname(p), "_rels", posixpath.basename(p) + ".rels")
            for p in list(dropped_parts)
        }
        types = parse_xml(package.read(_TYPES))
        for override in list(types):
            if override.get("PartName", "").lstrip("/") in dropped_parts:
                types.remove(override)
        changed = {_PRES: _xml(pres), _PRES_RELS: _xml(rels), _TYPES: _xml(types)}
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
            out.writestr(_TYPES, changed[_TYPES])  # first, as the format asks
            for info in package.infolist():
                name = info.filename
                if name == _TYPES or name in dropped_parts:
                    continue
                out.writestr(name, changed.get(name) or package.read(name))
    return buffer.getvalue()
