"""The package integrity check: it passes good decks and names each structural fault."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pptx import Presentation
from pptx.util import Inches

from enabler.render.integrity import check_integrity
from tests.conftest import png_bytes
from tests.render.designed_decks import BRAND

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good() -> bytes:
    """Two slides with a picture and a text box each, saved by python-pptx."""
    prs = Presentation(str(BRAND))
    layout = {lay.name: lay for lay in prs.slide_layouts}["Title Only"]
    for n in range(2):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = f"Slide {n}"
        slide.shapes.add_picture(io.BytesIO(png_bytes()), Inches(1), Inches(2), width=Inches(2))
        slide.shapes.add_textbox(Inches(4), Inches(2), Inches(3), Inches(1)).text = "x"
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def rewrite(blob: bytes, changes: dict[str, bytes | None]) -> bytes:
    """A copy of the zip with members replaced (bytes), removed (None) or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dest:
        for name in src.namelist():
            if name in changes:
                if changes[name] is not None:
                    dest.writestr(name, changes[name])
            else:
                dest.writestr(name, src.read(name))
        for name, data in changes.items():
            if name not in src.namelist() and data is not None:
                dest.writestr(name, data)
    return out.getvalue()


def member(blob: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        return zf.read(name)


class DescribeCheckIntegrity:
    def it_passes_a_deck_python_pptx_wrote(self, good, tmp_path):
        assert check_integrity(good).ok
        (tmp_path / "d.pptx").write_bytes(good)
        assert check_integrity(tmp_path / "d.pptx").problems == ()

    def it_finds_a_relationship_to_a_missing_part(self, good):
        media = [n for n in zipfile.ZipFile(io.BytesIO(good)).namelist() if "media/" in n]
        report = check_integrity(rewrite(good, {media[0]: None}))
        assert any("points to missing /ppt/media/" in p for p in report.problems)

    def it_finds_a_part_without_a_content_type(self, good):
        report = check_integrity(rewrite(good, {"ppt/notes.xyz": b"hello"}))
        assert report.problems == ("/ppt/notes.xyz has no content type",)

    def it_finds_a_dangling_r_id(self, good):
        xml = member(good, "ppt/slides/slide1.xml").replace(b'r:embed="rId2"', b'r:embed="rId9"')
        report = check_integrity(rewrite(good, {"ppt/slides/slide1.xml": xml}))
        assert report.problems == ("/ppt/slides/slide1.xml: <blip> refers to missing rId9",)

    def it_finds_duplicate_shape_ids_on_a_slide(self, good):
        xml = member(good, "ppt/slides/slide2.xml")
        xml = re.sub(rb'<p:cNvPr id="3"', b'<p:cNvPr id="2"', xml)
        report = check_integrity(rewrite(good, {"ppt/slides/slide2.xml": xml}))
        assert report.problems == ("/ppt/slides/slide2.xml: shape id 2 used 2 times",)

    def it_finds_a_slide_missing_from_the_slide_list(self, good):
        xml = member(good, "ppt/presentation.xml")
        xml = re.sub(rb'<p:sldId id="257" r:id="rId\d+"/>', b"", xml)
        report = check_integrity(rewrite(good, {"ppt/presentation.xml": xml}))
        assert len(report.problems) == 1
        assert "is not listed exactly once" in report.problems[0]

    def it_reports_a_file_that_is_not_a_zip(self):
        assert not check_integrity(b"not a zip").ok
