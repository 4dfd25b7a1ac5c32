"""Fixture decks for designed-slide tests: made here with python-pptx plus hand-edited XML.

`designed_deck()` writes a four-slide deck on the brand template that exercises what a designer's
file contains: tags split over runs (formatting, spell-check marks, `{{` and `}}` in different
runs), pictures used twice, a chart with its workbook and a tagged title, a table, a group,
notes, an external hyperlink, a slide background and a video.
"""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Inches, Pt

from tests.conftest import ROOT, png_bytes

BRAND = ROOT / "templates" / "brand.pptx"
URL = "https://example.com/brightwave"


def runs_xml(*runs: tuple[str, str]) -> str:
    """`<a:r>` elements from (text, rPr attributes) pairs, as PowerPoint writes them."""
    return "".join(
        f'<a:r><a:rPr lang="en-US" {attrs} dirty="0"/><a:t>{text}</a:t></a:r>'
        for text, attrs in runs
    )


def set_paragraph(paragraph, inner_xml: str) -> None:
    """Replace a paragraph's runs with hand-written XML (runs, breaks, fields)."""
    p = paragraph._p
    for child in list(p):
        if child.tag in (qn("a:r"), qn("a:br"), qn("a:fld")):
            p.remove(child)
    fragment = etree.fromstring(f"<a:p {nsdecls('a', 'r')}>{inner_xml}</a:p>")
    end = p.find(qn("a:endParaRPr"))
    for child in list(fragment):
        if end is not None:
            end.addprevious(child)
        else:
            p.append(child)


def layouts(prs) -> dict:
    return {layout.name: layout for layout in prs.slide_layouts}


def add_split_title_slide(prs, picture: bytes):
    """Title split in three runs; body text around a tag; picture; notes; hyperlink."""
    slide = prs.slides.add_slide(layouts(prs)["Title and Bullets"])
    title = slide.shapes.title.text_frame.paragraphs[0]
    set_paragraph(
        title,
        runs_xml(("Why ", 'b="0"'), ("{{ prosp", 'b="1"'), ("ect.comp", 'i="1" err="1"'))
        + runs_xml(("any }}", 'sz="4000"'), ("?", 'b="0"')),
    )
    body = slide.placeholders[1].text_frame
    set_paragraph(
        body.paragraphs[0],
        runs_xml(("Built for ", 'i="1"'), ("{", 'b="1"'), ("{ contact.first_name }", 'u="sng"'))
        + runs_xml(("}", ""), (" at “", ""), ("{{ prospect.industry|default(“x”) }}", ""))
        + runs_xml(("” scale", 'b="1"')),
    )
    link = body.add_paragraph().add_run()
    link.text = "See the case study"
    link.hyperlink.address = URL
    slide.shapes.add_picture(io.BytesIO(picture), Inches(8), Inches(4.5), width=Inches(2))
    notes = slide.notes_slide.notes_text_frame
    notes.text = "Ask {{ contact.first_name }} about "
    run = notes.paragraphs[0].add_run()
    run.text = "the pilot"
    run.font.bold = True
    return slide


def add_chart_table_slide(prs):
    slide = prs.slides.add_slide(layouts(prs)["Title Only"])
    slide.shapes.title.text = "Savings"
    data = CategoryChartData()
    data.categories = ["Now", "Year 1", "Year 2"]
    data.add_series("Hours", (120, 80, 40))
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.6), Inches(1.6), Inches(6), Inches(4.5), data
    )
    chart = frame.chart
    chart.has_title = True
    tf = chart.chart_title.text_frame
    set_paragraph(
        tf.paragraphs[0], runs_xml(("Hours saved at {{ prospect.", 'b="1"'), ("company }}", ""))
    )
    table = slide.shapes.add_table(2, 2, Inches(7), Inches(1.6), Inches(5), Inches(1.2)).table
    table.cell(0, 0).text = "Customer"
    table.cell(0, 1).text = "Region"
    set_paragraph(
        table.cell(1, 0).text_frame.paragraphs[0],
        runs_xml(("{{ prospect", ""), (".company }}", 'b="1"')),
    )
    table.cell(1, 1).text = "{{ prospect.region }}"
    return slide


