"""Keep source formatting: a designed slide brings its own layout, master and theme.

As PowerPoint's *Reuse slides ▸ Keep source formatting* does, the slide's layout, master and
theme (with their pictures) are copied into the deck, so the slide renders with its own
backgrounds, colours, fonts and master logos. Copies are de-duplicated by content: ten slides
from one source add one master, and a slide designed on the deck's own template uses the
template's layout instead of a copy. A source page of another size is placed by `slide_size`
on masters and layouts as on slides.
"""

from __future__ import annotations

import copy
import hashlib

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.parts.slide import SlideLayoutPart, SlideMasterPart

from enabler.errors import RenderError
from enabler.render.designed.background import Letterbox
from enabler.render.designed.ooxml_copy import PartCopier, add_rel
from enabler.render.designed.slide_package import SlidePackage
from enabler.render.designed.slide_size import Placement, place_tree
from enabler.render.ooxml import parse_safe, to_xml_bytes

_FIRST_ID = 2147483648  # ECMA-376: master and layout ids share one space from 2^31
_LAYOUT_IDS = f"{qn('p:sldLayoutIdLst')}"


def _no_fill(text: str) -> str:
    return text


def _canonical(el) -> bytes:
    """Content of an XML element without the list of its master's layouts."""
    ids = el.find(_LAYOUT_IDS)
    if ids is not None:
        el = copy.deepcopy(el)
        el.remove(el.find(_LAYOUT_IDS))
    return etree.tostring(el, method="c14n")


def _digest(*chunks: bytes) -> str:
    h = hashlib.sha256()
    for chunk in chunks:
        h.update(hashlib.sha256(chunk).digest())
    return h.hexdigest()


