"""A deck cut down to some of its slides, for rendering just those."""

from __future__ import annotations

import io
import zipfile

from pptx import Presentation

from enabler.export.deck_subset import subset_deck
from tests.export.test_slide_keys import make_deck


class DescribeSubsetDeck:
    def it_keeps_the_chosen_slides_in_order(self, tmp_path):
        deck = make_deck(tmp_path / "a.pptx", ["One", "Two", "Three", "Four"])
        blob = subset_deck(deck, (1, 3))
        prs = Presentation(io.BytesIO(blob))
        assert [s.shapes.title.text for s in prs.slides] == ["Two", "Four"]
        assert (prs.slide_width, prs.slide_height) == (
            Presentation(str(deck)).slide_width,
            Presentation(str(deck)).slide_height,
        )

    def it_leaves_the_other_slides_out_of_the_package(self, tmp_path):
        deck = make_deck(tmp_path / "a.pptx", ["One", "Two", "Three"])
        with zipfile.ZipFile(io.BytesIO(subset_deck(deck, (2,)))) as package:
            names = package.namelist()
            types = package.read("[Content_Types].xml").decode()
        slides = [n for n in names if n.startswith("ppt/slides/slide")]
        assert slides == ["ppt/slides/slide3.xml"]
        assert "slide1.xml" not in types and "slide3.xml" in types
        assert names[0] == "[Content_Types].xml"
