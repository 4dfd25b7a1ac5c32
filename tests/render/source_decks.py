"""Small decks for the fidelity failure modes: each made with python-pptx, saved, then imported.

- `foreign_deck`: slides on python-pptx's own 4:3 template (its master, theme and layouts);
- `picture_background_deck`: a 4:3 master whose background is a 4:3 picture;
- `odd_size_deck`: a 2.0 × 1.2 in page with one text box;
- `chart_deck`: a chart, saved as PowerPoint 2007 says in docProps/app.xml (AppVersion 12);
- `dark_title_template`: python-pptx's template whose "Title Slide" layout is navy while its
  theme text stays dark, the template a "use the deck's template" slide lands on.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Inches, Pt

NAVY = "1F2A44"
PICTURE_SIZE = (400, 300)  # 4:3


def _insert_background(c_sld, fill_xml: str) -> None:
    bg = etree.fromstring(
        f"<p:bg {nsdecls('p', 'a', 'r')}><p:bgPr>{fill_xml}<a:effectLst/></p:bgPr></p:bg>"
    )
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    c_sld.insert(0, bg)


def navy_background(part_element) -> None:
    fill = f'<a:solidFill><a:srgbClr val="{NAVY}"/></a:solidFill>'
    _insert_background(part_element.find(qn("p:cSld")), fill)


def foreign_deck(path: Path, slides: int = 3) -> Path:
    """Slides on python-pptx's own 4:3 template, its master background navy."""
    prs = Presentation()
    navy_background(prs.slide_masters[0]._element)
    for n in range(slides):
        slide = prs.slides.add_slide(prs.slide_layouts[1])  # Title and Content
        slide.shapes.title.text = f"Point {n + 1} for {{{{ prospect.company }}}}"
        slide.placeholders[1].text_frame.text = "Body"
    prs.save(str(path))
    return path


def four_by_three_picture() -> bytes:
    """Orange left half, blue right half, a black square in the middle: 4:3."""
    im = Image.new("RGB", PICTURE_SIZE, "orange")
    im.paste((0, 0, 255), (200, 0, 400, 300))
    im.paste((0, 0, 0), (150, 100, 250, 200))
    buf = io.BytesIO()
    im.save(buf, format="PNG")
    return buf.getvalue()


def picture_background_deck(path: Path) -> Path:
    prs = Presentation()  # 10 × 7.5 in
    master = prs.slide_masters[0]
    _, rid = master.part.get_or_add_image_part(io.BytesIO(four_by_three_picture()))
    fill = f'<a:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill>'
    _insert_background(master._element.find(qn("p:cSld")), fill)
    slide = prs.slides.add_slide(prs.slide_layouts[6])  # Blank
    slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).text_frame.text = "Hi"
    prs.save(str(path))
    return path


def odd_size_deck(path: Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(2.0), Inches(1.2)
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.2), Inches(0.2), Inches(1.0), Inches(0.5))
    box.text_frame.text = "Tiny"
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(8)
    prs.save(str(path))
    return path


def with_app_version(path: Path, version: str) -> None:
    """Rewrite docProps/app.xml as that Office version would have written it."""
    with zipfile.ZipFile(path) as zf:
        items = [(info, zf.read(info.filename)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            if info.filename == "docProps/app.xml":
                text = data.decode()
                text = re.sub(r"<AppVersion>[^<]*</AppVersion>", "", text)
                text = re.sub(
                    r"<Application>[^<]*</Application>",
                    "<Application>Microsoft Office PowerPoint</Application>",
                    text,
                )
                text = text.replace(
                    "</Properties>", f"<AppVersion>{version}</AppVersion></Properties>"
                )
                data = text.encode()
            zf.writestr(info, data)


def chart_deck(path: Path, version: str = "12.0000") -> Path:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
    slide.shapes.title.text = "Hours saved"
    data = CategoryChartData()
    data.categories = ["Now", "Later"]
    data.add_series("Hours", (10, 20))
    slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_STACKED, Inches(1), Inches(2), Inches(6), Inches(4), data
    )
    prs.save(str(path))
    with_app_version(path, version)
    return path


def title_deck(path: Path) -> Path:
    """One "Title Slide" slide whose text (and unstyled table) keeps the theme's dark text."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "Welcome {{ prospect.company }}"
    slide.placeholders[1].text_frame.text = "A subtitle"
    frame = slide.shapes.add_table(1, 2, Inches(1), Inches(6), Inches(4), Inches(0.5))
    tbl_pr = frame.table._tbl.tblPr
    for child in list(tbl_pr):  # no table style: the cells show the slide's background
        tbl_pr.remove(child)
    tbl_pr.attrib.clear()
    frame.table.cell(0, 0).text = "Cell one"
    frame.table.cell(0, 1).text = "Cell two"
    prs.save(str(path))
    return path


def dark_title_template(path: Path) -> Path:
    """python-pptx's template with a navy "Title Slide" layout and dark theme text."""
    prs = Presentation()
    prs.slide_width = Inches(13.333)
    navy_background(prs.slide_layouts[0]._element)
    prs.save(str(path))
    return path
