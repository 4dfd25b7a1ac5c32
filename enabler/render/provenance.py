"""Provenance inside the .pptx: a custom XML part recording the plan and module versions.

PowerPoint and LibreOffice keep custom XML parts when they save a file, so a deck carries the
record of what went into it wherever it travels.
"""

from __future__ import annotations

import json
import uuid

from lxml import etree
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from enabler.render.ooxml_read.safe_xml import SAFE_PARSER

NAMESPACE = "urn:enabler:provenance:1"
_DS = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_SAFE_PARSER = SAFE_PARSER  # the one safe parser (enabler.render.ooxml_read)


def _item_xml(record: dict) -> bytes:
    root = etree.Element(f"{{{NAMESPACE}}}provenance", nsmap={"e": NAMESPACE})
    root.set("version", "1")
    # ASCII-only JSON: control characters in field values become \uXXXX escapes, valid XML.
    root.text = json.dumps(record, ensure_ascii=True, sort_keys=True)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _props_xml(item_id: str) -> bytes:
    ds = f"{{{_DS}}}"
    root = etree.Element(f"{ds}datastoreItem", nsmap={"ds": _DS})
    root.set(f"{ds}itemID", item_id)
    refs = etree.SubElement(root, f"{ds}schemaRefs")
    etree.SubElement(refs, f"{ds}schemaRef").set(f"{ds}uri", NAMESPACE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def write(prs, record: dict) -> None:
    """Attach `record` (JSON-ready) to the presentation as a custom XML part."""
    package = prs.part.package
    item_name = package.next_partname("/customXml/item%d.xml")
    index = item_name.idx
    item = Part(item_name, CT.XML, package, _item_xml(record))
    props = Part(
        PackURI(f"/customXml/itemProps{index}.xml"),
        CT.OFC_CUSTOM_XML_PROPERTIES,
        package,
        _props_xml("{" + str(uuid.uuid4()).upper() + "}"),
    )
    item.relate_to(props, RT.CUSTOM_XML_PROPS)
    prs.part.relate_to(item, RT.CUSTOM_XML)


def read(prs) -> dict | None:
    """The provenance record of a deck built by Enabler, or None."""
    for rel in prs.part.rels.values():
        if rel.reltype != RT.CUSTOM_XML or rel.is_external:
            continue
        try:
            root = etree.fromstring(rel.target_part.blob, _SAFE_PARSER)
        except etree.XMLSyntaxError:
            continue
        if root.tag == f"{{{NAMESPACE}}}provenance" and root.text:
            return json.loads(root.text)
    return None
