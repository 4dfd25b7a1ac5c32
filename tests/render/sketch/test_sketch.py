"""Slide sketches: Pillow pictures of python-pptx slides, read back pixel by pixel."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE
from pptx.util import Emu, Inches

from enabler.render.deck import DEFAULT_TEMPLATE
from enabler.render.sketch.draw import sketch_slide
from tests.conftest import CORPUS, png_bytes

RED, NAVY, WHITE = (230, 30, 40), (0, 0, 128), (255, 255, 255)


def _image(png: bytes) -> Image.Image:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(png)).convert("RGB")


def _px(image: Image.Image, slide_x, slide_y, prs) -> tuple[int, int, int]:
    """The pixel at a slide position (EMU)."""
    x = int(slide_x * image.width / prs.slide_width)
    y = int(slide_y * image.height / prs.slide_height)
    return image.getpixel((x, y))


def _layout(prs, name: str):
    return next(layout for layout in prs.slide_layouts if layout.name == name)


# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def blank():
    """A 4:3 deck with one blank slide (python-pptx's default template)."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    return prs, slide


class DescribeSketchSlide:
    def it_draws_a_png_of_the_requested_width_and_slide_aspect(self, blank):
        _, slide = blank
        assert _image(sketch_slide(slide)).size == (480, 360)
        brand = Presentation(str(DEFAULT_TEMPLATE))
        wide = brand.slides.add_slide(brand.slide_layouts[0])
        assert _image(sketch_slide(wide, width=320)).size == (320, 180)

    def it_refuses_a_width_below_one_pixel(self, blank):
        with pytest.raises(ValueError, match="width"):
            sketch_slide(blank[1], width=0)

    def it_fills_a_text_box_with_its_colour_at_its_position(self, blank):
        prs, slide = blank
        left, top, width, height = Inches(5), Inches(4), Inches(3), Inches(2)
        box = slide.shapes.add_textbox(left, top, width, height)
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor(*RED)
        box.text_frame.text = "Hello"
        image = _image(sketch_slide(slide))
        assert _px(image, left + width * 0.9, top + height * 0.9, prs) == RED
        assert _px(image, Inches(1), Inches(1), prs) == WHITE  # background elsewhere

    def it_writes_the_text_in_a_contrasting_ink(self, blank):
        prs, slide = blank
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, Inches(2))
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(*NAVY)
        empty = _image(sketch_slide(slide)).crop((0, 0, 480, 96))
        shape.text_frame.text = "Quarterly business review " * 3
        written = _image(sketch_slide(slide)).crop((0, 0, 480, 96))
        light = [p for p in written.get_flattened_data() if sum(p) > 600]
        assert not [p for p in empty.get_flattened_data() if sum(p) > 600]
        assert len(light) > 50  # white letters on navy

    def it_draws_a_picture_from_its_blob(self, blank):
        prs, slide = blank
        left, top = Inches(1), Inches(1)
        slide.shapes.add_picture(io.BytesIO(png_bytes(NAVY)), left, top, Inches(4), Inches(3))
        image = _image(sketch_slide(slide))
        assert _px(image, left + Inches(2), top + Inches(1.5), prs) == NAVY
        assert _px(image, Inches(8), Inches(6), prs) == WHITE

    def it_draws_a_table_as_a_grid_with_its_cell_fills(self, blank):
        prs, slide = blank
        frame = slide.shapes.add_table(3, 2, Inches(1), Inches(1), Inches(6), Inches(3))
        cell = frame.table.cell(2, 1)
        cell.fill.solid()
        cell.fill.fore_color.rgb = RGBColor(*RED)
        image = _image(sketch_slide(slide))
        assert _px(image, Inches(6), Inches(3.5), prs) == RED
        assert _px(image, Inches(9), Inches(3.5), prs) == WHITE

    def it_draws_a_chart_as_a_labelled_box(self, blank):
        prs, slide = blank
        data = CategoryChartData()
        data.categories = ["A", "B"]
        data.add_series("S", (1, 2))
        slide.shapes.add_chart(
            XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(1), Inches(6), Inches(4), data
        )
        image = _image(sketch_slide(slide))
        assert _px(image, Inches(1.5), Inches(1.5), prs) == (238, 242, 247)
        label = image.crop((96, 120, 288, 168))
        assert min(sum(p) for p in label.get_flattened_data()) < 450  # the label's dark text

    def it_places_shapes_inside_a_group(self, blank):
        prs, slide = blank
        group = slide.shapes.add_group_shape()
        inner = group.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, Inches(6), Inches(5), Emu(914400), Emu(914400)
        )
        inner.fill.solid()
        inner.fill.fore_color.rgb = RGBColor(*RED)
        image = _image(sketch_slide(slide))
        assert _px(image, Inches(6.5), Inches(5.5), prs) == RED

    def it_paints_the_slide_background_and_layout_decorations(self):
        prs = Presentation(str(DEFAULT_TEMPLATE))
        title = prs.slides.add_slide(_layout(prs, "Title"))
        image = _image(sketch_slide(title))
        assert image.getpixel((10, 200)) == (0x0B, 0x25, 0x45)  # navy (theme tx2)
        corner = _px(image, Emu(10180320 + 200000), Emu(2011680 - 200000), prs)
        assert corner == (0x13, 0xA8, 0x9E)  # the layout's teal corner triangle (accent1)

    def it_inherits_placeholder_text_styles_from_the_layout(self):
        prs = Presentation(str(DEFAULT_TEMPLATE))
        title = prs.slides.add_slide(_layout(prs, "Title"))
        title.shapes.title.text_frame.text = "Northwind"
        image = _image(sketch_slide(title))
        band = image.crop((10, 40, 300, 140))
        assert max(sum(p) for p in band.get_flattened_data()) > 700  # white title (bg1) on navy


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"no corpus at {CORPUS}")
class DescribeSketchingRealDecks:
    def it_sketches_every_slide_of_the_corpus(self):
        drawn = 0
        for path in sorted(CORPUS.glob("*.pptx")):
            prs = Presentation(str(path))
            for slide in prs.slides:
                image = _image(sketch_slide(slide, width=160))
                assert image.width == 160
                drawn += 1
        assert drawn > 100
