"""Active content in a package: macros, and links an office would fetch when it opens the file.

A picture, video, sound or OLE object can be *linked* instead of embedded: its relationship is
`TargetMode="External"` and names `file:///…` or `http://…`. PowerPoint and LibreOffice fetch
such targets while rendering, so a deck from outside could read local files into a thumbnail or
a PDF, or call a server. Macro projects (`vbaProject.bin` and friends) are code. Both are removed
from untrusted packages before anything else reads them (`strip_active_content`), and a deck
that still holds a macro or such a link fails the integrity check (`macro_problems`,
`fetched_link_problems`).

Hyperlinks stay: they are followed only when someone clicks them.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree
from pptx.oxml.ns import qn

from enabler.render.designed.slide_package import rel_kind, resolve
from enabler.render.ooxml import parse_safe, relationship_refs, to_xml_bytes

CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MACRO_TYPES = frozenset(
    {
        "application/vnd.ms-office.vbaProject",
        "application/vnd.ms-office.vbaProjectSignature",
        "application/vnd.ms-office.vbaProjectSignatureAgile",
        "application/vnd.ms-office.vbaProjectSignatureV3",
        "application/vnd.ms-word.vbaData+xml",
    }
)
MACRO_MAIN_TYPES = frozenset(
    {
        "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
        "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
    }
)
_MACRO_RELS = {"vbaProject", "vbaProjectSignature", "wordVbaData"}
_SAFE_EXTERNAL = {"hyperlink"}  # followed on a click, never fetched to render
_NOUNS = {
    "image": "a linked picture",
    "video": "a linked video",
    "audio": "a linked sound",
    "media": "linked media",
    "oleObject": "a linked object (OLE)",
}
_TIMING, _SP_TARGET, _CNVPR = qn("p:timing"), qn("p:spTgt"), qn("p:cNvPr")
_SHAPE_CONTAINERS, _BG = {qn("p:spTree"), qn("p:grpSp")}, qn("p:bg")


@dataclass(frozen=True, slots=True)
class Removal:
    """One thing taken out of a package, in words a user can act on."""

    part: str  # where it was, e.g. `/ppt/slides/slide2.xml` (`/` for the package)
    what: str  # e.g. "a linked picture (file:///tmp/x.png)"

    def __str__(self) -> str:
        return f"removed {self.what}"


@dataclass(frozen=True, slots=True)
class Stripped:
    blob: bytes  # the package without its active content (the input itself when none)
    removed: tuple[Removal, ...] = ()


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "…"


def _source_of(rels_name: str) -> str:
    """`/ppt/slides/_rels/slide1.xml.rels` → `/ppt/slides/slide1.xml` (`/` for the package)."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


def _content_types(types_root, names) -> dict[str, str]:
    defaults = {
        el.get("Extension", "").lower(): el.get("ContentType", "")
        for el in types_root.iter(f"{CT_NS}Default")
    }
    overrides = {
        el.get("PartName", "").lower(): el.get("ContentType", "")
        for el in types_root.iter(f"{CT_NS}Override")
    }
    out = {}
    for name in names:
        partname = "/" + name
        ext = posixpath.splitext(name)[1].lstrip(".").lower()
        out[partname] = overrides.get(partname.lower()) or defaults.get(ext, "")
    return out


def _is_macro_part(partname: str, content_type: str) -> bool:
    return content_type in MACRO_TYPES or posixpath.basename(partname).lower() == "vbaproject.bin"


def macro_problems(names, content_types: dict[str, str], main_type: str) -> list[str]:
    """Integrity problems for macro parts and a macro-enabled main part (empty when none)."""
    problems = [
        f"{partname} is a macro project; decks must not carry macros"
        for partname in names
        if _is_macro_part(partname, content_types.get(partname, ""))
    ]
    if main_type in MACRO_MAIN_TYPES:
        problems.append("the presentation is typed as macro-enabled (.pptm/.potm)")
    return problems


def fetched_link_problems(rels: dict[str, dict[str, tuple[str, str, bool]]]) -> list[str]:
    """Integrity problems for relationships an office would fetch: {source: {rId: (type,
    target, external)}}, as the integrity checker reads them."""
    return [
        f"{source}: {rid} is {_NOUNS.get(rel_kind(reltype), 'linked content')} "
        f"({_short(target)}); an office fetches it when the deck is opened"
        for source, found in rels.items()
        for rid, (reltype, target, external) in found.items()
        if external and rel_kind(reltype) not in _SAFE_EXTERNAL
    ]


