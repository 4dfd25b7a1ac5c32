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


# backgrounds, freeforms, see-through fills, text -------------------------------------------

REAL = CORPUS.parent / "real" / "pptx"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _set_background(owner, fill_xml: str) -> None:
    """Give a slide (or layout, master) `<p:bg>` with `fill_xml` inside bgPr or as bgRef."""
    from lxml import etree

    csld = owner._element.find(f"{{{_P}}}cSld")
    old = csld.find(f"{{{_P}}}bg")
    if old is not None:
        csld.remove(old)
    body = (
        fill_xml
        if fill_xml.startswith("<p:bgRef")
        else f"<p:bgPr>{fill_xml}<a:effectLst/></p:bgPr>"
    )
    bg = etree.fromstring(f'<p:bg xmlns:p="{_P}" xmlns:a="{_A}" xmlns:r="{_R}">{body}</p:bg>')
    csld.insert(0, bg)


def _close(a, b, tolerance=24) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


class DescribeBackgrounds:
    def it_paints_a_background_picture_stretched_over_the_page(self, blank):
        _prs, slide = blank
        _part, rid = slide.part.get_or_add_image_part(io.BytesIO(png_bytes(RED, (40, 30))))
        _set_background(slide, f'<a:blipFill><a:blip r:embed="{rid}"/><a:stretch/></a:blipFill>')
        image = _image(sketch_slide(slide, 200))
        assert image.getpixel((3, 3)) == RED and image.getpixel((196, 146)) == RED

    def it_paints_a_linear_gradient_from_its_first_stop_to_its_last(self, blank):
        _prs, slide = blank
        _set_background(
            slide,
            '<a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="FF0000"/></a:gs>'
            '<a:gs pos="100000"><a:srgbClr val="0000FF"/></a:gs></a:gsLst>'
            '<a:lin ang="0" scaled="0"/></a:gradFill>',
        )
        image = _image(sketch_slide(slide, 200))
        left, right = image.getpixel((1, 75)), image.getpixel((198, 75))
        assert _close(left, (255, 0, 0)) and _close(right, (0, 0, 255))
        middle = image.getpixel((100, 75))
        assert _close(middle, (128, 0, 128), 30)

    def it_paints_a_radial_gradient_outwards_from_its_focus(self, blank):
        _prs, slide = blank
        _set_background(  # focus in the top-right corner, as the uaeu deck's theme has it
            slide,
            '<a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="FFFFFF"/></a:gs>'
            '<a:gs pos="100000"><a:srgbClr val="000000"/></a:gs></a:gsLst>'
            '<a:path path="circle"><a:fillToRect l="100000" b="100000"/></a:path></a:gradFill>',
        )
        image = _image(sketch_slide(slide, 200))
        assert sum(image.getpixel((198, 1))) > 700  # white at the focus
        assert sum(image.getpixel((1, 148))) < 60  # black at the farthest corner

    def it_reads_a_theme_background_style_with_the_references_colour(self, blank):
        _prs, slide = blank
        master = slide.slide_layout.slide_master
        _set_background(master, '<p:bgRef idx="1001"><a:srgbClr val="1E6B52"/></p:bgRef>')
        image = _image(sketch_slide(slide, 200))
        assert image.getpixel((5, 5)) == (0x1E, 0x6B, 0x52)  # the style: a solid phClr

    def it_follows_a_layouts_colour_map_override(self, blank):
        from lxml import etree

        _prs, slide = blank
        layout = slide.slide_layout
        _set_background(layout, '<a:solidFill><a:schemeClr val="bg1"/></a:solidFill>')
        override = etree.fromstring(
            f'<p:clrMapOvr xmlns:p="{_P}" xmlns:a="{_A}"><a:overrideClrMapping bg1="dk1" '
            'tx1="lt1" bg2="dk2" tx2="lt2" accent1="accent1" accent2="accent2" accent3="accent3"'
            ' accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
            'folHlink="folHlink"/></p:clrMapOvr>'
        )
        layout._element.append(override)
        image = _image(sketch_slide(slide, 200))
        assert sum(image.getpixel((5, 5))) < 60  # bg1 is the theme's dark colour here

    def it_leaves_out_background_graphics_a_slide_hides(self):
        prs = Presentation(str(DEFAULT_TEMPLATE))
        title = prs.slides.add_slide(_layout(prs, "Title"))
        corner = (Emu(10180320 + 200000), Emu(2011680 - 200000))
        assert _px(_image(sketch_slide(title)), *corner, prs) == (0x13, 0xA8, 0x9E)
        title._element.set("showMasterSp", "0")
        assert _px(_image(sketch_slide(title)), *corner, prs) == (0x0B, 0x25, 0x45)  # navy

    @pytest.mark.skipif(not REAL.is_dir(), reason=f"no real corpus at {REAL}")
    def it_shows_a_real_decks_picture_backgrounds_and_white_text(self):
        prs = Presentation(str(REAL / "onlyoffice__sample-en.pptx"))
        for slide in prs.slides:
            image = _image(sketch_slide(slide, 160)).convert("L")
            dark = sum(1 for v in image.get_flattened_data() if v < 128)
            assert dark > image.width * image.height * 0.3  # not a white page with white text


