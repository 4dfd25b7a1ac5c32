"""Inherited text properties: theme fonts, placeholder sizes, insets and autofit."""

from __future__ import annotations

from pptx import Presentation
from pptx.oxml.ns import qn

from enabler.export.text_style import Bases, TextStyle, default_text_style, theme_fonts
from enabler.services.deck.build import build_deck, plan_deck


def style_of(prs, slide, shape):
    layout = slide.slide_layout
    bases = Bases(layout._element, layout.slide_master._element)
    fonts = theme_fonts(layout.slide_master)
    return TextStyle.for_shape(shape._element, bases, default_text_style(prs), fonts)


def first_run(shape):
    p = shape._element.find(f"{qn('p:txBody')}/{qn('a:p')}")
    return p, p.find(f"{qn('a:r')}/{qn('a:rPr')}")


class DescribeTextStyle:
    def it_resolves_the_brand_theme_fonts_through_the_placeholders(self, small_library, tmp_path):
        deck = tmp_path / "d.pptx"
        build_deck(small_library, plan_deck(small_library, "Acme Clinics", ["pillars"]), deck)
        prs = Presentation(str(deck))
        slide = prs.slides[1]
        title = slide.shapes.title
        body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)

        title_style = style_of(prs, slide, title)
        p, rpr = first_run(title)
        family, size, bold, _ = title_style.run_font(title_style.paragraph_props(p), rpr)
        assert family == "Lato" and bold and size > 20

        body_style = style_of(prs, slide, body)
        p, rpr = first_run(body)
        family, size, _, _ = body_style.run_font(body_style.paragraph_props(p), rpr)
        assert family == "Open Sans" and 12 <= size < 40
        assert body_style.autofit()[0] == "shrink"  # normAutofit inherited from the layout
        assert body_style.body_attr("lIns", "91440") is not None
