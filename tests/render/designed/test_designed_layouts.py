"""Designed slides land on the closest layout of the deck's template."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Inches

from enabler.render.designed.layout_match import LayoutMatcher
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.slides.designed import set_formatting
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
    @pytest.fixture
    def foreign(self, small_library, tmp_path):
        """A 4:3 slide on python-pptx's own template (PowerPoint's layout names), imported."""
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[1])  # Title and Content
        slide.shapes.title.text = "Hello {{ prospect.company }}"
        slide.placeholders[1].text_frame.text = "Point one"
        where = slide.placeholders[1]
        box = (where.left, where.top, where.width, where.height)
        prs.save(str(tmp_path / "foreign.pptx"))
        keys = import_approved(small_library, tmp_path / "foreign.pptx")
        return keys[1], box

    def _build(self, small_library, key, tmp_path):
        plan = plan_deck(small_library, "Acme Clinics", [key])
        build_deck(small_library, plan, tmp_path / "o.pptx")
        return summary(tmp_path / "o.pptx")[1], Presentation(str(tmp_path / "o.pptx"))

    def it_keeps_their_own_layout_by_default_centred_on_the_wider_page(
        self, small_library, foreign, tmp_path
    ):
        key, box = foreign
        row, prs = self._build(small_library, key, tmp_path)
        assert row["layout"] == "Title and Content"
        assert row["texts"] == ["Hello Acme Clinics", "Point one"]
        body = prs.slides[1].placeholders[1]
        dx = (prs.slide_width - Inches(10)) // 2  # a 10 in wide page centred on 13.33 in
        assert (body.left, body.top, body.width, body.height) == (
            box[0] + dx,
            box[1],
            box[2],
            box[3],
        )

    def it_maps_them_onto_the_brand_when_set_to_the_decks_template(
        self, small_library, foreign, tmp_path
    ):
        key, box = foreign
        set_formatting(small_library, key, "deck")
        row, prs = self._build(small_library, key, tmp_path)
        assert row["layout"] == "Title and Bullets"
        assert row["texts"] == ["Hello Acme Clinics", "Point one"]
        assert len(prs.slide_masters) == 1  # nothing of the source's template came along
        body = prs.slides[1].placeholders[1]
        dx = (prs.slide_width - Inches(10)) // 2
        assert (body.left, body.top) == (box[0] + dx, box[1])
