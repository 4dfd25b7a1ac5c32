"""Hostile packages built in the test: linked pictures, macro templates, bombs, laughs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Inches

from tests.conftest import png_bytes
from tests.render.designed_decks import plain_deck

VBA_CT = "application/vnd.ms-office.vbaProject"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
MACRO_TEMPLATE_CT = "application/vnd.ms-powerpoint.template.macroEnabled.main+xml"
# What a VBA project starts with (an OLE compound file) and a macro that would run on open.
VBA_BLOB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b'Attribute VB_Name = "Auto_Open"' * 8


def rewritten(blob: bytes, changes=None, extra=None, order_extra_first=False) -> bytes:
    """A copy of the zip `blob`, some members replaced (`changes`) and some added (`extra`)."""
    changes, extra, out = changes or {}, extra or {}, io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dest:
        if order_extra_first:
            for name, data in extra.items():
                dest.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
        for name in src.namelist():
            dest.writestr(name, changes.get(name, src.read(name)), zipfile.ZIP_DEFLATED)
        if not order_extra_first:
            for name, data in extra.items():
                dest.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def linked_picture_deck(path: Path, *urls: str, keep_embedded: bool = False) -> Path:
    """A one-slide deck with a picture linked to each of `urls` (PowerPoint's "Link to File")."""
    plain_deck(path, ["Linked {{ prospect.company }}"])
    prs = Presentation(str(path))
    slide = prs.slides[0]
    for n, url in enumerate(urls):
        pic = slide.shapes.add_picture(
            io.BytesIO(png_bytes("teal", (60, 40))),
            Inches(1 + 4 * n),
            Inches(2),
            Inches(4),
            Inches(1),
        )
        blip = pic._element.find(".//" + qn("a:blip"))
        rid = slide.part.relate_to(url, RT.IMAGE, is_external=True)
        if not keep_embedded:
            slide.part.drop_rel(blip.get(qn("r:embed")))
            del blip.attrib[qn("r:embed")]
        blip.set(qn("r:link"), rid)
    prs.save(str(path))
    return path


def marker_svg(text: str) -> bytes:
    """A picture whose text shows up in a PDF's text layer if an office ever draws it."""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">'
        '<rect width="400" height="100" fill="#fc0"/>'
        f'<text x="10" y="60" font-size="40">{text}</text></svg>'
    ).encode()


def macro_enabled(path: Path, dest: Path, main_type: str = MACRO_TEMPLATE_CT) -> Path:
    """`path` saved as PowerPoint saves a .potm: a VBA project related from the presentation."""
    with zipfile.ZipFile(path) as zf:
        types = zf.read("[Content_Types].xml").decode()
        rels = zf.read("ppt/_rels/presentation.xml.rels").decode()
    main = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
    types = types.replace(main, main_type).replace(
        "</Types>", f'<Override PartName="/ppt/vbaProject.bin" ContentType="{VBA_CT}"/></Types>'
    )
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rId999" Type="{VBA_REL}" Target="vbaProject.bin"/></Relationships>',
    )
    dest.write_bytes(
        rewritten(
            path.read_bytes(),
            {
                "[Content_Types].xml": types.encode(),
                "ppt/_rels/presentation.xml.rels": rels.encode(),
            },
            {"ppt/vbaProject.bin": VBA_BLOB},
        )
    )
    return dest


def members(blob_or_path) -> set[str]:
    data = blob_or_path if isinstance(blob_or_path, bytes) else Path(blob_or_path).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return set(zf.namelist())


def zero_bomb(good: bytes, size: int) -> bytes:
    """`good` plus a part of `size` zero bytes: a file of a few MB that unpacks to `size`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(out, "w") as dest:
        for name in src.namelist():
            dest.writestr(name, src.read(name), zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("ppt/media/zeros.bin")
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = bytes(16 * 1024 * 1024)
        with dest.open(info, "w", force_zip64=size >= 0xFFFFFFFF) as fh:
            for _ in range(size // len(chunk)):
                fh.write(chunk)
    return out.getvalue()


def billion_laughs_utf16() -> bytes:
    """The slide XML as a UTF-16 "billion laughs": nested entities that expand exponentially."""
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE p:sld [{entities}]>'
        '<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
        "&lol9;</p:sld>"
    )
    return xml.encode("utf-16")