def _drop_timing_of_removed(root) -> bool:
    """Drop the animations when one of them targets a shape that is gone (PowerPoint repairs)."""
    timing = root.find(_TIMING)
    if timing is None:
        return False
    present = {el.get("id") for el in root.iter(_CNVPR)}
    if all(el.get("spid") in present for el in timing.iter(_SP_TARGET)):
        return False
    timing.getparent().remove(timing)
    return True


def _strip_refs(root, dropped: set[str]) -> int:
    """Remove what refers to a dropped relationship: the reference, or the shape that needs it."""
    count = 0
    for el, name, rid in list(relationship_refs(root)):
        if rid not in dropped or (el is not root and root not in el.iterancestors()):
            continue
        count += 1
        embedded = el.get(qn("r:embed"))
        if name == qn("r:link") and embedded and embedded not in dropped:
            del el.attrib[name]  # "link and embed": the embedded copy stays
            continue
        owner, parent = el, el.getparent()
        while parent is not None and parent.tag not in _SHAPE_CONTAINERS:
            if parent.tag == _BG:
                owner = parent
                break
            owner, parent = parent, parent.getparent()
        if parent is None:  # not on a slide (a chart's external data…): the element alone
            owner = el
        if owner is root:
            del el.attrib[name]
        else:
            owner.getparent().remove(owner)
    return count


def strip_active_content(data: bytes) -> Stripped:
    """`data` (a checked package) without macro parts and fetched links; see the module doc."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = [i for i in zf.infolist() if not i.filename.endswith("/")]
        names = [i.filename for i in infos]
        if "[Content_Types].xml" not in names:
            return Stripped(data)
        types_root = parse_safe(zf.read("[Content_Types].xml"))
        types = _content_types(types_root, names)
        gone = {p for p, ct in types.items() if _is_macro_part(p, ct)}
        removed = [Removal("/", f"the macro project {p.lstrip('/')}") for p in sorted(gone)]
        gone |= {
            posixpath.join(posixpath.dirname(p), "_rels", posixpath.basename(p) + ".rels")
            for p in set(gone)
        }
        changed: dict[str, bytes] = {}
        for name in names:
            partname = "/" + name
            if not name.endswith(".rels") or partname in gone:
                continue
            source = _source_of(partname)
            if source in gone:
                continue
            rels = parse_safe(zf.read(name))
            dropped = set()
            for rel in list(rels.iter(f"{REL_NS}Relationship")):
                kind, target = rel_kind(rel.get("Type", "")), rel.get("Target", "")
                external = rel.get("TargetMode") == "External"
                internal = None if external else resolve(source if source != "/" else "/x", target)
                if kind in _MACRO_RELS or internal in gone:
                    rels.remove(rel)
                    dropped.add(rel.get("Id", ""))
                elif external and kind not in _SAFE_EXTERNAL:
                    rels.remove(rel)
                    dropped.add(rel.get("Id", ""))
                    noun = _NOUNS.get(kind, f"linked content ({kind})")
                    removed.append(Removal(source, f"{noun} ({_short(target)})"))
                else:
                    continue
                changed[name] = to_xml_bytes(rels)
            if dropped and source.lstrip("/") in names:
                root = parse_safe(zf.read(source.lstrip("/")))
                if _strip_refs(root, dropped):
                    if _drop_timing_of_removed(root):
                        removed.append(Removal(source, "animations on a removed linked shape"))
                    changed[source.lstrip("/")] = to_xml_bytes(root)
        if not changed and not gone:
            return Stripped(data)
        for el in list(types_root):
            part = el.get("PartName", "")
            if (el.tag == f"{CT_NS}Override" and part in gone) or (
                el.tag == f"{CT_NS}Default" and el.get("ContentType") in MACRO_TYPES
            ):
                types_root.remove(el)
        changed["[Content_Types].xml"] = etree.tostring(
            types_root, xml_declaration=True, encoding="UTF-8", standalone=True
        )
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
            for info in infos:
                if "/" + info.filename in gone:
                    continue
                blob = changed.get(info.filename)
                dest.writestr(info, zf.read(info) if blob is None else blob, zipfile.ZIP_DEFLATED)
    return Stripped(out.getvalue(), tuple(removed))