class SourceMasters:
    """Finds or copies, for each source slide, its layout (with master and theme) in the deck."""

    def __init__(self, prs, copier: PartCopier, letterbox: Letterbox):
        self._prs = prs
        self._package = prs.part.package
        self._copier = copier
        self._letterbox = letterbox
        self._layouts: dict[str, object] = {}  # content key → SlideLayoutPart in the deck
        self._masters: dict[str, SlideMasterPart] = {}
        self._seen: dict[str, str] = {}  # digest of a source's raw parts → its content key
        self._next_id: int | None = None
        self._index_deck()

    @property
    def size(self) -> tuple[int, int]:
        return int(self._prs.slide_width), int(self._prs.slide_height)

    # -- keys ------------------------------------------------------------------------------------
    def _index_deck(self) -> None:
        """The template's own masters and layouts, so identical sources reuse them."""
        for master in self._prs.slide_masters:
            mkey = self._deck_master_key(master.part)
            self._masters.setdefault(mkey, master.part)
            for layout in master.slide_layouts:
                lkey = _digest(mkey.encode(), *self._deck_rel_chunks(layout.part, "slideMaster"))
                self._layouts.setdefault(
                    _digest(lkey.encode(), _canonical(layout._element)), layout.part
                )

    def _deck_rel_chunks(self, part, skip: str) -> list[bytes]:
        out = []
        for rid, rel in sorted(part.rels.items()):
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind in (skip, "slideLayout"):
                continue
            target = rel.target_ref.encode() if rel.is_external else rel.target_part.blob
            out.append(f"{rid}|{kind}".encode())
            out.append(target)
        return out

    def _deck_master_key(self, part) -> str:
        return _digest(_canonical(part._element), *self._deck_rel_chunks(part, "slideMaster"))

    def _src_rel_chunks(self, src: SlidePackage, partname: str, skip: str) -> list[bytes]:
        out = []
        for rel in sorted(src.rels(partname), key=lambda r: r.rid):
            if rel.kind in (skip, "slideLayout"):
                continue
            target = rel.target.encode() if rel.external else src.blob(rel.target)
            out.append(f"{rel.rid}|{rel.kind}".encode())
            out.append(target)
        return out

    # -- public ------------------------------------------------------------------------------------
    def layout_for(self, src: SlidePackage, placement: Placement | None):
        """The deck's layout part for `src`'s layout, copied with its master when new."""
        layout_pn = src.layout_partname
        master_pn = self._master_partname(src, layout_pn)
        if not layout_pn or not master_pn:
            raise RenderError(
                "A designed slide's stored source has no layout or master to keep its "
                "formatting; import it again."
            )
        raw = _digest(
            repr(placement).encode(),
            src.blob(layout_pn),
            src.blob(master_pn),
            *self._src_rel_chunks(src, master_pn, "x"),
            *self._src_rel_chunks(src, layout_pn, "slideMaster"),
        )
        if raw in self._seen:  # the same bytes as an earlier slide's: no parsing again
            return self._layouts[self._seen[raw]]
        layout_root = parse_safe(src.blob(layout_pn))
        master_root = parse_safe(src.blob(master_pn))
        where = repr(placement).encode()
        mkey = _digest(_canonical(master_root), *self._src_rel_chunks(src, master_pn, "x"))
        if placement is not None:
            mkey = _digest(mkey.encode(), where)
        lkey = _digest(mkey.encode(), *self._src_rel_chunks(src, layout_pn, "slideMaster"))
        lkey = _digest(lkey.encode(), _canonical(layout_root))
        self._seen[raw] = lkey
        if lkey in self._layouts:
            return self._layouts[lkey]
        master = self._masters.get(mkey)
        if master is None:
            master = self._copy_master(src, master_pn, master_root, placement)
            self._masters[mkey] = master
        layout = self._copy_layout(src, layout_pn, layout_root, master, placement)
        self._layouts[lkey] = layout
        return layout

    # -- copying -----------------------------------------------------------------------------------
    def _master_partname(self, src: SlidePackage, layout_pn: str) -> str:
        if not layout_pn:
            return ""
        for rel in src.rels(layout_pn):
            if rel.kind == "slideMaster" and not rel.external and src.has_part(rel.target):
                return rel.target
        return ""

    def _copy_rels(self, src: SlidePackage, partname: str, part, skip: set[str]) -> None:
        copied: dict = {}
        for rel in src.rels(partname):
            if rel.kind in skip:
                continue
            if rel.external:
                target = rel.target
            else:
                target = self._copier.copy_part(src, rel.target, rel.kind, copied, _no_fill)
            if target is not None:
                add_rel(part, rel.rid, rel.reltype, target, rel.external)

    def _new_id(self) -> int:
        if self._next_id is None:
            pres = self._prs.part._element
            ids = [int(el.get("id", "0")) for el in pres.iter(qn("p:sldMasterId"))]
            for master in self._prs.slide_masters:
                ids += [int(el.get("id", "0")) for el in master._element.iter(qn("p:sldLayoutId"))]
            self._next_id = max([_FIRST_ID - 1, *ids]) + 1
        self._next_id += 1
        return self._next_id - 1

    def _copy_master(self, src, partname: str, root, placement) -> SlideMasterPart:
        ids = root.find(_LAYOUT_IDS)
        if ids is not None:
            for child in list(ids):
                ids.remove(child)
        if placement is not None:
            place_tree(root, placement)
        name = self._copier.names.like(partname)
        part = SlideMasterPart.load(name, CT.PML_SLIDE_MASTER, self._package, to_xml_bytes(root))
        self._copy_rels(src, partname, part, {"slideLayout"})
        self._letterbox.apply(part, placement)
        pres_part = self._prs.part
        rid = pres_part.relate_to(part, RT.SLIDE_MASTER)
        lst = pres_part._element.get_or_add_sldMasterIdLst()
        lst.append(
            lst.makeelement(qn("p:sldMasterId"), {"id": str(self._new_id()), qn("r:id"): rid})
        )
        return part

    def _copy_layout(self, src, partname: str, root, master, placement):
        if placement is not None:
            place_tree(root, placement)
        name = self._copier.names.like(partname)
        part = SlideLayoutPart.load(name, CT.PML_SLIDE_LAYOUT, self._package, to_xml_bytes(root))
        for rel in src.rels(partname):
            if rel.kind == "slideMaster":
                add_rel(part, rel.rid, rel.reltype, master, False)
        self._copy_rels(src, partname, part, {"slideMaster"})
        self._letterbox.apply(part, placement)
        rid = master.relate_to(part, RT.SLIDE_LAYOUT)
        lst = master._element.get_or_add_sldLayoutIdLst()
        lst.append(
            lst.makeelement(qn("p:sldLayoutId"), {"id": str(self._new_id()), qn("r:id"): rid})
        )
        return part
