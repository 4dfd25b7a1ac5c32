"""Designed slides keep their look: own master and theme, page size placed, charts coherent."""

from __future__ import annotations

import io
import subprocess
import zipfile

import pytest
from PIL import Image
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from enabler.errors import RenderError
from enabler.render.colour.readable import unreadable_texts
from enabler.render.colour.resolve import ColourContext, contrast
from enabler.render.designed.background import Letterbox
from enabler.render.designed.ooxml_copy import PartCopier
from enabler.render.designed.slide_package import SlidePackage
from enabler.render.designed.source_format import SourceMasters
from enabler.render.integrity import check_integrity
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.slides.designed import set_formatting
from tests.helpers import shape_ids_unique
from tests.render.designed_decks import BRAND, import_approved
from tests.render.source_decks import (
    NAVY,
    chart_deck,
    dark_title_template,
    foreign_deck,
    four_by_three_picture,
    odd_size_deck,
    picture_background_deck,
    title_deck,
)

# fixtures ---------------------------------------------------------------------------------


def build(db, keys, out, template=None):
    plan = plan_deck(db, "Acme Clinics", list(keys))
    build_deck(db, plan, out, template=template)
    assert check_integrity(out).problems == ()
    prs = Presentation(str(out))  # reopens with python-pptx
    assert shape_ids_unique(prs)
    return prs


def zip_names(path, prefix: str) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        return [n for n in zf.namelist() if n.startswith(prefix) and n.endswith(".xml")]


def app_version(path) -> str:
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("docProps/app.xml").decode()
    return xml.split("<AppVersion>")[1].split("</AppVersion>")[0] if "<AppVersion>" in xml else ""


def xfrm(shape) -> tuple[int, int, int, int]:
    return int(shape.left), int(shape.top), int(shape.width), int(shape.height)


@pytest.fixture
def foreign(small_library, tmp_path):
    return import_approved(small_library, foreign_deck(tmp_path / "foreign.pptx"))


class DescribeKeepSourceFormatting:
    def it_brings_the_source_master_and_theme_once_for_many_slides(
        self, small_library, foreign, tmp_path
    ):
        prs = build(small_library, foreign.values(), tmp_path / "o.pptx")
        masters = [m for m in prs.slide_masters]
        assert len(masters) == 2  # the brand's and the source's, once for three slides
        *copied, closing = [s.slide_layout for s in list(prs.slides)[1:]]
        assert closing.name == "Closing"  # the contact slide the talk ends on
        assert {layout.name for layout in copied} == {"Title and Content"}
        assert len({id(layout.part) for layout in copied}) == 1
        master = copied[0].slide_master
        assert master.part is masters[1].part
        bg = master._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
        assert bg.find(f".//{qn('a:srgbClr')}").get("val") == NAVY
        themes = zip_names(tmp_path / "o.pptx", "ppt/theme/")
        assert len(themes) == 2
        assert prs.slides[0].slide_layout.slide_master.part is masters[0].part  # title: brand
        ids = [int(el.get("id")) for el in prs.part._element.iter(qn("p:sldMasterId"))]
        for m in masters:
            ids += [int(el.get("id")) for el in m._element.iter(qn("p:sldLayoutId"))]
        assert len(ids) == len(set(ids)) and min(ids) >= 2**31  # one id space (ECMA-376)

    def it_adds_no_master_for_slides_made_on_the_decks_own_template(self, small_library, tmp_path):
        prs = Presentation(str(BRAND))
        layout = {lay.name: lay for lay in prs.slide_layouts}["Title Only"]
        prs.slides.add_slide(layout).shapes.title.text = "Ours"
        prs.save(str(tmp_path / "ours.pptx"))
        keys = import_approved(small_library, tmp_path / "ours.pptx")
        out = build(small_library, keys.values(), tmp_path / "o.pptx")
        assert len(out.slide_masters) == 1
        assert out.slides[1].slide_layout.name == "Title Only"

    def it_refuses_a_source_without_a_layout_with_a_clear_message(self, tmp_path):
        foreign_deck(tmp_path / "f.pptx", slides=1)
        from enabler.render.designed.extract import cut_slide

        src = Presentation(str(tmp_path / "f.pptx"))
        blob = cut_slide(src, src.slides[0])
        damaged = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(blob)) as zin, zipfile.ZipFile(damaged, "w") as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename.startswith("ppt/slides/_rels/"):
                    data = data.replace(b"relationships/slideLayout", b"relationships/x")
                zout.writestr(info, data)
        deck = Presentation(str(BRAND))
        copier = PartCopier(deck.part.package)
        masters = SourceMasters(deck, copier, Letterbox(deck.part.package, copier.names, (1, 1)))
        with pytest.raises(RenderError, match="no layout or master"):
            masters.layout_for(SlidePackage(damaged.getvalue()), None)


