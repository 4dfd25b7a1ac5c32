"""One reading layer for the OOXML of decks we did not write: a safe parser, where a
placeholder inherits its place from (layout, then master), and the text style a paragraph or
run resolves to (`text_style`, `text_props`).

Preflight (`enabler.export.deck_scan`), slide pictures (`enabler.render.sketch.text`) and
layout fitting (`enabler.render.layout.placement`) read through it, so they agree with each other
and with LibreOffice on the same file.
"""

from enabler.render.ooxml_read.placeholders import PlaceholderBases, master_kind, placeholder_of
from enabler.render.ooxml_read.safe_xml import SAFE_PARSER, parse_xml

__all__ = ["SAFE_PARSER", "PlaceholderBases", "master_kind", "parse_xml", "placeholder_of"]
