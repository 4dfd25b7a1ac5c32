"""Check an untrusted .pptx / .potx before any parser sees it (HAZARDS.md §6).

Refused, each with one line saying what to do: legacy .ppt, encrypted files, anything not a zip,
damaged or truncated zips, zip bombs (too many members, declared or actual sizes over the limits,
extreme compression ratios, sizes that lie), ZIP64, unusual compression, names with `..`,
absolute paths or links, XML with a DTD or entities (XXE), images over the size limits, and zips
that are Word or Excel files. Templates, slide shows and macro-enabled decks are accepted and
presented to python-pptx as plain presentations. What would run or fetch something is removed
first and listed in `removed` (`render.active_content`): macro projects, and pictures, media
and objects linked to files or URLs outside the package.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

from lxml import etree
from PIL import Image, UnidentifiedImageError

from enabler.errors import InvalidInput
from enabler.render.active_content import Removal, strip_active_content
from enabler.render.ooxml import parse_safe
from enabler.services.images import bomb_pixels, megapixels

MB = 1024 * 1024
Refuse = Callable[[str], NoReturn]  # raises InvalidInput naming the file
MAX_FILE_BYTES = 300 * MB
MAX_MEMBERS = 5000
MAX_TOTAL_BYTES = 512 * MB  # uncompressed, declared and actual
MAX_MEMBER_BYTES = 256 * MB
MAX_RATIO = 250  # only checked for members over RATIO_FLOOR: small parts may compress further
RATIO_FLOOR = 8 * MB
MAX_IMAGE_BYTES = 40 * MB
MAX_IMAGE_PIXELS = 80_000_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
_PRESENTATION = _PML + "presentation.main+xml"
MAIN_TYPES = {
    _PRESENTATION: "presentation",
    _PML + "template.main+xml": "template",
    _PML + "slideshow.main+xml": "slide show",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml": "macro-enabled deck",
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml": "macro-enabled template",
    "application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml": "macro-enabled slide show",
}
_RASTER = {".png", ".jpg", ".jpeg", ".jpe", ".gif", ".bmp", ".tif", ".tiff"}


@dataclass(frozen=True, slots=True)
class CheckedPackage:
    name: str
    kind: str  # "presentation", "template", …
    blob: bytes  # safe to hand to python-pptx: main part typed as a presentation
    removed: tuple[Removal, ...] = ()  # macros and external links taken out of `blob`


def read_package(path: Path | str) -> CheckedPackage:
    """Read and check the file at `path`."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInput(
                f"{path.name}: the file is {size // MB} MB; files over "
                f"{MAX_FILE_BYTES // MB} MB are refused. Compress its pictures in PowerPoint."
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file. Check the path.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder; give a .pptx file.") from None
    except PermissionError:
        raise InvalidInput(f"{path}: permission denied. Check the file's permissions.") from None
    return check_package(data, path.name)


def check_package(data: bytes, name: str) -> CheckedPackage:
    """Check `data` (a whole file) and return it ready for python-pptx, or raise InvalidInput."""

    def refuse(why: str) -> NoReturn:
        raise InvalidInput(f"{name}: {why}")

    if len(data) > MAX_FILE_BYTES:
        refuse(f"the file is over {MAX_FILE_BYTES // MB} MB; compress its pictures in PowerPoint.")
    if data.startswith(_OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            refuse("the file is password-protected; remove the password in PowerPoint and retry.")
        refuse("this is a legacy PowerPoint 97-2003 file (.ppt); save it as .pptx and retry.")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError):
        if data.startswith(b"PK"):
            refuse("the file is damaged or truncated (not a complete zip); copy it again.")
        refuse("not a PowerPoint file (.pptx); save it from PowerPoint as .pptx and retry.")
    with zf:
        members = _check_directory(zf, refuse)
        xml = _read_members(zf, members, refuse)
        main_part, content_type = _main_part(xml, refuse)
        _check_images(zf, members, refuse)
    kind = MAIN_TYPES[content_type]
    try:
        stripped = strip_active_content(data)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError):
        refuse("a part of the file is damaged; save it again in PowerPoint.")
    data = stripped.blob
    if content_type != _PRESENTATION:
        data = _retyped(data, main_part, content_type)
    return CheckedPackage(name=name, kind=kind, blob=data, removed=stripped.removed)


