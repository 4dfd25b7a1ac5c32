"""Copy a designed slide and every part it reaches into the deck being built.

The slide keeps its own relationship ids: ids are per part, so in a brand-new slide part they
cannot clash, and XML that refers to them (including SmartArt's `relId`, which is not an `r:`
attribute) needs no rewriting. Each copy gets new chart, workbook, SmartArt and OLE parts (two
slides never share a chart); pictures and media are stored once per deck by content hash.
Copied parts get names of their own (`chart_e1.xml`…) that python-pptx never generates, so parts
it adds later for smart slides cannot collide with them.
"""

from __future__ import annotations

import copy
import hashlib
import posixpath
from collections.abc import Callable

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, _Relationship
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn
from pptx.parts.image import ImagePart
from pptx.parts.slide import SlidePart

from enabler.render.designed.slide_package import FILLABLE, Rel, SlidePackage
from enabler.render.ooxml import drop_refs, notes_body, parse_safe, relationship_refs, to_xml_bytes
from enabler.render.templating.tags import fill_tags

Fill = Callable[[str], str]

# Relationships a copy never follows: the layout is mapped, notes are rebuilt, links to other
# slides of the source deck lead nowhere in a new deck, and comments belong to their authors.
_NOT_COPIED = {"slideLayout", "slideMaster", "notesSlide", "notesMaster", "slide", "comments"}
_MEDIA_KINDS = {"image", "media", "video", "audio", "hdphoto"}


def add_rel(part: Part, rid: str, reltype: str, target: Part | str, external: bool) -> None:
    """Relate `part` to `target` under a given rId (python-pptx only hands out new ones)."""
    mode = RTM.EXTERNAL if external else RTM.INTERNAL
    part.rels._rels[rid] = _Relationship(part.partname.baseURI, rid, reltype, mode, target)


def fill_xml_blob(blob: bytes, fill: Fill) -> bytes:
    if b"{" not in blob:
        return blob
    root = parse_safe(blob)
    return to_xml_bytes(root) if fill_tags(root, fill) else blob


class PartNames:
    """Hands out partnames unused in the package, shaped like the source's (`chart_e3.xml`)."""

    def __init__(self, package):
        self._used = {str(p.partname).lower() for p in package.iter_parts()}
        self._counters: dict[tuple[str, str, str], int] = {}

    def like(self, source_partname: str) -> PackURI:
        folder, name = posixpath.split(source_partname)
        stem, ext = posixpath.splitext(name)
        stem = stem.rstrip("0123456789_-") or "part"
        key = (folder, stem, ext.lower())
        n = self._counters.get(key, 0)
        while True:
            n += 1
            candidate = f"{folder}/{stem}_e{n}{ext}"
            if candidate.lower() not in self._used:
                break
        self._counters[key] = n
        self._used.add(candidate.lower())
        return PackURI(candidate)


class PartCopier:
    """Copies slides out of single-slide packages into one target package (one per deck)."""

    def __init__(self, package):
        self._package = package
        self._names = PartNames(package)
        self._media: dict[str, Part] = {}

    @property
    def names(self) -> PartNames:
        return self._names

    def copy_part(self, src: SlidePackage, partname: str, kind: str, copied, fill: Fill):
        """Copy one part of `src` and what it reaches (media shared); `copied` maps done parts."""
        return self._copy_part(src, partname, kind, copied, fill)

    def copy_slide(self, src: SlidePackage, slide_el, layout_part, fill: Fill) -> SlidePart:
        """Add `slide_el` (already filled) as a new slide on `layout_part`, with its parts."""
        pres_part = self._package.presentation_part
        slide_part = SlidePart(
            pres_part._next_slide_partname, CT.PML_SLIDE, self._package, slide_el
        )
        copied: dict[str, Part] = {src.slide_partname: slide_part}
        kept = set()
        for rel in src.rels(src.slide_partname):
            if rel.kind == "slideLayout":
                target = layout_part
            else:
                target = self._target(src, rel, copied, fill)
            if target is not None:
                add_rel(slide_part, rel.rid, rel.reltype, target, rel.external)
                kept.add(rel.rid)
        drop_refs(slide_el, kept)
        rid = pres_part.relate_to(slide_part, RT.SLIDE)
        pres_part._element.get_or_add_sldIdLst().add_sldId(rid)
        return slide_part

    def copy_notes(self, src: SlidePackage, slide_part: SlidePart, fill: Fill) -> None:
        """Give the new slide the source's speaker notes, formatting and links included."""
        if not src.notes_partname or not src.has_part(src.notes_partname):
            return
        body = notes_body(parse_xml(src.blob(src.notes_partname)))
        if body is None or not "".join(body.itertext()).strip():
            return
        placeholder = slide_part.notes_slide.notes_placeholder
        if placeholder is None:
            return
        tx_body = placeholder._element.find(qn("p:txBody"))
        for p in tx_body.findall(qn("a:p")):
            tx_body.remove(p)
        for p in body.findall(qn("a:p")):
            tx_body.append(copy.deepcopy(p))
        fill_tags(tx_body, fill)
        links = {r.rid: r for r in src.rels(src.notes_partname) if r.external}
        notes_part = slide_part.notes_slide.part
        for el, name, rid in list(relationship_refs(tx_body)):
            if rid in links:
                el.set(name, notes_part.relate_to(links[rid].target, links[rid].reltype, True))
        drop_refs(tx_body, set(notes_part.rels.keys()))

    # -- parts -------------------------------------------------------------------------------------
    def _target(self, src: SlidePackage, rel: Rel, copied, fill: Fill) -> Part | str | None:
        if rel.external:
            return rel.target
        if rel.kind in _NOT_COPIED and rel.target not in copied:
            return None
        return self._copy_part(src, rel.target, rel.kind, copied, fill)

    def _copy_part(self, src: SlidePackage, partname: str, kind: str, copied, fill: Fill):
        if partname in copied:
            return copied[partname]
        if not src.has_part(partname):
            return None
        content_type = src.content_type(partname)
        blob = src.blob(partname)
        rels = src.rels(partname)
        if not rels and (kind in _MEDIA_KINDS or content_type.startswith(("image/", "video/"))):
            part = self._shared_media(partname, content_type, blob)
            copied[partname] = part
            return part
        if content_type in FILLABLE:
            blob = fill_xml_blob(blob, fill)
        part = Part(self._names.like(partname), content_type, self._package, blob)
        copied[partname] = part
        dropped = False
        for rel in rels:
            target = self._target(src, rel, copied, fill)
            if target is None:
                dropped = True
                continue
            add_rel(part, rel.rid, rel.reltype, target, rel.external)
        if dropped and content_type.endswith("xml"):
            root = parse_safe(part.blob)
            if drop_refs(root, set(part.rels.keys())):
                part.blob = to_xml_bytes(root)
        return part

    def _shared_media(self, partname: str, content_type: str, blob: bytes) -> Part:
        """Pictures, audio and video are stored once per deck, however many slides use them."""
        sha = hashlib.sha256(blob).hexdigest()
        part = self._media.get(sha)
        if part is None:
            name = self._names.like(partname)
            if content_type.startswith("image/"):
                part = ImagePart(name, content_type, self._package, blob)
            else:
                part = Part(name, content_type, self._package, blob)
            self._media[sha] = part
        return part
