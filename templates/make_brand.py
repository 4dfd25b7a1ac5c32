"""Build templates/brand.pptx, the Brightwave brand template, from python-pptx's blank deck.

Run `python templates/make_brand.py` to rebuild it. The output is reproducible: same layouts,
placeholders, theme colours and fonts every time (tests compare a normalised summary).

Layouts (by name, which the renderer uses): Title, Section, Agenda, Title and Bullets,
Two Column, Quote, Big Number, Image and Text, Table, Closing, Title Only.
"""

from __future__ import annotations

import copy
import datetime as dt
import sys
from pathlib import Path

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.util import Emu, Inches

OUT = Path(__file__).with_name("brand.pptx")
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, 13.333 × 7.5 in
HEADING_FONT, BODY_FONT = "Lato", "Open Sans"

COLOURS = {
    "dk1": "1F2433",  # ink
    "lt1": "FFFFFF",
    "dk2": "0B2545",  # navy
    "lt2": "EEF2F7",  # mist
    "accent1": "13A89E",  # teal (primary)
    "accent2": "F59E0B",  # amber
    "accent3": "3B82F6",  # blue
    "accent4": "8B5CF6",  # violet
    "accent5": "EF4444",  # coral
    "accent6": "10B981",  # green
    "hlink": "2563EB",
    "folHlink": "7C3AED",
}

M = Inches(0.6)  # outer margin
CONTENT_W = WIDTH - 2 * M
TITLE_BOX = (M, Inches(0.45), CONTENT_W, Inches(1.0))
BODY_TOP = Inches(1.65)
BODY_H = HEIGHT - BODY_TOP - Inches(0.9)


def _theme(prs) -> None:
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob, etree.XMLParser(resolve_entities=False))
    scheme = root.find(f".//{qn('a:clrScheme')}")
    scheme.set("name", "Brightwave")
    for name, hex_ in COLOURS.items():
        slot = scheme.find(qn(f"a:{name}"))
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, qn("a:srgbClr"), val=hex_)
    fonts = root.find(f".//{qn('a:fontScheme')}")
    fonts.set("name", "Brightwave")
    for tag, face in (("a:majorFont", HEADING_FONT), ("a:minorFont", BODY_FONT)):
        fonts.find(qn(tag)).find(qn("a:latin")).set("typeface", face)
    root.find(f".//{qn('a:themeElements')}").getparent().set("name", "Brightwave")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _xfrm(x, y, cx, cy) -> str:
    return (
        f'<a:xfrm><a:off x="{int(x)}" y="{int(y)}"/><a:ext cx="{int(cx)}" cy="{int(cy)}"/></a:xfrm>'
    )


def _placeholder(
    sid,
    name,
    ph,
    box,
    *,
    size=None,
    bold=False,
    colour=None,
    anchor="t",
    align=None,
    italic=False,
    bullets=True,
    prompt="Click to edit",
):
    rpr = []
    if size:
        rpr.append(f'sz="{size * 100}"')
    if bold:
        rpr.append('b="1"')
    if italic:
        rpr.append('i="1"')
    fill = f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill>' if colour else ""
    algn = f' algn="{align}"' if align else ""
    bu = "" if bullets else "<a:buNone/>"
    indent = "" if bullets else ' marL="0" indent="0"'
    lst = (
        f"<a:lstStyle><a:lvl1pPr{algn}{indent}>{bu}"
        f"<a:defRPr {' '.join(rpr)}>{fill}</a:defRPr></a:lvl1pPr></a:lstStyle>"
    )
    return parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
        f"<p:spPr>{_xfrm(*box)}</p:spPr>"
        f'<p:txBody><a:bodyPr anchor="{anchor}"><a:normAutofit/></a:bodyPr>{lst}'
        f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{prompt}</a:t></a:r></a:p></p:txBody></p:sp>'
    )


def _picture_placeholder(sid, name, idx, box):
    return parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="pic" idx="{idx}"/>'
        f"</p:nvPr></p:nvSpPr><p:spPr>{_xfrm(*box)}</p:spPr>"
        f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/>'
        f"<a:t>Picture</a:t></a:r></a:p></p:txBody></p:sp>"
    )


def _table_placeholder(sid, idx, box):
    return parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{sid}" name="Table {idx}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="tbl" idx="{idx}"/>'
        f"</p:nvPr></p:nvSpPr><p:spPr>{_xfrm(*box)}</p:spPr>"
        f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/>'
        f"<a:t>Table</a:t></a:r></a:p></p:txBody></p:sp>"
    )


def _rect(sid, name, box, colour, prst="rect"):
    return parse_xml(
        f'<p:sp {nsdecls("p", "a")}><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr/>'
        f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(*box)}'
        f'<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:schemeClr val="{colour}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        f'</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p>'
        f"</p:txBody></p:sp>"
    )


