"""The one parser for untrusted XML (slides, themes, charts, poppler output)."""

from __future__ import annotations

from lxml import etree

# No DTD, no entities, no network, no huge trees: a crafted part cannot reach files or hosts
# or blow up memory.
SAFE_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
)


def parse_xml(blob: bytes):
    """Parse `blob` with the safe parser (raises lxml's XMLSyntaxError on bad input)."""
    return etree.fromstring(blob, SAFE_PARSER)
