"""Designed slides in built decks: copied faithfully, fields filled, mixed with smart modules."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn

from enabler.errors import RenderError
from enabler.render.deck import DEFAULT_TEMPLATE
from enabler.render.integrity import check_integrity
from enabler.render.sketch.draw import _chart_label
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.deck.context import template_context
from enabler.services.slides.preview_cache import PreviewCache
from enabler.services.slides.previews import preview_plan, render_with_owners
from tests.helpers import shape_ids_unique, summary
from tests.render.designed_decks import (
    BRAND,
    URL,
    designed_deck,
    import_approved,
    pdf_pages,
    plain_deck,
)
from tests.render.smartart_deck import add_smartart_slide

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def keys(small_library, tmp_path) -> dict[int, str]:
    """The four fixture slides imported into the small library and approved."""
    return import_approved(small_library, designed_deck(tmp_path / "designed.pptx"))


@pytest.fixture
def built(small_library, keys, tmp_path):
    """A deck of the four designed slides plus two smart modules, built for Acme Clinics."""
    order = [keys[1], "pillars", keys[2], keys[3], "proof", keys[4]]
    plan = plan_deck(small_library, "Acme Clinics", order, overrides={"prospect.region": "EU"})
    result = build_deck(small_library, plan, tmp_path / "deck.pptx")
    return result, tmp_path / "deck.pptx"


def media_parts(path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {
            n: hashlib.sha256(zf.read(n)).hexdigest()
            for n in zf.namelist()
            if n.startswith("ppt/media/")
        }


def kinds(slide) -> list[MSO_SHAPE_TYPE]:
    return [shape.shape_type for shape in slide.shapes]


class DescribeDesignedSlides:
    def it_fills_tags_split_over_runs_keeping_the_first_runs_format(self, built):
        _, path = built
        slide = Presentation(str(path)).slides[1]
        runs = slide.shapes.title.text_frame.paragraphs[0].runs
        assert [r.text for r in runs] == ["Why ", "Acme Clinics", "?"]
        assert [r.font.bold for r in runs] == [False, True, False]
        body = slide.placeholders[1].text_frame.paragraphs[0].runs
        assert [r.text for r in body] == ["Built for ", "Jo", " at “", "Healthcare", "” scale"]
        assert body[0].font.italic and body[1].font.bold and body[4].font.bold

    def it_mixes_designed_and_smart_modules_in_plan_order(self, built):
        result, path = built
        rows = summary(path)
        assert result.slides == len(rows) == 8
        assert [r["layout"] for r in rows] == [
            "Title",
            "Title and Bullets",
            "Title and Bullets",
            "Title Only",
            "Title Only",
            "Image and Text",
            "Title Only",
            "Closing",  # no module closes the talk: the contact slide does
        ]
        assert rows[2]["texts"][0] == "What Acme Clinics gets"
        assert rows[5]["notes"] == "Show the screen."

    def it_copies_pictures_charts_tables_groups_and_media(self, built):
        _, path = built
        slides = Presentation(str(path)).slides
        assert MSO_SHAPE_TYPE.PICTURE in kinds(slides[1])
        assert {MSO_SHAPE_TYPE.CHART, MSO_SHAPE_TYPE.TABLE} <= set(kinds(slides[3]))
        assert {MSO_SHAPE_TYPE.GROUP, MSO_SHAPE_TYPE.PICTURE} <= set(kinds(slides[4]))
        assert MSO_SHAPE_TYPE.MEDIA in kinds(slides[6])

    def it_fills_chart_titles_tables_and_grouped_text(self, built):
        _, path = built
        slides = Presentation(str(path)).slides
        chart = next(s for s in slides[3].shapes if s.has_chart).chart
        assert chart.chart_title.text_frame.text == "Hours saved at Acme Clinics"
        table = next(s for s in slides[3].shapes if s.has_table).table
        assert [c.text for c in table.rows[1].cells] == ["Acme Clinics", "EU"]
        group = next(s for s in slides[4].shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
        texts = [s.text_frame.text for s in group.shapes if s.has_text_frame]
        inner = next(s for s in group.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP)
        assert texts == ["Led by Jo Buyer"]
        assert [s.text_frame.text for s in inner.shapes] == ["Owner: Dana Rep"]

    def it_keeps_notes_with_their_formatting_hyperlinks_and_backgrounds(self, built):
        _, path = built
        slides = Presentation(str(path)).slides
        notes = slides[1].notes_slide.notes_text_frame.paragraphs[0].runs
        assert [r.text for r in notes] == ["Ask Jo about ", "the pilot"]
        assert notes[1].font.bold
        link = slides[1].placeholders[1].text_frame.paragraphs[1].runs[0]
        assert (link.text, link.hyperlink.address) == ("See the case study", URL)
        assert slides[4].background.fill.fore_color.rgb == (0xF4, 0xE8, 0xD0)

    def it_leaves_no_tags_anywhere_in_the_package(self, built):
        _, path = built
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith(".xml") and not name.startswith("customXml/"):
                    assert b"{{" not in zf.read(name), name

    def it_stores_identical_pictures_once(self, built):
        _, path = built
        hashes = list(media_parts(path).values())
        assert len(hashes) == len(set(hashes))
        teal = Presentation(str(path)).slides[1].shapes[2].image.blob
        assert hashlib.sha256(teal).hexdigest() in hashes

    def it_passes_the_integrity_check_with_unique_shape_ids(self, built):
        _, path = built
        assert check_integrity(path).problems == ()
        assert shape_ids_unique(Presentation(str(path)))

    @pytest.mark.libreoffice
    def it_converts_with_libreoffice_one_page_per_slide(self, built, soffice, tmp_path):
        result, path = built
        pages = pdf_pages(soffice, path, tmp_path)
        assert len(pages) == result.slides
        assert "Hours saved at Acme Clinics" in pages[3]


class DescribeCopiesOfOneSlide:
    def it_gives_every_copy_its_own_chart_and_workbook(self, small_library, keys, tmp_path):
        plan = plan_deck(small_library, "Acme Clinics", [keys[2], keys[2]])
        build_deck(small_library, plan, tmp_path / "two.pptx")
        prs = Presentation(str(tmp_path / "two.pptx"))
        copies = list(prs.slides)[1:-1]  # between the title and the closing slide
        charts = [next(s for s in slide.shapes if s.has_chart).chart for slide in copies]
        parts = {c.part.partname for c in charts}
        workbooks = {c.part.chart_workbook.xlsx_part.partname for c in charts}
        assert len(parts) == len(workbooks) == 2
        for chart in charts:
            xlsx = chart.part.chart_workbook.xlsx_part.blob
            assert zipfile.ZipFile(io.BytesIO(xlsx)).testzip() is None
        assert check_integrity(tmp_path / "two.pptx").ok

    def it_strips_creation_ids_so_copies_never_share_them(self, small_library, keys, tmp_path):
        plan = plan_deck(small_library, "Acme Clinics", [keys[1], keys[1]])
        build_deck(small_library, plan, tmp_path / "two.pptx")
        with zipfile.ZipFile(tmp_path / "two.pptx") as zf:
            slides = [zf.read(n) for n in zf.namelist() if n.startswith("ppt/slides/slide")]
        assert slides and not any(b"creationId" in xml for xml in slides)


class DescribeSmartArt:
    @pytest.fixture
    def twice(self, small_library, tmp_path):
        prs = Presentation(str(BRAND))
        add_smartart_slide(prs)
        prs.save(str(tmp_path / "smartart.pptx"))
        keys = import_approved(small_library, tmp_path / "smartart.pptx")
        plan = plan_deck(small_library, "Acme Clinics", [keys[1], keys[1]])
        build_deck(small_library, plan, tmp_path / "sa.pptx")
        return tmp_path / "sa.pptx"

    def it_copies_the_diagram_parts_for_each_slide_and_fills_their_text(self, twice):
        with zipfile.ZipFile(twice) as zf:
            diagrams = sorted(n for n in zf.namelist() if n.startswith("ppt/diagrams/"))
            assert len(diagrams) == 10  # data, layout, style, colours, drawing: twice
            for name in diagrams:
                if "/data" in name or "/drawing" in name:
                    xml = zf.read(name)
                    assert b"{{" not in xml and b"Acme Clinics" in xml
        assert check_integrity(twice).ok

    def it_keeps_the_drawing_reachable_from_the_data_part(self, twice):
        for slide in list(Presentation(str(twice)).slides)[1:-1]:  # before the closing slide
            rels = {rid: rel for rid, rel in slide.part.rels.items()}
            data = next(r.target_part for r in rels.values() if r.reltype.endswith("/diagramData"))
            rel_id = re.search(rb'relId="(rId\d+)"', data.blob).group(1).decode()
            assert rels[rel_id].reltype.endswith("/diagramDrawing")

    @pytest.mark.libreoffice
    def it_renders_in_libreoffice(self, twice, soffice, tmp_path):
        pages = pdf_pages(soffice, twice, tmp_path)
        assert len(pages) == 4 and "Plan for Acme Clinics" in pages[2]  # then the closing slide


class DescribeBadFields:
    def it_stops_the_build_naming_the_module_and_the_unknown_field(self, small_library, tmp_path):
        key = import_approved(small_library, plain_deck(tmp_path / "roi.pptx", ["NPV {{ roi.np"]))
        # the tag above does not even parse; a well-formed unknown field is the usual case
        key2 = import_approved(
            small_library, plain_deck(tmp_path / "roi2.pptx", ["Savings {{ roi.npv }}"])
        )
        plan = plan_deck(small_library, "Acme Clinics", [key2[1]])
        with pytest.raises(RenderError, match=r"savings-roi-npv.*\{\{ roi.npv \}\}"):
            build_deck(small_library, plan, tmp_path / "out.pptx")
        plan = plan_deck(small_library, "Acme Clinics", [key[1]])
        with pytest.raises(RenderError, match="template error"):
            build_deck(small_library, plan, tmp_path / "out.pptx")
        assert not (tmp_path / "out.pptx").exists()


def test_the_copied_slide_is_never_hidden(small_library, tmp_path):
    path = plain_deck(tmp_path / "hidden.pptx", ["Backup slide"])
    prs = Presentation(str(path))
    prs.slides[0]._element.set("show", "0")
    prs.save(str(path))
    keys = import_approved(small_library, path)
    build_deck(
        small_library, plan_deck(small_library, "Acme Clinics", [keys[1]]), tmp_path / "o.pptx"
    )
    slide = Presentation(str(tmp_path / "o.pptx")).slides[1]
    assert slide._element.get("show") is None
    assert slide._element.find(qn("p:cSld")) is not None


def test_previews_draw_a_copied_chart_as_a_labelled_box(small_library, keys):
    """A copied chart is a plain part in the rendered deck; the sketch still names its kind."""
    plan = plan_deck(small_library, "Acme Clinics", [keys[n] for n in (1, 2, 3, 4)])
    previews = preview_plan(small_library, plan, cache=PreviewCache(capacity=4))
    assert len(previews) >= 5
    for preview in previews:
        assert Image.open(io.BytesIO(preview.png)).width == 480
    prs, _owners = render_with_owners(
        small_library, plan, template_context(small_library, plan), DEFAULT_TEMPLATE.read_bytes()
    )
    frames = [s for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert frames and [_chart_label(f) for f in frames] == ["Chart: bar"]
