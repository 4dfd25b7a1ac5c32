"""Smart modules on a customer template: slots by geometry, free space, text direction."""

from __future__ import annotations

import copy
import io
import itertools

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.oxml.ns import qn
from pptx.util import Inches

from enabler.domain.modules import Column, SmartContent, SmartLayout
from enabler.render.deck import template_layouts
from enabler.render.layout import placement
from enabler.render.layout.brand_slots import BRAND_TEMPLATE
from enabler.render.layout.geometry import Rect
from enabler.render.smart import LAYOUT_NAMES, render_smart

COLUMNS = SmartContent(
    layout=SmartLayout.TWO_COLUMN,
    title="Why Brightwave",
    columns=(
        Column("How we are different", ("Learns layouts", "Review built in")),
        Column("Questions to ask?", ("How many templates?", "Where is review done?")),
    ),
)


def _layout(prs, name: str):
    return next(layout for layout in prs.slide_layouts if layout.name == name)


def _rects(slide) -> list[tuple[str, Rect]]:
    return [
        (shape.text_frame.text, placement.shape_rect(shape))
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text.strip()
    ]


def _render(prs, layout, content=COLUMNS):
    slide = prs.slides.add_slide(layout)
    placement.bind(slide, LAYOUT_NAMES[content.layout])
    render_smart(slide, content, lambda text: text, lambda sha: b"")
    return slide


# fixtures ---


@pytest.fixture
def stock():
    """python-pptx's own 4:3 template: English layout names, none of them ours."""
    return Presentation()


@pytest.fixture
def with_obstacle(stock):
    """The stock 'Title Only' layout with a logo-like graphic in the top right of the body."""
    layout = _layout(stock, "Title Only")
    scratch = stock.slides.add_slide(layout)
    shape = scratch.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(7), Inches(2), Inches(2.5), Inches(1.5)
    )
    layout.shapes._spTree.append(copy.deepcopy(shape._element))
    return stock, layout


class DescribePlacementWithoutTwoColumnLayout:
    def it_puts_four_column_texts_side_by_side_not_stacked(self, stock):
        slide = _render(stock, _layout(stock, "Title Only"))
        texts = _rects(slide)
        assert len(texts) == 5  # title, two headings, two lists
        slide_rect = Rect(0, 0, stock.slide_width, stock.slide_height)
        for (_, a), (_, b) in itertools.combinations(texts, 2):
            assert a.overlap(b) == 0
        assert all(rect.inside(slide_rect) for _, rect in texts)
        heading_left = next(r for t, r in texts if t == "How we are different")
        heading_right = next(r for t, r in texts if t == "Questions to ask?")
        assert heading_right.left >= heading_left.right  # a second column, not stacked

    def it_fills_a_two_content_layout_without_overlaps(self, stock):
        slide = _render(stock, _layout(stock, "Two Content"))
        texts = _rects(slide)
        assert len(texts) == 5
        for (_, a), (_, b) in itertools.combinations(texts, 2):
            assert a.overlap(b) == 0

    def it_keeps_clear_of_the_layouts_graphics(self, with_obstacle):
        prs, layout = with_obstacle
        obstacle = placement.shape_rect(next(s for s in layout.shapes if not s.is_placeholder))
        slide = _render(prs, layout)
        assert all(rect.overlap(obstacle) == 0 for _, rect in _rects(slide))