class DescribeSlideSize:
    def it_keeps_a_4_3_background_picture_4_3_on_a_16_9_page(self, small_library, tmp_path):
        keys = import_approved(small_library, picture_background_deck(tmp_path / "bg.pptx"))
        prs = build(small_library, keys.values(), tmp_path / "o.pptx")
        slide = prs.slides[1]
        master = slide.slide_layout.slide_master
        blip = master._element.find(f".//{qn('p:bg')}//{qn('a:blip')}")
        picture = Image.open(io.BytesIO(master.part.related_part(blip.get(qn("r:embed"))).blob))
        assert picture.width / picture.height == pytest.approx(13.333 / 7.5, rel=0.01)
        # the original sits in the middle, undistorted; the bars continue its edges
        original = Image.open(io.BytesIO(four_by_three_picture())).convert("RGB").tobytes()
        centred = (picture.width - 400) // 2
        middles = [
            picture.crop((left, 0, left + 400, 300)).convert("RGB").tobytes()
            for left in (centred, centred + 1)  # rounding may put it half a pixel right
        ]
        assert original in middles
        assert picture.convert("RGB").getpixel((2, 150)) == (255, 165, 0)
        assert picture.convert("RGB").getpixel((picture.width - 3, 150)) == (0, 0, 255)
        box = next(s for s in slide.shapes if s.has_text_frame)
        dx = (prs.slide_width - Inches(10)) // 2
        assert xfrm(box) == (Inches(1) + dx, Inches(1), Inches(3), Inches(1))

    def it_scales_an_odd_page_uniformly_and_centres_it(self, small_library, tmp_path):
        keys = import_approved(small_library, odd_size_deck(tmp_path / "odd.pptx"))
        prs = build(small_library, keys.values(), tmp_path / "o.pptx")
        scale = min(prs.slide_width / Inches(2.0), prs.slide_height / Inches(1.2))
        dx = (prs.slide_width - round(Inches(2.0) * scale)) // 2
        dy = (prs.slide_height - round(Inches(1.2) * scale)) // 2
        box = next(s for s in prs.slides[1].shapes if s.has_text_frame)
        left, top, width, height = xfrm(box)
        assert left == pytest.approx(Inches(0.2) * scale + dx, abs=2)
        assert top == pytest.approx(Inches(0.2) * scale + dy, abs=2)
        assert width / height == pytest.approx(1.0 / 0.5, rel=1e-4)  # not stretched
        assert width == pytest.approx(Inches(1.0) * scale, abs=2)
        run = box.text_frame.paragraphs[0].runs[0]
        assert run.font.size == Pt(round(8 * scale, 2))

    def it_says_at_import_that_the_page_size_differs(self, small_library, tmp_path):
        from enabler.services.slides.import_slides import import_slides

        result = import_slides(small_library, odd_size_deck(tmp_path / "o.pptx"), thumbnails=False)
        notes = " ".join(result.slides[0].problems)
        assert "2.0 × 1.2 in" in notes and "scaled" in notes


