"""`docProps/app.xml` of a built deck kept coherent with the charts it carries.

LibreOffice reads a chart by the rules of the Office version named in `docProps/app.xml`:
PowerPoint 2007 (AppVersion 12) wrote charts whose unstated defaults differ from later
versions', so a 2007 chart in a deck that says 14 renders other data labels and colours. When
the designed slides that bring charts into a deck all come from one Office version, the deck
says that version; when they disagree, the template's stays (no choice suits both).
"""

from __future__ import annotations

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from enabler.render.designed.slide_package import SlidePackage
from enabler.render.ooxml import parse_safe, to_xml_bytes

_EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_CHART_KINDS = {"chart", "chartEx"}


def chart_app_version(src: SlidePackage) -> str:
    """The Office version that wrote `src`'s charts ('' when it has none or no Office wrote it)."""
    if not any(r.kind in _CHART_KINDS for r in src.rels(src.slide_partname)):
        return ""
    application, version = src.app_properties
    return version if application.startswith("Microsoft") and version else ""


class AppVersion:
    """Collects the chart versions of one deck's designed slides and writes the deck's."""

    def __init__(self, package):
        self._package = package
        self._seen: set[str] = set()
        self._original: str | None = None  # the template's, once changed

    def add(self, src: SlidePackage) -> None:
        version = chart_app_version(src)
        if not version or version in self._seen:
            return
        self._seen.add(version)
        if len({v.split(".")[0] for v in self._seen}) == 1:
            self._write(version)
        elif self._original is not None:
            self._write(self._original)

    def _write(self, version: str) -> None:
        try:
            part = self._package.part_related_by(RT.EXTENDED_PROPERTIES)
        except KeyError:
            return
        root = parse_safe(part.blob)
        el = root.find(f"{_EP}AppVersion")
        if el is None:
            el = root.makeelement(f"{_EP}AppVersion", {})
            root.append(el)
        if self._original is None:
            self._original = el.text or ""
        if el.text != version:
            el.text = version
            part._blob = to_xml_bytes(root)