def _slide_number(sid):
    box = (WIDTH - M - Inches(1.0), HEIGHT - Inches(0.55), Inches(1.0), Inches(0.35))
    return _placeholder(
        sid,
        "Slide Number",
        '<p:ph type="sldNum" sz="quarter" idx="12"/>',
        box,
        size=10,
        colour="tx2",
        align="r",
        bullets=False,
        prompt="‹#›",
    )


def _title(sid=2, box=TITLE_BOX, colour="tx2", size=32, anchor="b"):
    return _placeholder(
        sid,
        "Title",
        '<p:ph type="title"/>',
        box,
        size=size,
        bold=True,
        colour=colour,
        anchor=anchor,
        bullets=False,
        align="l",
        prompt="Title",
    )


def _body(sid, idx, box, **kw):
    kw.setdefault("size", 18)
    return _placeholder(sid, f"Text {idx}", f'<p:ph type="body" idx="{idx}"/>', box, **kw)


def _dark(layout_el):
    """Navy background and no master decorations, for title, section and closing slides."""
    layout_el.set("showMasterSp", "0")
    csld = layout_el.find(qn("p:cSld"))
    bg = parse_xml(
        f'<p:bg {nsdecls("p", "a")}><p:bgPr><a:solidFill><a:schemeClr val="tx2"/>'
        f"</a:solidFill><a:effectLst/></p:bgPr></p:bg>"
    )
    csld.insert(0, bg)


def _layouts():
    """name → (ST_SlideLayoutType, dark?, shapes). Shape ids start at 2."""
    half = (CONTENT_W - Inches(0.5)) / 2
    right_x = M + half + Inches(0.5)
    accent_bar = _rect(9, "Accent bar", (M, Inches(4.05), Inches(1.4), Inches(0.09)), "accent1")
    return {
        "Title": (
            "title",
            True,
            [
                _placeholder(
                    2,
                    "Title",
                    '<p:ph type="ctrTitle"/>',
                    (M, Inches(1.6), Inches(10.5), Inches(2.3)),
                    size=44,
                    bold=True,
                    colour="bg1",
                    anchor="b",
                    bullets=False,
                    align="l",
                    prompt="Title",
                ),
                _body(
                    3,
                    1,
                    (M, Inches(4.35), Inches(10.5), Inches(0.9)),
                    colour="accent1",
                    size=22,
                    bullets=False,
                ),
                _body(
                    4,
                    13,
                    (M, Inches(5.5), Inches(10.5), Inches(1.1)),
                    colour="bg1",
                    size=14,
                    bullets=False,
                ),
                copy.deepcopy(accent_bar),
                _rect(
                    10,
                    "Corner",
                    (WIDTH - Inches(2.2), 0, Inches(2.2), Inches(2.2)),
                    "accent1",
                    prst="rtTriangle",
                ),
            ],
        ),
        "Section": (
            "secHead",
            True,
            [
                _title(2, (M, Inches(2.0), Inches(11), Inches(1.9)), colour="bg1", size=40),
                _body(
                    3,
                    1,
                    (M, Inches(4.35), Inches(11), Inches(1.2)),
                    colour="accent1",
                    size=20,
                    bullets=False,
                ),
                copy.deepcopy(accent_bar),
            ],
        ),
        "Agenda": (
            "obj",
            False,
            [
                _title(),
                _body(3, 1, (M, BODY_TOP, Inches(8), BODY_H), size=22),
                _rect(9, "Agenda band", (WIDTH - Inches(3.4), 0, Inches(3.4), HEIGHT), "bg2"),
                _slide_number(10),
            ],
        ),
        "Title and Bullets": (
            "obj",
            False,
            [
                _title(),
                _body(3, 1, (M, BODY_TOP, CONTENT_W, BODY_H)),
                _slide_number(10),
            ],
        ),
        "Two Column": (
            "twoTxTwoObj",
            False,
            [
                _title(),
                _body(
                    3,
                    1,
                    (M, BODY_TOP, half, Inches(0.6)),
                    size=20,
                    bold=True,
                    colour="accent1",
                    bullets=False,
                ),
                _body(4, 2, (M, BODY_TOP + Inches(0.7), half, BODY_H - Inches(0.7)), size=16),
                _body(
                    5,
                    3,
                    (right_x, BODY_TOP, half, Inches(0.6)),
                    size=20,
                    bold=True,
                    colour="accent1",
                    bullets=False,
                ),
                _body(6, 4, (right_x, BODY_TOP + Inches(0.7), half, BODY_H - Inches(0.7)), size=16),
                _slide_number(10),
            ],
        ),
        "Quote": (
            "cust",
            False,
            [
                _title(size=20),
                _rect(9, "Quote mark", (M, Inches(1.9), Inches(0.12), Inches(3.2)), "accent1"),
                _body(
                    3,
                    1,
                    (M + Inches(0.5), Inches(1.9), Inches(10.5), Inches(3.2)),
                    size=28,
                    italic=True,
                    colour="tx2",
                    anchor="ctr",
                    bullets=False,
                ),
                _body(
                    4,
                    2,
                    (M + Inches(0.5), Inches(5.3), Inches(10.5), Inches(0.8)),
                    size=16,
                    bold=True,
                    colour="accent1",
                    bullets=False,
                ),
                _slide_number(10),
            ],
        ),
        "Big Number": (
            "cust",
            False,
            [
                _title(),
                _body(
                    3,
                    1,
                    (M, Inches(2.0), CONTENT_W, Inches(2.4)),
                    size=96,
                    bold=True,
                    colour="accent1",
                    anchor="b",
                    bullets=False,
                    align="ctr",
                ),
                _body(
                    4,
                    2,
                    (M, Inches(4.5), CONTENT_W, Inches(1.4)),
                    size=22,
                    colour="tx1",
                    bullets=False,
                    align="ctr",
                ),
                _slide_number(10),
            ],
        ),
        "Image and Text": (
            "picTx",
            False,
            [
                _title(),
                _picture_placeholder(3, "Picture 1", 1, (M, BODY_TOP, Inches(6.2), Inches(3.9))),
                _body(4, 2, (M + Inches(6.6), BODY_TOP, CONTENT_W - Inches(6.6), BODY_H)),
                _body(
                    5,
                    3,
                    (M, BODY_TOP + Inches(4.0), Inches(6.2), Inches(0.6)),
                    size=12,
                    italic=True,
                    colour="tx2",
                    bullets=False,
                ),
                _slide_number(10),
            ],
        ),
        "Table": (
            "tbl",
            False,
            [
                _title(),
                _table_placeholder(3, 1, (M, BODY_TOP, CONTENT_W, BODY_H)),
                _slide_number(10),
            ],
        ),
        "Closing": (
            "cust",
            True,
            [
                _title(2, (M, Inches(1.8), Inches(11), Inches(1.8)), colour="bg1", size=40),
                _body(3, 1, (M, Inches(4.0), Inches(11), Inches(1.6)), colour="bg1", size=20),
                _body(
                    4,
                    2,
                    (M, Inches(5.7), Inches(11), Inches(0.9)),
                    colour="accent1",
                    size=16,
                    bullets=False,
                ),
                _rect(9, "Accent bar", (M, Inches(3.75), Inches(1.4), Inches(0.09)), "accent1"),
            ],
        ),
        "Title Only": ("titleOnly", False, [_title(), _slide_number(10)]),
    }


