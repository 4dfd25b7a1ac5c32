"""Package integrity: the structural faults that make PowerPoint offer to repair a deck.

Checked: the zip reads and has no repeated entries; every part has a content type; every
relationship has a unique id and an internal target that exists; every `r:` reference in a part
names one of that part's relationships; every slide is listed once in the presentation with a
valid id; no two shapes on a slide share an id. Also refused, though PowerPoint would open it:
a macro project or a macro-enabled main part (decks never carry code), and pictures, media or
objects linked to files or URLs outside the package (an office fetches them when it opens it).
Usable from tests and from `enabler check`.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from pptx.oxml.ns import qn

from enabler.render.active_content import fetched_link_problems, macro_problems
from enabler.render.designed.slide_package import rel_kind, resolve
from enabler.render.ooxml import MC_NS, parse_safe, relationship_refs

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SLIDE_CT = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"


@dataclass(frozen=True, slots=True)
class IntegrityReport:
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def _source_of(rels_name: str) -> str:
    """`/ppt/slides/_rels/slide1.xml.rels` → `/ppt/slides/slide1.xml` (`/` for the package)."""
    folder, name = posixpath.split(rels_name)
    return posixpath.join(posixpath.dirname(folder), name[: -len(".rels")])


class _Checker:
    def __init__(self, zf: zipfile.ZipFile):
        self.zf = zf
        self.problems: list[str] = []
        names = [n for n in zf.namelist() if not n.endswith("/")]
        for name, count in Counter(n.lower() for n in names).items():
            if count > 1:
                self.problems.append(f"{name} appears {count} times in the zip")
        self.parts = {"/" + n: n for n in names}
        self.rels: dict[str, dict[str, tuple[str, str, bool]]] = {}
        self.types: dict[str, str] = {}

    def xml(self, partname: str):
        try:
            return parse_safe(self.zf.read(self.parts[partname]))
        except etree.XMLSyntaxError as exc:
            self.problems.append(f"{partname} is not well-formed XML ({exc})")
            return None

    def content_types(self) -> None:
        root = self.xml("/[Content_Types].xml") if "/[Content_Types].xml" in self.parts else None
        if root is None:
            self.problems.append("[Content_Types].xml is missing or unreadable")
            return
        defaults = {
            e.get("Extension", "").lower(): e.get("ContentType")
            for e in root.iter(f"{_CT_NS}Default")
        }
        overrides = {
            e.get("PartName", "").lower(): e.get("ContentType")
            for e in root.iter(f"{_CT_NS}Override")
        }
        for partname in self.parts:
            if partname == "/[Content_Types].xml":
                continue
            base = posixpath.basename(partname)
            ext = base.rsplit(".", 1)[-1].lower() if "." in base else ""
            ct = overrides.get(partname.lower()) or defaults.get(ext)
            if not ct:
                self.problems.append(f"{partname} has no content type")
            else:
                self.types[partname] = ct

    def relationships(self) -> None:
        for partname in self.parts:
            if not partname.endswith(".rels") or "/_rels/" not in partname:
                continue
            source = _source_of(partname)
            if source != "/" and source not in self.parts:
                self.problems.append(f"{partname} describes {source}, which is missing")
            root = self.xml(partname)
            if root is None:
                continue
            found: dict[str, tuple[str, str, bool]] = {}
            for el in root.iter(f"{_REL_NS}Relationship"):
                rid, external = el.get("Id", ""), el.get("TargetMode") == "External"
                if rid in found:
                    self.problems.append(f"{partname}: relationship id {rid} used twice")
                target = el.get("Target", "")
                if not external:
                    target = resolve(source if source != "/" else "/x", target)
                    if target not in self.parts:
                        self.problems.append(f"{source}: {rid} points to missing {target}")
                found[rid] = (el.get("Type", ""), target, external)
            self.rels[source] = found

    def references(self) -> None:
        for partname, ct in self.types.items():
            if not ct.endswith("xml") or partname.endswith(".rels"):
                continue
            if ct == "application/xml" and partname.startswith("/customXml/item"):
                continue
            root = self.xml(partname)
            if root is None:
                continue
            ids = self.rels.get(partname, {})
            for el, _, rid in relationship_refs(root):
                if rid and rid not in ids:
                    tag = etree.QName(el).localname
                    self.problems.append(f"{partname}: <{tag}> refers to missing {rid}")
            if ct == _SLIDE_CT:
                self._shape_ids(partname, root)
            elif partname == self._main_part():
                self._slide_list(partname, root, ids)

    def _main_part(self) -> str:
        for reltype, target, external in self.rels.get("/", {}).values():
            if rel_kind(reltype) == "officeDocument" and not external:
                return target
        return ""

    def _shape_ids(self, partname: str, root) -> None:
        fallback = f"{{{MC_NS}}}Fallback"
        ids = [
            el.get("id")
            for el in root.iter(qn("p:cNvPr"))
            if not any(a.tag == fallback for a in el.iterancestors())
        ]
        for shape_id, count in Counter(ids).items():
            if count > 1:
                self.problems.append(f"{partname}: shape id {shape_id} used {count} times")

    def _slide_list(self, partname: str, root, ids) -> None:
        listed = [el.get(qn("r:id")) for el in root.iter(qn("p:sldId"))]
        numbers = [el.get("id", "") for el in root.iter(qn("p:sldId"))]
        if any(not n.isdigit() or int(n) < 256 for n in numbers) or len(set(numbers)) != len(
            numbers
        ):
            self.problems.append(f"{partname}: slide ids must be distinct numbers from 256")
        for rid, (reltype, target, _) in ids.items():
            if rel_kind(reltype) == "slide" and listed.count(rid) != 1:
                self.problems.append(f"{partname}: slide {target} is not listed exactly once")


def check_integrity(source: Path | str | bytes) -> IntegrityReport:
    """Check a .pptx (path or bytes) and list every structural problem found."""
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (OSError, zipfile.BadZipFile) as exc:
        return IntegrityReport((f"not a readable package ({exc})",))
    with zf:
        checker = _Checker(zf)
        checker.content_types()
        checker.relationships()
        checker.references()
        main_type = checker.types.get(checker._main_part(), "")
        checker.problems += macro_problems(checker.parts, checker.types, main_type)
        checker.problems += fetched_link_problems(checker.rels)
    return IntegrityReport(tuple(checker.problems))
