"""Preflight of where text lands: off the slide, printed over other text."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Inches

from enabler.domain.frame_layout import TextArea, collisions, harmless_spill, off_slide
from enabler.domain.preflight import Check, DeckFacts, Severity, TextFit, check
from enabler.services.deck.preflight import check_presentation

W, H = 9144000, 6858000


def _area(left, top, right, bottom, slide=1, name="Box"):
    return TextArea(slide, name, left, top, right, bottom, "Some text")


class DescribeOffSlide:
    def it_names_the_edge_and_distance(self):
        found = off_slide((_area(0, 6000000, 914400, 7218000),), W, H)
        assert [detail for _, detail in found] == ["runs 1.0 cm past the bottom of the slide"]

    def it_allows_a_frame_flush_with_the_edge(self):
        assert off_slide((_area(0, 0, W, H),), W, H) == []


class DescribeCollisions:
    def it_finds_texts_printed_over_each_other_on_one_slide(self):
        a, b = _area(0, 0, 1000, 1000), _area(500, 500, 1500, 1500, name="Other")
        assert collisions((a, b)) == [(a, b)]

    def it_ignores_other_slides_and_touching_frames(self):
        a = _area(0, 0, 1000, 1000)
        others = (_area(0, 0, 1000, 1000, slide=2), _area(1000, 0, 2000, 1000))
        assert collisions((a, *others)) == []


class DescribeSpill:
    def it_is_harmless_on_the_slide_and_clear_of_other_text(self):
        spilling = TextArea(1, "Box", 0, 0, 1000, 1000, "x", spill_top=0, spill_bottom=3000)
        assert harmless_spill(spilling, (spilling,), W, H)
        below = _area(0, 2000, 1000, 2500, name="Below")
        assert not harmless_spill(spilling, (spilling, below), W, H)
        assert collisions((spilling, below)) == [(spilling, below)]

    def it_is_not_harmless_past_the_slide(self):
        spilling = TextArea(1, "Box", 0, 0, 1000, 1000, "x", spill_top=0, spill_bottom=H + W)
        assert not harmless_spill(spilling, (spilling,), W, H)


class DescribePreflightPlacement:
    def it_flags_a_frame_off_the_slide_and_a_collision(self):
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        spots = ((Inches(1), Inches(1)), (Inches(1.2), Inches(1.1)), (Inches(8), Inches(7.2)))
        for left, top in spots:
            box = slide.shapes.add_textbox(left, top, Inches(3), Inches(1))
            box.text_frame.text = "Tested on"
        buf = io.BytesIO()
        prs.save(buf)
        report = check_presentation(Presentation(buf))
        checks = {(f.check, f.severity) for f in report.findings}
        assert (Check.OFF_SLIDE, Severity.ERROR) in checks
        assert (Check.COLLISION, Severity.WARNING) in checks

    def it_does_not_count_blank_lines_at_the_end_of_a_frame(self):
        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(0.6))
        box.text_frame.text = "One line" + "\v" * 6
        for _ in range(6):
            box.text_frame.add_paragraph()
        buf = io.BytesIO()
        prs.save(buf)
        report = check_presentation(Presentation(buf))
        assert [f for f in report.findings if f.check is Check.OVERFLOW] == []

    def it_never_reports_an_overflow_of_zero_centimetres(self):
        fit = TextFit(1, "Body", False, 1.0, 100.5, 100.0, "Text")
        report = check(DeckFacts(slides=1, fits=(fit,)))
        assert not [f for f in report.findings if f.check is Check.OVERFLOW]