def add_group_slide(prs, picture: bytes):
    slide = prs.slides.add_slide(layouts(prs)["Title Only"])
    slide.shapes.title.text = "Your team"
    group = slide.shapes.add_group_shape()
    box = group.shapes.add_textbox(Inches(1), Inches(2), Inches(4), Inches(1))
    box.text_frame.text = "Led by {{ contact.name }}"
    inner = group.shapes.add_group_shape()
    deep = inner.shapes.add_textbox(Inches(1), Inches(3.2), Inches(4), Inches(1))
    deep.text_frame.text = "Owner: {{ rep.name }}"
    slide.shapes.add_picture(io.BytesIO(picture), Inches(8), Inches(2), width=Inches(2))
    fill = slide.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor(0xF4, 0xE8, 0xD0)
    return slide


def add_video_slide(prs, poster: bytes):
    slide = prs.slides.add_slide(layouts(prs)["Title Only"])
    slide.shapes.title.text = "Watch"
    slide.shapes.add_movie(
        io.BytesIO(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64),
        Inches(2),
        Inches(2),
        Inches(4),
        Inches(3),
        poster_frame_image=io.BytesIO(poster),
        mime_type="video/mp4",
    )
    return slide


def designed_deck(path: Path, *, picture: bytes | None = None, title_suffix: str = "") -> Path:
    """Write the four-slide fixture deck to `path` and return it."""
    picture = picture or png_bytes("teal", (300, 200))
    prs = Presentation(str(BRAND))
    first = add_split_title_slide(prs, picture)
    if title_suffix:
        first.shapes.title.text_frame.paragraphs[0].add_run().text = title_suffix
    add_chart_table_slide(prs)
    add_group_slide(prs, picture)
    add_video_slide(prs, png_bytes("orange", (160, 90)))
    prs.save(str(path))
    return path


def plain_deck(path: Path, titles: list[str], layout: str = "Title Only") -> Path:
    """A deck with one titled slide per entry (fields allowed in titles)."""
    prs = Presentation(str(BRAND))
    for text in titles:
        slide = prs.slides.add_slide(layouts(prs)[layout])
        slide.shapes.title.text = text
    prs.save(str(path))
    return path


def with_body_text(path: Path, slide_index: int, text: str, size: int = 18) -> Path:
    """Add a text box to one slide of an existing deck (e.g. to edit before re-import)."""
    prs = Presentation(str(path))
    box = prs.slides[slide_index].shapes.add_textbox(Inches(1), Inches(5), Inches(8), Inches(1))
    box.text_frame.text = text
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(size)
    prs.save(str(path))
    return path


def import_approved(db, path: Path, **kwargs) -> dict[int, str]:
    """Import `path` (no thumbnails) and approve every module; returns {slide number: key}."""
    from enabler.services.slides.import_slides import import_slides

    result = import_slides(db, path, thumbnails=False, **kwargs)
    with db.conn:
        for s in result.slides:
            db.execute("UPDATE modules SET state = 'approved' WHERE id = ?", [s.module_id])
    return {s.number: s.module_key for s in result.slides}


def pdf_pages(soffice: str, path: Path, workdir: Path) -> list[str]:
    """Convert `path` with LibreOffice (private profile) and return each page's text."""
    import subprocess

    from pypdf import PdfReader

    profile = f"-env:UserInstallation={(workdir / 'lo-profile').as_uri()}"
    subprocess.run(
        [
            soffice,
            profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    reader = PdfReader(str(workdir / f"{path.stem}.pdf"))
    return [page.extract_text() for page in reader.pages]


def dump(db) -> dict:
    """Every row of every table: the library's whole state, for before/after comparisons."""
    return {t: list(db.execute(f"SELECT * FROM [{t}]").fetchall()) for t in db.table_names()}