def _check_directory(zf: zipfile.ZipFile, refuse: Refuse) -> list[zipfile.ZipInfo]:
    members = zf.infolist()
    if len(members) > MAX_MEMBERS:
        refuse(f"the zip has {len(members)} entries (limit {MAX_MEMBERS}); refusing a zip bomb.")
    seen: set[str] = set()
    declared = 0
    for info in members:
        raw = info.filename
        parts = raw.replace("\\", "/").split("/")
        if raw.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", raw) or ".." in parts:
            refuse(f"the zip entry {raw!r} points outside the package; refusing the file.")
        if "\x00" in raw or raw.lower() in seen:
            refuse(f"the zip entry {raw!r} is malformed or repeated; refusing the file.")
        seen.add(raw.lower())
        if (info.external_attr >> 16) & 0o170000 == 0o120000:
            refuse(f"the zip entry {raw!r} is a link; refusing the file.")
        if info.flag_bits & 0x1:
            refuse("the file is encrypted; remove the password in PowerPoint and retry.")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            refuse(f"the zip entry {raw!r} uses an unsupported compression; save it again.")
        if max(info.file_size, info.compress_size, info.header_offset) >= 0xFFFFFFFF:
            refuse("the zip needs ZIP64 (over 4 GB); such files are refused.")
        if info.file_size > MAX_MEMBER_BYTES:
            refuse(f"{raw!r} unpacks to {info.file_size // MB} MB; refusing a zip bomb.")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            refuse(f"{raw!r} is compressed {ratio}:1 (limit {MAX_RATIO}:1); refusing a zip bomb.")
        declared += info.file_size
    if declared > MAX_TOTAL_BYTES:
        refuse(
            f"the package unpacks to {declared // MB} MB (limit {MAX_TOTAL_BYTES // MB} MB); "
            "refusing a zip bomb."
        )
    return members


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml"))


def _read_members(zf: zipfile.ZipFile, members, refuse: Refuse) -> dict[str, bytes]:
    """Read every member with a bounded stream; returns the XML ones by name."""
    xml: dict[str, bytes] = {}
    total = 0
    for info in members:
        chunks, got = [], 0
        try:
            with zf.open(info) as fh:
                while chunk := fh.read(min(MB, info.file_size + 1 - got) or 1):
                    got += len(chunk)
                    if got > info.file_size:
                        refuse(f"{info.filename!r} unpacks to more than it declares; refusing it.")
                    if _is_xml(info.filename):
                        chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
            refuse("the file is damaged or truncated (a zip entry is unreadable); copy it again.")
        total += got
        if total > MAX_TOTAL_BYTES:
            refuse(f"the package unpacks to over {MAX_TOTAL_BYTES // MB} MB; refusing a zip bomb.")
        if _is_xml(info.filename):
            blob = b"".join(chunks)
            if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
                blob = blob.decode("utf-16").encode("utf-8")
            if _DTD.search(blob):
                refuse(f"{info.filename!r} declares a DTD or entities (XXE); refusing the file.")
            xml[info.filename] = blob
    return xml


def _main_part(xml: dict[str, bytes], refuse: Refuse) -> tuple[str, str]:
    """The main part's name and content type; refuse non-presentations."""
    try:
        types = parse_safe(xml["[Content_Types].xml"])
        rels = parse_safe(xml["_rels/.rels"])
    except KeyError:
        refuse("not a PowerPoint file (no content types); save it as .pptx and retry.")
    except etree.XMLSyntaxError:
        refuse("the file is damaged (unreadable package index); save it again in PowerPoint.")
    target = next(
        (
            el.get("Target", "")
            for el in rels
            if el.get("Type", "").endswith("/officeDocument") and el.get("TargetMode") != "External"
        ),
        "",
    )
    main = posixpath.normpath("/" + target.lstrip("/"))
    overrides = {
        el.get("PartName", "").lower(): el.get("ContentType", "")
        for el in types.iter(f"{_CT_NS}Override")
    }
    content_type = overrides.get(main.lower(), "")
    if content_type in MAIN_TYPES:
        return main, content_type
    if "wordprocessingml" in content_type:
        refuse("this is a Word document, not a presentation.")
    if "spreadsheetml" in content_type:
        refuse("this is an Excel workbook, not a presentation.")
    refuse("not a PowerPoint presentation; save it from PowerPoint as .pptx and retry.")


def _check_images(zf: zipfile.ZipFile, members, refuse: Refuse) -> None:
    for info in members:
        ext = posixpath.splitext(info.filename.lower())[1]
        if not info.filename.lower().startswith("ppt/media/") or ext not in _RASTER | {
            ".emf",
            ".wmf",
            ".svg",
        }:
            continue
        if info.file_size > MAX_IMAGE_BYTES:
            refuse(
                f"the picture {info.filename!r} is {info.file_size // MB} MB (limit "
                f"{MAX_IMAGE_BYTES // MB} MB); compress pictures in PowerPoint and retry."
            )
        if ext not in _RASTER:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(zf.read(info))) as im:
                    pixels = im.width * im.height
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            pixels = bomb_pixels(exc, MAX_IMAGE_PIXELS + 1)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            continue  # not decodable here; the slide keeps it as the designer left it
        if pixels > MAX_IMAGE_PIXELS:
            refuse(
                f"the picture {info.filename!r} has {megapixels(pixels)} (limit "
                f"{MAX_IMAGE_PIXELS // 1_000_000}); compress pictures in PowerPoint and retry."
            )


def _retyped(data: bytes, main_part: str, content_type: str) -> bytes:
    """A copy whose main part is typed as a presentation (python-pptx opens nothing else)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dest:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                types = parse_safe(blob)
                for el in types.iter(f"{_CT_NS}Override"):
                    if el.get("PartName", "").lower() == main_part.lower():
                        el.set("ContentType", _PRESENTATION)
                blob = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
            dest.writestr(info, blob, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
