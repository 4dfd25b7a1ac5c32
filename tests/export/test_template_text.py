"""Text the layout or master draws on every slide (slide number, footer line) in preflight."""

from __future__ import annotations

import copy

import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from enabler.domain.preflight import Check
from enabler.export.deck_scan import scan
from enabler.services.deck.preflight import check_presentation

NUMBER_BOX = (Inches(8.6), Inches(7.0), Inches(1.0), Inches(0.4))  # bottom right, 10 × 7.5 in


def _master_text(prs, text: str, box=NUMBER_BOX) -> None:
    """A plain text box on the master (no placeholder), as templates put a page number."""
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    shape = scratch.shapes.add_textbox(*box)
    shape.text_frame.text = text
    shape.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    shape.name = "Page number"
    prs.slide_master.shapes._spTree.append(copy.deepcopy(shape._element))
    prs.slides._sldIdLst.remove(prs.slides._sldIdLst[-1])  # only the master keeps it


def _slide_text(slide, text: str, box) -> None:
    shape = slide.shapes.add_textbox(*box)
    shape.text_frame.text = text
    shape.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    shape.name = "Reference"


@pytest.fixture
def deck():
    prs = Presentation()
    _master_text(prs, "Page 12 of 40")
    return prs


def _collisions(prs):
    return [f for f in check_presentation(prs).warnings if f.check is Check.COLLISION]


class DescribeTemplateText:
    def it_flags_slide_text_printed_over_the_masters_page_number(self, deck):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        _slide_text(slide, "Ref p-2 of the study", NUMBER_BOX)
        (finding,) = _collisions(deck)
        assert (finding.slide, finding.shape) == (1, "Reference")
        assert "Page number on the master" in finding.message

    def it_says_nothing_when_the_slide_text_stays_clear(self, deck):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        _slide_text(slide, "Ref p-2 of the study", (Inches(1), Inches(3), Inches(3), Inches(1)))
        assert _collisions(deck) == []

    def it_follows_a_slide_that_hides_the_master_shapes(self, deck):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        _slide_text(slide, "Ref p-2 of the study", NUMBER_BOX)
        slide._element.set("showMasterSp", "0")
        assert _collisions(deck) == []

    def it_leaves_the_templates_own_texts_and_edges_alone(self):
        prs = Presentation()
        _master_text(prs, "Confidential")
        _master_text(prs, "Page 12")  # over the first: the template's own design
        _master_text(prs, "Bleeds off", (Inches(9.5), Inches(1), Inches(2), Inches(0.4)))
        prs.slides.add_slide(prs.slide_layouts[6])
        found = scan(prs)
        assert len([a for a in found.text_areas if a.inherited]) == 3
        assert found.texts == ()  # not the slide's own text: no fit, spelling or tag checks
        report = check_presentation(prs)
        assert [f for f in report.findings if f.check in (Check.COLLISION, Check.OFF_SLIDE)] == []
