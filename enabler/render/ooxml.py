"""The few places Enabler touches slide XML directly (lxml), named for the element they touch.

Everything above this layer speaks in slides, shapes and runs; raw element surgery (placeholder
clean-up, shape ids, relationship references, extension lists) lives here and in its siblings
`tags.py` (text runs) and `ooxml_copy.py` (parts and relationships).
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree
from pptx.oxml.ns import qn

from enabler.render.ooxml_read.safe_xml import SAFE_PARSER as _SAFE_PARSER

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P14_NS = "http://schemas.microsoft.com/office/powerpoint/2010/main"
A16_NS = "http://schemas.microsoft.com/office/drawing/2014/main"

# Every parse of untrusted XML goes through one parser (enabler.render.ooxml_read.safe_xml).
SAFE_PARSER = _SAFE_PARSER

_SP = qn("p:sp")
_PH_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_TEXT = qn("a:t")
_SLOT_ONLY_TYPES = {"pic", "tbl", "chart", "media", "clipArt", "dgm", "obj"}
_CNVPR = qn("p:cNvPr")
_FALLBACK = f"{{{MC_NS}}}Fallback"
_HYPERLINKS = {qn("a:hlinkClick"), qn("a:hlinkHover"), qn("a:hlinkMouseOver")}
_BLIP = qn("a:blip")
_SHAPE_CONTAINERS = {qn("p:spTree"), qn("p:grpSp")}
_CREATION_IDS = (f"{{{A16_NS}}}creationId", f"{{{P14_NS}}}creationId")
# Click actions that run code outside the deck; a designed slide must never carry them.
_UNSAFE_ACTIONS = ("ppaction://program", "ppaction://macro", "ppaction://ole")


def parse_safe(blob: bytes) -> etree._Element:
    """Parse a part of an untrusted package (raises etree.XMLSyntaxError)."""
    return etree.fromstring(blob, SAFE_PARSER)


def to_xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def drop_empty_placeholder_sps(sp_tree) -> int:
    """Remove `p:sp` placeholders with no text, and unfilled picture/table slots.

    A filled table or chart slot is a `p:graphicFrame` and a filled picture a `p:pic`, so only
    `p:sp` elements are candidates. Returns how many were removed.
    """
    removed = 0
    for sp in list(sp_tree.iterchildren(_SP)):
        ph = sp.find(_PH_PATH)
        if ph is None:
            continue
        text = "".join(t.text or "" for t in sp.iter(_TEXT))
        if ph.get("type") in _SLOT_ONLY_TYPES or not text.strip():
            sp_tree.remove(sp)
            removed += 1
    return removed


def relationship_refs(root) -> Iterator[tuple[etree._Element, str, str]]:
    """(element, attribute, rId) for every `r:*` attribute under `root` (r:id, r:embed, r:dm…)."""
    prefix = f"{{{R_NS}}}"
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            if name.startswith(prefix):
                yield el, name, value


def _owning_shape(el):
    """The top-level shape (a child of spTree or grpSp) that contains `el`, if any."""
    while el is not None:
        parent = el.getparent()
        if parent is not None and parent.tag in _SHAPE_CONTAINERS:
            return el
        el = parent
    return None


def drop_refs(root, keep: set[str]) -> int:
    """Remove references to relationships not in `keep`; returns how many were removed.

    A hyperlink to a lost target is removed (its text stays); an image reference is cleared (the
    picture frame stays); anything else that needs the target takes its whole shape with it, so no
    dangling `r:id` is ever written.
    """
    removed = 0
    for el, name, value in list(relationship_refs(root)):
        if not value or value in keep:
            continue
        if el is not root and root not in el.iterancestors():
            continue  # already removed with an ancestor
        removed += 1
        if el.tag in _HYPERLINKS:
            el.getparent().remove(el)
        elif el.tag == _BLIP:
            del el.attrib[name]
        else:
            shape = _owning_shape(el)
            if shape is not None:
                shape.getparent().remove(shape)
            else:
                del el.attrib[name]
    return removed


def drop_actions(root, prefixes: tuple[str, ...]) -> int:
    """Remove click/hover actions whose `action` starts with one of `prefixes`."""
    removed = 0
    for el in list(root.iter(*_HYPERLINKS)):
        if (el.get("action") or "").lower().startswith(prefixes):
            el.getparent().remove(el)
            removed += 1
    return removed


def drop_unsafe_actions(root) -> int:
    """Remove click/hover actions that would start a program, a macro or an embedded object."""
    return drop_actions(root, _UNSAFE_ACTIONS)


def unique_shape_ids(sp_tree) -> int:
    """Give every shape on a slide a distinct id (ECMA-376); returns how many were changed.

    Only duplicates (and non-numeric ids) change, so connector and animation references to the
    originals keep working. Shapes inside `mc:Fallback` repeat their `mc:Choice` twin's id by
    design and are left alone.
    """
    seen: set[int] = set()
    redo = []
    for cnvpr in sp_tree.iter(_CNVPR):
        if any(a.tag == _FALLBACK for a in cnvpr.iterancestors()):
            continue
        raw = cnvpr.get("id", "")
        if raw.isdigit() and int(raw) not in seen:
            seen.add(int(raw))
        else:
            redo.append(cnvpr)
    next_id = max(seen, default=0) + 1
    for cnvpr in redo:
        cnvpr.set("id", str(next_id))
        next_id += 1
    return len(redo)


def slide_creation_id(sld) -> str:
    """PowerPoint's per-slide `p14:creationId` (stable across saves), or ''."""
    found = sld.find(f".//{{{P14_NS}}}creationId")
    return "" if found is None else found.get("val", "")


def strip_creation_ids(root) -> None:
    """Drop `a16:creationId` / `p14:creationId` so copies never share them (PowerPoint repairs
    decks where cloned shapes do); PowerPoint writes fresh ones on its next save."""
    for el in list(root.iter(*_CREATION_IDS)):
        ext = el.getparent()
        ext.remove(el)
        if len(ext) == 0 and ext.tag in (qn("a:ext"), qn("p:ext")):
            ext_lst = ext.getparent()
            ext_lst.remove(ext)
            if len(ext_lst) == 0 and ext_lst.getparent() is not None:
                ext_lst.getparent().remove(ext_lst)


def unhide_slide(sld) -> None:
    """A hidden slide would be skipped by PDF export; a built deck shows every slide."""
    sld.attrib.pop("show", None)


def placeholder_types(c_sld) -> list[str]:
    """Placeholder types on a slide or layout (`obj` when unspecified), decorations excluded."""
    out = []
    for ph in c_sld.iter(qn("p:ph")):
        kind = ph.get("type", "obj")
        if kind not in ("dt", "ftr", "sldNum", "hdr"):
            out.append(kind)
    return out


def notes_body(notes_root):
    """The `p:txBody` of a notes slide's body placeholder, or None."""
    for sp in notes_root.iter(_SP):
        ph = sp.find(_PH_PATH)
        if ph is not None and ph.get("type") == "body":
            return sp.find(qn("p:txBody"))
    return None
