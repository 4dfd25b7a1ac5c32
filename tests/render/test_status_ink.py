"""Text on status colours reads at 4.5:1: criteria cells, timeline steps, the demo decks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.oxml.ns import qn

from enabler.render.colour.ink import readable_ink
from enabler.render.colour.resolve import READABLE, ColourContext, contrast
from enabler.render.deck import DEFAULT_TEMPLATE
from enabler.render.slides.worksheet_shapes import INK, PAPER, TEXT
from enabler.render.slides.worksheets import criteria_slides, path_to_decision_slides
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.deck.preflight import check_deck
from tests.render.slides.test_worksheet_slides import (
    CRITERIA,
    ITEMS,
    PATH,
    TODAY,
    criteria_ctx,
    named,
    ovals,
    plan_ctx,
    render,
    table,
)

DEMO_PROSPECTS = Path(__file__).resolve().parents[2] / "assets" / "demo" / "prospects.json"


def _ratio(slide, fill_owner, run) -> float:
    """Contrast of a run's own colour on the solid fill of the shape or cell holding it."""
    ctx = ColourContext(slide.part)
    behind = ctx.colour(fill_owner.find(f".//{qn('a:solidFill')}")[0])
    ink = ctx.colour(run._r.find(f"{qn('a:rPr')}/{qn('a:solidFill')}")[0])
    return contrast(ink, behind)


class DescribeReadableInk:
    def it_keeps_white_where_it_reads_and_turns_dark_on_amber(self):
        prs = Presentation(str(DEFAULT_TEMPLATE))
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        assert readable_ink(slide, MSO_THEME_COLOR.TEXT_2, (PAPER, INK)) == PAPER  # navy
        assert readable_ink(slide, MSO_THEME_COLOR.ACCENT_2, (PAPER, INK, TEXT)) == INK  # amber


class DescribeStatusCells:
    def it_writes_every_status_in_an_ink_that_reads_on_its_colour(self):
        prs, _ = render(criteria_slides, CRITERIA, criteria_ctx(list(ITEMS)))
        slide = prs.slides[0]
        rows = list(table(slide).rows)[1:]
        coloured = [row.cells[2] for row in rows if row.cells[2].text != "Not assessed"]
        assert [c.text for c in coloured] == ["Met", "Partly met", "Gap"]
        for cell in coloured:
            run = cell.text_frame.paragraphs[0].runs[0]
            assert _ratio(slide, cell._tc.tcPr, run) >= READABLE, cell.text

    def it_numbers_timeline_steps_and_flags_next_in_a_readable_ink(self):
        prs, _ = render(path_to_decision_slides, PATH, plan_ctx())
        slide = prs.slides[0]
        shapes = ovals(slide, "Step ")
        shapes += named(slide, "Next step flag")
        assert len(shapes) == 5
        for shape in shapes:
            if shape.fill.fore_color.theme_color == PAPER:
                continue  # planned: an outlined white circle with dark text
            run = shape.text_frame.paragraphs[0].runs[0]
            assert _ratio(slide, shape._element.spPr, run) >= READABLE, shape.name


class DescribeDemoDecks:
    @pytest.mark.parametrize(
        "company", [p["company"] for p in json.loads(DEMO_PROSPECTS.read_text())]
    )
    def it_checks_with_no_errors_or_warnings(self, demo_db, tmp_path, company):
        path = tmp_path / "deck.pptx"
        build_deck(demo_db, plan_deck(demo_db, company, date=TODAY), path)
        report = check_deck(path, demo_db, today=TODAY, isolate=False)
        assert [f.message for f in (*report.errors, *report.warnings)] == []
