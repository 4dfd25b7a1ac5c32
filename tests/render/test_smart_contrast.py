"""Smart slides stay readable on a customer template whose layouts are dark."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn

from enabler.render.colour.readable import unreadable_texts
from enabler.render.colour.resolve import READABLE, ColourContext, contrast
from enabler.render.integrity import check_integrity
from enabler.services.deck.build import build_deck, plan_deck
from tests.render.source_decks import NAVY, dark_title_template


def _navy() -> tuple[float, float, float]:
    return tuple(int(NAVY[i : i + 2], 16) / 255 for i in (0, 2, 4))


class DescribeSmartSlidesOnADarkCustomerLayout:
    @pytest.fixture
    def built(self, small_library, tmp_path):
        template = dark_title_template(tmp_path / "dark.pptx")
        plan = plan_deck(small_library, "Acme Clinics", ["why-section", "pillars"])
        out = tmp_path / "o.pptx"
        build_deck(small_library, plan, out, template=template)
        assert check_integrity(out).problems == ()
        return Presentation(str(out))

    def it_lands_the_opening_slide_on_the_dark_layout_whose_theme_text_is_dark(self, built):
        cover = built.slides[0]
        assert cover.slide_layout.name == "Title Slide"
        ctx = ColourContext(cover.part)
        assert ctx.background() == pytest.approx(_navy())
        assert contrast(ctx.scheme("tx1"), ctx.background()) < READABLE  # the failure mode

    def it_gives_every_run_of_the_opening_slide_a_readable_colour(self, built):
        cover = built.slides[0]
        ctx = ColourContext(cover.part)
        runs = [
            run
            for shape in cover.shapes
            if shape.has_text_frame
            for p in shape.text_frame.paragraphs
            for run in p.runs
            if run.text.strip()
        ]
        assert any("Acme Clinics" in run.text for run in runs)
        for run in runs:
            fill = run.font.color
            assert fill.type is not None, run.text  # given a colour of its own
            rgb = ctx.colour(run._r.rPr.find(qn("a:solidFill"))[0])
            assert contrast(rgb, ctx.background()) >= READABLE, run.text

    def it_leaves_nothing_for_preflight_to_flag_at_the_readable_threshold(self, built):
        assert unreadable_texts(built, below=READABLE) == ()
