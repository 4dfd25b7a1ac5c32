"""Read a designed module's source: a single-slide .pptx, at the zip level.

Building a deck needs only the slide, its relationships and the parts they reach, so this reader
opens the zip and parses what is asked for, instead of loading every master and layout through
python-pptx. Parts are parsed with the safe parser (no DTD, no entities).
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from dataclasses import dataclass

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.oxml import parse_xml
from pptx.oxml.ns import qn

from enabler.errors import RenderError
from enabler.render.ooxml import parse_safe, placeholder_types

# Parts whose text may hold {{ fields }} besides the slide and its notes: charts and SmartArt.
FILLABLE = {
    CT.DML_CHART,
    CT.DML_CHARTSHAPES,
    CT.DML_DIAGRAM_DATA,
    "application/vnd.ms-office.drawingml.diagramDrawing+xml",
}
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def rel_kind(reltype: str) -> str:
    """`slideLayout`, `image`, `chart`…: the last segment, so strict and 2006 URIs agree."""
    return reltype.rstrip("/").rsplit("/", 1)[-1]


def resolve(base_partname: str, target: str) -> str:
    """Absolute partname of a relative relationship target, e.g. `/ppt/media/image1.png`."""
    if target.startswith("/"):
        return posixpath.normpath(target)
    return posixpath.normpath(posixpath.join(posixpath.dirname(base_partname), target))


def rels_partname(partname: str) -> str:
    folder, name = posixpath.split(partname)
    return posixpath.join(folder, "_rels", f"{name}.rels")


@dataclass(frozen=True, slots=True)
class Rel:
    rid: str
    reltype: str
    target: str  # absolute partname, or the URL of an external target
    external: bool

    @property
    def kind(self) -> str:
        return rel_kind(self.reltype)


class SlidePackage:
    """A single-slide package: its slide, layout name, notes and related parts."""

    def __init__(self, blob: bytes):
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(blob))
            self._names = {"/" + n.lstrip("/"): n for n in self._zip.namelist()}
            self._rels: dict[str, tuple[Rel, ...]] = {}
            self._defaults, self._overrides = self._content_types()
            main = self._rel_of_kind("/", "officeDocument")
            self.slide_partname = self._rel_of_kind(main, "slide")
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise RenderError(
                f"A designed slide's stored source is damaged ({exc}); import it again."
            ) from None

    # -- reading parts ---------------------------------------------------------------------------
    def has_part(self, partname: str) -> bool:
        return partname in self._names

    def blob(self, partname: str) -> bytes:
        try:
            return self._zip.read(self._names[partname])
        except KeyError:
            raise RenderError(
                f"A designed slide's stored source lacks {partname}; import it again."
            ) from None

    def content_type(self, partname: str) -> str:
        ct = self._overrides.get(partname.lower())
        if ct is None:
            ct = self._defaults.get(posixpath.splitext(partname)[1].lstrip(".").lower(), "")
        return ct

    def rels(self, partname: str) -> tuple[Rel, ...]:
        if partname not in self._rels:
            self._rels[partname] = self._read_rels(partname)
        return self._rels[partname]

    def _read_rels(self, partname: str) -> tuple[Rel, ...]:
        name = rels_partname(partname) if partname != "/" else "/_rels/.rels"
        if name not in self._names:
            return ()
        base = partname if partname != "/" else "/x"
        out = []
        for el in parse_safe(self.blob(name)).iter(f"{_REL_NS}Relationship"):
            external = el.get("TargetMode") == "External"
            target = el.get("Target", "")
            out.append(
                Rel(
                    el.get("Id", ""),
                    el.get("Type", ""),
                    target if external else resolve(base, target),
                    external,
                )
            )
        return tuple(out)

    # -- the slide -------------------------------------------------------------------------------
    @functools.cached_property
    def slide_xml(self):
        """The slide element parsed with python-pptx's element classes (copy before changing)."""
        return parse_xml(self.blob(self.slide_partname))

    @functools.cached_property
    def layout(self) -> tuple[str, tuple[str, ...]]:
        """The source layout's name and placeholder types, for mapping onto the target template."""
        partname = self._rel_of_kind(self.slide_partname, "slideLayout", required=False)
        if not partname or not self.has_part(partname):
            return "", ()
        root = parse_safe(self.blob(partname))
        c_sld = root.find(qn("p:cSld"))
        if c_sld is None:
            return "", ()
        return c_sld.get("name", ""), tuple(placeholder_types(c_sld))

    @functools.cached_property
    def layout_partname(self) -> str:
        partname = self._rel_of_kind(self.slide_partname, "slideLayout", required=False)
        return partname if partname and self.has_part(partname) else ""

    @functools.cached_property
    def slide_size(self) -> tuple[int, int] | None:
        """The source presentation's page size in EMU, or None when it does not say."""
        main = self._rel_of_kind("/", "officeDocument")
        size = parse_safe(self.blob(main)).find(qn("p:sldSz"))
        try:
            return int(size.get("cx")), int(size.get("cy"))
        except (AttributeError, TypeError, ValueError):
            return None

    @functools.cached_property
    def app_properties(self) -> tuple[str, str]:
        """(Application, AppVersion) from docProps/app.xml, ('', '') when absent."""
        partname = self._rel_of_kind("/", "extended-properties", required=False)
        if not partname or not self.has_part(partname):
            return "", ""
        root = parse_safe(self.blob(partname))
        found = {el.tag.rsplit("}", 1)[-1]: (el.text or "").strip() for el in root}
        return found.get("Application", ""), found.get("AppVersion", "")

    @functools.cached_property
    def notes_partname(self) -> str:
        return self._rel_of_kind(self.slide_partname, "notesSlide", required=False)

    def text_roots(self) -> list:
        """Every element whose text may hold fields: slide, notes, charts and SmartArt parts."""
        roots = [self.slide_xml]
        if self.notes_partname and self.has_part(self.notes_partname):
            roots.append(parse_safe(self.blob(self.notes_partname)))
        seen, todo = {self.slide_partname}, [self.slide_partname]
        while todo:
            for rel in self.rels(todo.pop()):
                if rel.external or rel.target in seen or not self.has_part(rel.target):
                    continue
                if rel.kind in ("slideLayout", "notesSlide", "slide"):
                    continue
                seen.add(rel.target)
                if self.content_type(rel.target) in FILLABLE:
                    roots.append(parse_safe(self.blob(rel.target)))
                    todo.append(rel.target)
        return roots

    # -- helpers ---------------------------------------------------------------------------------
    def _rel_of_kind(self, partname: str, kind: str, required: bool = True) -> str:
        for rel in self.rels(partname):
            if rel.kind == kind and not rel.external:
                return rel.target
        if required:
            raise KeyError(f"no {kind} relationship from {partname}")
        return ""

    def _content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        root = parse_safe(self._zip.read("[Content_Types].xml"))
        defaults = {
            el.get("Extension", "").lower(): el.get("ContentType", "")
            for el in root.iter(f"{_CT_NS}Default")
        }
        overrides = {
            el.get("PartName", "").lower(): el.get("ContentType", "")
            for el in root.iter(f"{_CT_NS}Override")
        }
        return defaults, overrides
