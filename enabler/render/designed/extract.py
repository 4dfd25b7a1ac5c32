"""Cut each slide of a presentation out as a self-contained single-slide package.

The package keeps the slide with everything it reaches (its layout, master and theme, notes,
pictures, charts and their workbooks, SmartArt, media) and drops the other slides, masters and
layouts, macros, custom XML and comment authors. It opens in PowerPoint and LibreOffice (which
makes the thumbnail from it) and is what a designed module version stores.

Before cutting, each slide is made safe and self-standing: click actions that start programs or
macros are removed, links to other slides of the file (which would lead nowhere) and references
to missing parts are dropped, hidden slides are shown, and placeholders get the position they
inherited from their layout, so they keep their place on any template.
"""

from __future__ import annotations

import copy
import hashlib
import io
from contextlib import contextmanager

from pptx.oxml.ns import qn

from enabler.render.designed.slide_package import SlidePackage, rel_kind
from enabler.render.ooxml import drop_actions, drop_refs, drop_unsafe_actions, unhide_slide

# Presentation-level relationships a single-slide package does not need.
_DROPPED_FROM_PRESENTATION = {
    "slide",
    "slideMaster",
    "handoutMaster",
    "vbaProject",
    "customXml",
    "commentAuthors",
    "tags",
}
# What a slide's fingerprint leaves out: the file around it, not its content.
_NOT_CONTENT = {"slide", "slideMaster", "notesMaster", "theme"}
# Custom shows live in the source presentation, which a built deck does not carry.
_DEAD_ACTIONS = ("ppaction://customshow",)
_DROPPED_ELEMENTS = ("p:handoutMasterIdLst", "p:custShowLst", "p:custDataLst", "p:extLst")
_PACKAGE_KEPT = {
    "officeDocument",
    "core-properties",
    "metadata/core-properties",
    "extended-properties",
}


def normalise_slide(slide) -> list[str]:
    """Make `slide` safe and self-standing in place; returns what was removed, in words."""
    notes = []
    sld = slide._element
    for shape in slide.placeholders:
        if shape._element.xpath("./p:spPr/a:xfrm | ./p:xfrm"):
            continue
        box = (shape.left, shape.top, shape.width, shape.height)
        if None not in box:
            shape.left, shape.top, shape.width, shape.height = box
    unsafe = drop_unsafe_actions(sld)
    if unsafe:
        notes.append(f"removed {unsafe} click action(s) that would start a program or macro")
    dead = drop_actions(sld, _DEAD_ACTIONS)
    rels = slide.part.rels
    for rid in [r for r in rels if rel_kind(rels[r].reltype) in ("slide", "comments")]:
        rels.pop(rid)
    missing = drop_refs(sld, set(rels.keys())) + dead
    if missing:
        notes.append(f"removed {missing} link(s) to other slides or to missing parts")
    unhide_slide(sld)
    return notes


@contextmanager
def _swapped(part, element, keep):
    """Temporarily give `part` another element and only the relationships `keep` accepts."""
    saved_element, saved_rels = part._element, dict(part.rels._rels)
    part._element = element
    part.rels._rels.clear()
    part.rels._rels.update({rid: rel for rid, rel in saved_rels.items() if keep(rel)})
    try:
        yield
    finally:
        part._element = saved_element
        part.rels._rels.clear()
        part.rels._rels.update(saved_rels)


def _presentation_copy(pres_el, slide_rid: str, master_rid: str):
    el = copy.deepcopy(pres_el)
    for tag in _DROPPED_ELEMENTS:
        for child in el.findall(qn(tag)):
            el.remove(child)
    for sld_id in el.findall(f"{qn('p:sldIdLst')}/{qn('p:sldId')}"):
        if sld_id.get(qn("r:id")) != slide_rid:
            sld_id.getparent().remove(sld_id)
    for master_id in el.findall(f"{qn('p:sldMasterIdLst')}/{qn('p:sldMasterId')}"):
        if master_id.get(qn("r:id")) != master_rid:
            master_id.getparent().remove(master_id)
    return el


def _master_copy(master_el, layout_rid: str):
    el = copy.deepcopy(master_el)
    for layout_id in el.findall(f"{qn('p:sldLayoutIdLst')}/{qn('p:sldLayoutId')}"):
        if layout_id.get(qn("r:id")) != layout_rid:
            layout_id.getparent().remove(layout_id)
    return el


def _rid_of(part, target) -> str:
    return next(
        rid for rid, rel in part.rels.items() if not rel.is_external and rel.target_part is target
    )


def cut_slide(prs, slide) -> bytes:
    """The single-slide package of `slide` (call `normalise_slide` first)."""
    pres_part = prs.part
    layout_part = slide.part.slide_layout.part
    master_part = layout_part.slide_master.part
    slide_rid = _rid_of(pres_part, slide.part)
    master_rid = _rid_of(pres_part, master_part)
    layout_rid = _rid_of(master_part, layout_part)
    pres_el = _presentation_copy(pres_part._element, slide_rid, master_rid)
    kept = {slide_rid, master_rid}

    def keep_pres(rel) -> bool:
        return rel.rId in kept or rel_kind(rel.reltype) not in _DROPPED_FROM_PRESENTATION

    def keep_master(rel) -> bool:
        return rel.rId == layout_rid or rel_kind(rel.reltype) != "slideLayout"

    package = pres_part.package
    pkg_rels = package._rels
    saved_pkg = dict(pkg_rels._rels)
    buf = io.BytesIO()
    try:
        for rid, rel in saved_pkg.items():
            if not any(rel.reltype.endswith(k) for k in _PACKAGE_KEPT):
                pkg_rels._rels.pop(rid)
        with (
            _swapped(pres_part, pres_el, keep_pres),
            _swapped(master_part, _master_copy(master_part._element, layout_rid), keep_master),
        ):
            drop_refs(pres_el, set(pres_part.rels.keys()))
            prs.save(buf)
    finally:
        pkg_rels._rels.clear()
        pkg_rels._rels.update(saved_pkg)
    return buf.getvalue()


def fingerprint(package: SlidePackage) -> str:
    """Changes exactly when the slide's own content changes.

    Hashes the slide, its notes and every part they reach, by content: part names, the slide's
    position in its file and the rest of the file (other slides, masters, properties) do not
    count, so moving or renaming slides in PowerPoint does not look like an edit.
    """
    digest = hashlib.sha256()
    seen: set[str] = set()

    def walk(partname: str) -> None:
        seen.add(partname)
        digest.update(hashlib.sha256(package.blob(partname)).digest())
        for rel in sorted(package.rels(partname), key=lambda r: r.rid):
            digest.update(f"|{rel.rid}|{rel.kind}|".encode())
            if rel.external:
                digest.update(rel.target.encode())
            elif rel.kind == "slideLayout":
                digest.update(repr(package.layout).encode())
            elif rel.kind in _NOT_CONTENT or rel.target in seen:
                continue
            elif package.has_part(rel.target):
                walk(rel.target)

    walk(package.slide_partname)
    return digest.hexdigest()
