"""The project's own brand template."""

from __future__ import annotations

import zipfile

from lxml import etree
from pptx import Presentation
from pptx.util import Emu

from enabler.render.deck import DEFAULT_TEMPLATE
from templates.make_brand import build

LAYOUTS = [
    "Title",
    "Section",
    "Agenda",
    "Title and Bullets",
    "Two Column",
    "Quote",
    "Big Number",
    "Image and Text",
    "Table",
    "Closing",
    "Title Only",
]


def layout_summary(path):
    prs = Presentation(str(path))
    return [
        (
            layout.name,
            sorted(
                (
                    ph.placeholder_format.idx,
                    str(ph.placeholder_format.type),
                    ph.left,
                    ph.top,
                    ph.width,
                    ph.height,
                )
                for ph in layout.placeholders
            ),
        )
        for layout in prs.slide_layouts
    ]


def theme_xml(path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("ppt/theme/theme1.xml"))


class DescribeBrandTemplate:
    def it_is_16_by_9_with_the_named_layouts(self):
        prs = Presentation(str(DEFAULT_TEMPLATE))
        assert (prs.slide_width, prs.slide_height) == (Emu(12192000), Emu(6858000))
        assert [layout.name for layout in prs.slide_layouts] == LAYOUTS
        assert len(prs.slides) == 0

    def it_uses_the_shipped_fonts_and_brand_colours(self):
        ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
        theme = theme_xml(DEFAULT_TEMPLATE)
        assert theme.find(".//a:majorFont/a:latin", ns).get("typeface") == "Lato"
        assert theme.find(".//a:minorFont/a:latin", ns).get("typeface") == "Open Sans"
        assert theme.find(".//a:accent1/a:srgbClr", ns).get("val") == "13A89E"

    def it_is_reproducible_from_its_script(self, tmp_path):
        rebuilt = build(tmp_path / "brand.pptx")
        assert layout_summary(rebuilt) == layout_summary(DEFAULT_TEMPLATE)