class DescribeChartAppVersion:
    def it_says_the_office_version_that_wrote_the_copied_charts(self, small_library, tmp_path):
        keys = import_approved(small_library, chart_deck(tmp_path / "c.pptx", "12.0000"))
        build(small_library, keys.values(), tmp_path / "o.pptx")
        assert app_version(tmp_path / "o.pptx") == "12.0000"

    def it_keeps_the_templates_version_when_sources_disagree(self, small_library, tmp_path):
        old = import_approved(small_library, chart_deck(tmp_path / "c12.pptx", "12.0000"))
        new = import_approved(small_library, chart_deck(tmp_path / "c16.pptx", "16.0000"))
        template = app_version(BRAND)
        build(small_library, [*old.values(), *new.values()], tmp_path / "o.pptx")
        assert app_version(tmp_path / "o.pptx") == template


class DescribeUseTheDecksTemplate:
    @pytest.fixture
    def dark(self, small_library, tmp_path):
        keys = import_approved(small_library, title_deck(tmp_path / "t.pptx"))
        template = dark_title_template(tmp_path / "dark.pptx")
        return keys[1], template

    def it_makes_dark_theme_text_readable_on_a_dark_title_layout(
        self, small_library, dark, tmp_path
    ):
        key, template = dark
        set_formatting(small_library, key, "deck")
        prs = build(small_library, [key], tmp_path / "o.pptx", template=template)
        slide = prs.slides[1]
        assert slide.slide_layout.name == "Title Slide"
        ctx = ColourContext(slide.part)
        navy = ctx.background()
        assert navy == pytest.approx(tuple(int(NAVY[i : i + 2], 16) / 255 for i in (0, 2, 4)))
        runs = [r for shape in slide.placeholders for r in shape.text_frame.paragraphs[0].runs]
        table = next(s for s in slide.shapes if s.has_table).table
        runs += [r for cell in table.rows[0].cells for r in cell.text_frame.paragraphs[0].runs]
        assert [r.text for r in runs][-2:] == ["Cell one", "Cell two"]
        for run in runs:
            fill = run._r.find(f"{qn('a:rPr')}/{qn('a:solidFill')}")
            assert contrast(ctx.colour(fill[0]), navy) >= 4.5, run.text
        assert [f for f in unreadable_texts(prs) if f.slide == 2] == []
        assert len(prs.slide_masters) == 1

    def it_keeps_the_source_look_by_default(self, small_library, dark, tmp_path):
        key, template = dark
        prs = build(small_library, [key], tmp_path / "o.pptx", template=template)
        assert len(prs.slide_masters) == 2
        assert [f for f in unreadable_texts(prs) if f.slide == 2] == []

    def it_names_text_that_reads_badly_for_preflight(self, tmp_path):
        prs = Presentation(str(dark_title_template(tmp_path / "dark.pptx")))
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        slide.shapes.title.text = "Dark on navy"
        found = unreadable_texts(prs)
        assert [(f.slide, f.text) for f in found] == [(1, "Dark on navy")]
        assert found[0].ratio < 4.5


class DescribePreflight:
    def it_warns_naming_text_that_reads_badly(self, tmp_path):
        from enabler.domain.preflight import Check, Severity
        from enabler.services.deck.preflight import check_presentation

        prs = Presentation(str(dark_title_template(tmp_path / "dark.pptx")))
        prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Dark on navy"
        found = [f for f in check_presentation(prs).findings if f.check is Check.LOW_CONTRAST]
        assert [(f.severity, f.slide, f.shape) for f in found] == [(Severity.WARNING, 1, "Title 1")]
        assert "“Dark on navy”" in found[0].message and "4.5:1" in found[0].message


class DescribeRendering:
    @pytest.mark.libreoffice
    def it_renders_a_kept_master_background_in_libreoffice(
        self, soffice, small_library, foreign, tmp_path
    ):
        build(small_library, [foreign[1]], tmp_path / "o.pptx")
        profile = f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}"
        subprocess.run(
            [
                soffice,
                profile,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path),
                str(tmp_path / "o.pptx"),
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "10",
                "-f",
                "2",
                "-l",
                "2",
                "-png",
                str(tmp_path / "o.pdf"),
                str(tmp_path / "page"),
            ],
            check=True,
            timeout=60,
        )
        page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
        corner = page.getpixel((page.width // 2, page.height - 3))
        assert corner == pytest.approx((0x1F, 0x2A, 0x44), abs=8)  # the source master's navy