class DescribeShapesAndText:
    def it_draws_a_freeform_by_its_path_not_its_box(self, blank):
        from lxml import etree

        prs, slide = blank
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, prs.slide_height)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(*NAVY)
        sp_pr = shape._element.spPr
        sp_pr.remove(sp_pr.find(f"{{{_A}}}prstGeom"))
        geometry = etree.fromstring(  # a triangle over the top-left half of its box
            f'<a:custGeom xmlns:a="{_A}"><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>'
            '<a:rect l="0" t="0" r="0" b="0"/><a:pathLst><a:path w="100" h="100">'
            '<a:moveTo><a:pt x="0" y="0"/></a:moveTo><a:lnTo><a:pt x="100" y="0"/></a:lnTo>'
            '<a:lnTo><a:pt x="0" y="100"/></a:lnTo><a:close/></a:path></a:pathLst></a:custGeom>'
        )
        sp_pr.find(f"{{{_A}}}xfrm").addnext(geometry)
        image = _image(sketch_slide(slide, 200))
        assert image.getpixel((10, 10)) == NAVY
        assert image.getpixel((190, 140)) == WHITE  # outside the path, inside the box

    def it_blends_a_see_through_fill_with_what_is_under_it(self, blank):
        prs, slide = blank
        _set_background(slide, '<a:solidFill><a:srgbClr val="E61E28"/></a:solidFill>')
        shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, prs.slide_width, prs.slide_height)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor(255, 255, 255)
        colour = shape._element.spPr.find(f"{{{_A}}}solidFill")[0]
        colour.append(colour.makeelement(f"{{{_A}}}alpha", {"val": "10000"}))
        pixel = _image(sketch_slide(slide, 200)).getpixel((100, 75))
        assert _close(pixel, (233, 52, 61), 6)  # 10 % white over red, not white

    def it_breaks_lines_where_the_text_does(self, blank):
        _prs, slide = blank

        def ink_rows(text: str) -> int:
            box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(3))
            box.text_frame.text = text
            image = _image(sketch_slide(slide, 400)).convert("L")
            box._element.getparent().remove(box._element)
            rows = [
                y
                for y in range(image.height)
                if min(image.crop((0, y, 400, y + 1)).get_flattened_data()) < 128
            ]
            return max(rows) - min(rows)

        assert ink_rows("Math 260\vFoundations") > 1.5 * ink_rows("Math 260 Foundations")

    def it_draws_a_symbol_font_bullet_as_a_dot(self):
        from enabler.render.sketch.text import _symbol_bullet

        assert _symbol_bullet("§", "Wingdings") and _symbol_bullet("\uf0a7", "")
        assert not _symbol_bullet("–", "Arial") and not _symbol_bullet("•", "")

    def it_writes_as_many_lines_of_a_table_cell_as_its_row_holds(self, blank):
        _prs, slide = blank
        frame = slide.shapes.add_table(1, 1, Inches(1), Inches(1), Inches(6), Inches(3))
        frame.table.cell(0, 0).text = "First line\nSecond line\nThird line"
        image = _image(sketch_slide(slide, 400)).convert("L")
        cell = image.crop((45, 42, 270, 155))  # inside the table
        rows = [
            y
            for y in range(cell.height)
            if max(cell.crop((0, y, cell.width, y + 1)).get_flattened_data()) > 200
        ]  # white ink on the header row's accent fill
        assert max(rows) - min(rows) > 20  # three lines, not one

    def it_keeps_a_colour_for_a_background_picture_too_big_to_draw(self, blank, monkeypatch):
        from enabler.render.sketch import background

        _prs, slide = blank
        _part, rid = slide.part.get_or_add_image_part(io.BytesIO(png_bytes(RED, (300, 250))))
        _set_background(slide, f'<a:blipFill><a:blip r:embed="{rid}"/><a:stretch/></a:blipFill>')
        monkeypatch.setattr(background, "_MAX_BACKGROUND_PIXELS", 1000)
        monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 50_000)  # Pillow warns on opening it
        assert _image(sketch_slide(slide, 200)).getpixel((3, 3)) == WHITE

    def it_shrinks_text_set_to_shrink_on_overflow_until_it_fits(self, blank):
        from pptx.enum.text import MSO_AUTO_SIZE

        _prs, slide = blank
        box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(4), Inches(1))
        box.text_frame.word_wrap = True
        box.text_frame.text = " ".join(["overflowing words"] * 40)
        box.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE  # normAutofit
        image = _image(sketch_slide(slide, 400)).convert("L")
        below = image.crop((0, 110, 400, 300))  # the box ends at 2 in = 100 px
        assert min(below.get_flattened_data()) > 200  # no ink below the box
