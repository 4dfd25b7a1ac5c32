"""A generated slide's drawing scaled into a 4:3 customer template: margins and spacing."""

from __future__ import annotations

from pptx import Presentation
from pptx.util import Inches

from enabler.render.fit.drawing import content_area, fit_drawing
from enabler.render.layout.placement import shape_rect


def _wide_slide():
    """A 16:9 drawing (a table over a footnote) on python-pptx's 4:3 "Title Only" layout."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "Business case"
    table = slide.shapes.add_table(3, 2, Inches(0.5), Inches(1.6), Inches(12), Inches(1.5))
    table.name = "Table"
    note = slide.shapes.add_textbox(Inches(0.5), Inches(3.2), Inches(12), Inches(0.4))
    note.name = "Footnote"
    note.text_frame.text = "Year 0 is today."
    return slide, table, note


class DescribeFitDrawing:
    def it_scales_table_cell_margins_with_the_table(self):
        slide, frame, _ = _wide_slide()
        scale = fit_drawing(slide)
        assert 0.5 < scale < 1.0
        cell = frame.table.cell(0, 0)
        assert cell.margin_left == round(91440 * scale)
        assert cell.margin_top == round(45720 * scale)

    def it_spaces_shapes_apart_a_little_more_than_it_shrinks_them_inside_the_area(self):
        slide, table, note = _wide_slide()
        gap_before = note.top - table.top
        scale = fit_drawing(slide)
        gap_after = note.top - table.top
        assert scale * gap_before < gap_after <= 1.2 * scale * gap_before + 1
        area = content_area(slide)
        for shape in (table, note):
            assert shape_rect(shape).inside(area, tolerance=1)


class DescribeContentArea:
    def it_starts_where_a_customer_templates_master_starts_its_body(self):
        """A title band drawn into a background picture shows in no shape: the master's body
        placeholder says where content begins."""
        slide, table, note = _wide_slide()
        master = slide.slide_layout.slide_master
        (body,) = [ph for ph in master.placeholders if ph.placeholder_format.type == 2]
        title_bottom = shape_rect(slide.shapes.title).bottom
        assert body.top > title_bottom + 91440  # python-pptx's template: a gap under the title
        assert content_area(slide).top == body.top
        fit_drawing(slide)
        assert min(table.top, note.top) >= body.top

    def it_keeps_our_own_templates_area(self):
        from enabler.render.deck import DEFAULT_TEMPLATE

        prs = Presentation(str(DEFAULT_TEMPLATE))
        layout = next(lay for lay in prs.slide_layouts if lay.name == "Title Only")
        slide = prs.slides.add_slide(layout)
        assert content_area(slide).top == shape_rect(slide.shapes.title).bottom + 91440
