"""Designed slides land on the closest layout of the deck's template."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Emu

from enabler.render.layout_match import LayoutMatcher
from enabler.services.build import build_deck, plan_deck
from tests.helpers import summary
from tests.render.designed_decks import BRAND, import_approved

# fixtures ---------------------------------------------------------------------------------


def brand_matcher() -> LayoutMatcher:
    return LayoutMatcher(Presentation(str(BRAND)).slide_layouts)


class DescribeLayoutMatcher:
    def it_matches_by_name_first(self):
        assert brand_matcher().match("Quote", ["title"]).name == "Quote"
        assert brand_matcher().match("  two column ", []).name == "Two Column"

    def it_knows_powerpoints_names_for_our_layouts(self):
        matcher = brand_matcher()
        assert matcher.match("Title and Content", ["title", "obj"]).name == "Title and Bullets"
        assert matcher.match("Title Slide", ["ctrTitle", "subTitle"]).name == "Title"
        assert matcher.match("Section Header", ["title", "body"]).name == "Section"
        assert matcher.match("Comparison", ["title"] + ["body"] * 4).name == "Two Column"

    def it_falls_back_to_the_closest_set_of_placeholders(self):
        matcher = brand_matcher()
        assert matcher.match("Fancy", ["title", "body", "pic", "body"]).name == "Image and Text"
        assert matcher.match("Fancy", ["title", "tbl"]).name == "Table"
        assert matcher.match("Fancy", ["title", "body"]).name == "Title and Bullets"

    def it_falls_back_to_the_emptiest_layout_when_nothing_is_alike(self):
        layout = brand_matcher().match("Blank", [])
        assert layout.name == "Title Only"


class DescribeSlidesFromAnotherTemplate:
    def it_maps_them_onto_the_brand_keeping_placeholder_positions(self, small_library, tmp_path):
        prs = Presentation()  # python-pptx's own 4:3 template, PowerPoint's layout names
        slide = prs.slides.add_slide(prs.slide_layouts[1])  # Title and Content
        slide.shapes.title.text = "Hello {{ prospect.company }}"
        slide.placeholders[1].text_frame.text = "Point one"
        where = slide.placeholders[1]
        box = (where.left, where.top, where.width, where.height)
        prs.save(str(tmp_path / "foreign.pptx"))
        keys = import_approved(small_library, tmp_path / "foreign.pptx")
        build_deck(
            small_library, plan_deck(small_library, "Acme Clinics", [keys[1]]), tmp_path / "o.pptx"
        )
        row = summary(tmp_path / "o.pptx")[1]
        assert row["layout"] == "Title and Bullets"
        assert row["texts"] == ["Hello Acme Clinics", "Point one"]
        body = Presentation(str(tmp_path / "o.pptx")).slides[1].placeholders[1]
        assert (body.left, body.top, body.width, body.height) == tuple(Emu(v) for v in box)