def _scale_master(prs) -> None:
    """The blank deck is 4:3; stretch master placeholders to 16:9 and add the brand bar."""
    master = prs.slide_master
    factor = WIDTH / Emu(9144000)
    for off in master.element.iter(qn("a:off")):
        off.set("x", str(int(int(off.get("x")) * factor)))
    for ext in master.element.iter(qn("a:ext")):
        if ext.getparent().tag == qn("a:xfrm"):
            ext.set("cx", str(int(int(ext.get("cx")) * factor)))
    tree = master.shapes._spTree
    tree.append(_rect(20, "Brand bar", (0, 0, WIDTH, Inches(0.12)), "accent1"))
    for rpr in master.element.iter(qn("a:latin")):
        if rpr.get("typeface") not in ("+mj-lt", "+mn-lt"):
            rpr.set("typeface", "+mn-lt")
    # Each deeper level a step smaller (the blank deck's 32/28/24/20/20 suits 4:3 only).
    body_style = master.element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    for level, size in enumerate((20, 17, 15, 14, 14), start=1):
        body_style.find(qn(f"a:lvl{level}pPr")).find(qn("a:defRPr")).set("sz", str(size * 100))


def build(out: Path = OUT) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _theme(prs)
    _scale_master(prs)
    layouts = list(prs.slide_layouts)
    specs = _layouts()
    if len(specs) != len(layouts):
        raise SystemExit("layout count mismatch with the blank deck")
    for layout, (name, (kind, dark, shapes)) in zip(layouts, specs.items(), strict=True):
        el = layout.element
        el.set("type", kind)
        el.set("preserve", "1")
        csld = el.find(qn("p:cSld"))
        csld.set("name", name)
        for bg in csld.findall(qn("p:bg")):
            csld.remove(bg)
        tree = layout.shapes._spTree
        for sp in list(tree)[2:]:
            tree.remove(sp)
        for sp in shapes:
            tree.append(sp)
        if dark:
            _dark(el)
    prs.core_properties.title = "Brightwave brand template"
    prs.core_properties.author = "Brightwave Marketing"
    prs.core_properties.revision = 1
    fixed = dt.datetime(2026, 1, 1)
    prs.core_properties.created = prs.core_properties.modified = fixed
    prs.core_properties.last_modified_by = "templates/make_brand.py"
    prs.save(out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