class DescribeLayoutChoice:
    def it_recognises_layouts_by_structure_whatever_their_names(self, stock):
        for n, layout in enumerate(stock.slide_layouts):
            layout.name = f"تخطيط {n}"  # names that mean nothing to us
        layouts = template_layouts(stock)
        cover = layouts["Title"]
        kinds = {ph.placeholder_format.type for ph in cover.placeholders}
        assert any(k == 3 for k in kinds)  # CENTER_TITLE: the template's cover layout
        assert len(layouts["Two Column"].placeholders) >= 3

    def it_takes_a_comparison_layout_for_headed_columns(self, stock):
        original = {id(layout.part): layout.name for layout in stock.slide_layouts}
        for n, layout in enumerate(stock.slide_layouts):
            layout.name = f"تخطيط {n}"
        assert original[id(template_layouts(stock)["Two Column"].part)] == "Comparison"

    def it_prefers_one_box_per_column_to_a_grid_of_equal_boxes(self, stock):
        """A template whose only four-box layout is a 2×2 grid (as LibreOffice templates
        have): headings would land in half-slide boxes far above their lists."""
        grid = _layout(stock, "Comparison")
        bodies = [ph for ph in grid.placeholders if ph.placeholder_format.type == 2]
        width, top = stock.slide_width, Inches(1.6)
        half_w, half_h = (width - Inches(1.5)) // 2, (stock.slide_height - top - Inches(0.8)) // 2
        for n, ph in enumerate(bodies):
            ph.left = Inches(0.5) + (n % 2) * (half_w + Inches(0.5))
            ph.top = top + (n // 2) * half_h
            ph.width, ph.height = half_w, half_h
        original = {id(layout.part): layout.name for layout in stock.slide_layouts}
        for n, layout in enumerate(stock.slide_layouts):
            layout.name = f"layout {n}"
        chosen = template_layouts(stock)["Two Column"]
        assert original[id(chosen.part)] == "Two Content"
        texts = dict(_rects(_render(stock, chosen)))
        for heading, items in (
            ("How we are different", "Learns layouts\nReview built in"),
            ("Questions to ask?", "How many templates?\nWhere is review done?"),
        ):
            above, below = texts[heading], texts[items]
            assert above.bottom <= below.top <= above.bottom + Inches(0.3)  # right above it
            assert abs(above.left - below.left) < Inches(0.2)
        assert texts["How we are different"].right <= texts["Questions to ask?"].left


class DescribeTextDirection:
    @pytest.fixture
    def rtl(self, stock):
        master = stock.slide_master._element
        for lvl in master.find(qn("p:txStyles")).iter(qn("a:lvl1pPr")):
            lvl.set("rtl", "1")
        return stock

    def it_gives_latin_text_left_to_right_on_an_rtl_layout(self, rtl):
        slide = _render(rtl, _layout(rtl, "Title and Content"))
        directions = {
            p.text: p._p.find(qn("a:pPr")).get("rtl")
            for shape in slide.shapes
            if shape.has_text_frame
            for p in shape.text_frame.paragraphs
            if p.text
        }
        assert directions["Questions to ask?"] == "0"
        assert set(directions.values()) == {"0"}

    def it_aligns_latin_text_to_the_left_and_fixes_table_cells_too(self, rtl):
        for lvl in rtl.slide_master._element.find(qn("p:txStyles")).iter(qn("a:lvl1pPr")):
            lvl.set("algn", "r")
        content = SmartContent(
            layout=SmartLayout.TABLE, title="Checks", table=(("Question", "Tested on?"),)
        )
        slide = _render(rtl, _layout(rtl, "Title and Content"), content)
        title = slide.shapes.title.text_frame.paragraphs[0]._p.find(qn("a:pPr"))
        assert (title.get("rtl"), title.get("algn")) == ("0", "l")
        cells = [
            p for p in slide.shapes._spTree.iter(qn("a:p")) if "Tested" in "".join(p.itertext())
        ]
        assert cells and cells[0].find(qn("a:pPr")).get("rtl") == "0"

    def it_keeps_arabic_text_right_to_left(self, rtl):
        content = SmartContent(layout=SmartLayout.BULLETS, title="لماذا", bullets=("مرحبا",))
        slide = _render(rtl, _layout(rtl, "Title and Content"), content)
        body = next(s for s in slide.shapes if s.has_text_frame and s.text_frame.text == "مرحبا")
        assert body.text_frame.paragraphs[0]._p.find(qn("a:pPr")).get("rtl") == "1"

    def it_leaves_our_own_template_alone(self):
        prs = Presentation(str(BRAND_TEMPLATE))
        slide = _render(prs, _layout(prs, "Two Column"))
        assert all(not s.name.startswith("Enabler slot") for s in slide.shapes)
        buf = io.BytesIO()
        prs.save(buf)
        assert b'rtl="0"' not in buf.getvalue()
