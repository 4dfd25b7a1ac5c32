"""Hostile and broken files: each refused in one line, before any parser, the library unchanged."""

from __future__ import annotations

import functools
import io
import struct
import zipfile

import pytest
from PIL import Image

from enabler.errors import InvalidInput
from enabler.services.slides import package_guard
from enabler.services.slides.import_slides import import_slides
from enabler.services.slides.templates import install_template
from tests.render.designed_decks import dump, plain_deck

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def good(tmp_path) -> bytes:
    return plain_deck(tmp_path / "good.pptx", ["One {{ prospect.company }}", "Two"]).read_bytes()


@pytest.fixture
def library(db, tmp_path):
    """A library that already holds one imported slide."""
    import_slides(db, plain_deck(tmp_path / "before.pptx", ["Before"]), thumbnails=False)
    return db


def rebuilt(blob: bytes, changes: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dest:
        for name in src.namelist():
            dest.writestr(name, changes.get(name, src.read(name)), zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            dest.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def central_directory_patched(blob: bytes, offset: int, fmt: str, value: int) -> bytes:
    """Overwrite one field of every central-directory entry (what zipfile's infolist reads)."""
    data = bytearray(blob)
    pos = data.find(b"PK\x01\x02")
    while pos != -1:
        struct.pack_into(fmt, data, pos + offset, value)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def slide_xml(blob: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(blob)) as zf:
        return zf.read("ppt/slides/slide1.xml")


@functools.cache
def big_picture() -> bytes:
    """A 90-megapixel PNG that is only a few kilobytes (a decompression bomb)."""
    buf = io.BytesIO()
    Image.new("1", (9500, 9500)).save(buf, format="PNG")
    return buf.getvalue()


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512


def _with_xxe(good: bytes) -> bytes:
    xml = slide_xml(good).replace(
        b"<p:sld ", b'<!DOCTYPE p:sld [<!ENTITY e SYSTEM "file:///etc/passwd">]><p:sld ', 1
    )
    return rebuilt(good, {"ppt/slides/slide1.xml": xml.replace(b">Two<", b">&e;<")})


def _as_word(good: bytes) -> bytes:
    types = zipfile.ZipFile(io.BytesIO(good)).read("[Content_Types].xml")
    types = types.replace(b"presentationml.presentation.main", b"wordprocessingml.document.main")
    return rebuilt(good, {"[Content_Types].xml": types})


# case: (make the file from a good deck, words the refusal must contain)
BAD = {
    "not a zip": (lambda g: b"Hello, I am a text file.\n" * 20, "not a PowerPoint file"),
    "legacy ppt": (lambda g: _OLE, "legacy PowerPoint 97-2003"),
    "encrypted ooxml": (
        lambda g: _OLE + "EncryptedPackage".encode("utf-16-le"),
        "password-protected",
    ),
    "encrypted zip entry": (lambda g: central_directory_patched(g, 8, "<H", 1), "encrypted"),
    "truncated zip": (lambda g: g[: len(g) // 2], "damaged or truncated"),
    "sizes that lie": (lambda g: central_directory_patched(g, 24, "<I", 10), "damaged"),
    "dtd and external entity": (_with_xxe, "XXE"),
    "dot-dot entry": (lambda g: rebuilt(g, {}, {"../../evil.txt": b"x"}), "outside the package"),
    "absolute entry": (lambda g: rebuilt(g, {}, {"/etc/evil.txt": b"x"}), "outside the package"),
    "ratio bomb": (
        lambda g: rebuilt(g, {}, {"ppt/media/blank.bin": b"\x00" * (9 * 1024 * 1024)}),
        "zip bomb",
    ),
    "huge picture": (
        lambda g: rebuilt(g, {}, {"ppt/media/image9.png": big_picture()}),
        "megapixels",
    ),
    "word document": (_as_word, "Word document"),
}


class DescribeBadInput:
    @pytest.mark.parametrize("case", list(BAD))
    def it_refuses_in_one_line_and_changes_nothing(self, case, library, good, tmp_path):
        make, expected = BAD[case]
        blob = make(good)
        path = tmp_path / "bad.pptx"
        path.write_bytes(blob)
        before = dump(library)
        with pytest.raises(InvalidInput, match=expected) as info:
            import_slides(library, path, thumbnails=False)
        message = str(info.value)
        assert message.startswith("bad.pptx: ") and "\n" not in message
        assert "root:" not in message  # nothing of /etc/passwd leaks
        assert dump(library) == before

    @pytest.mark.parametrize("case", ["legacy ppt", "dtd and external entity", "ratio bomb"])
    def it_refuses_the_same_files_as_templates(self, case, library, good, tmp_path):
        path = tmp_path / "brand.potx"
        path.write_bytes(BAD[case][0](good))
        before = dump(library)
        with pytest.raises(InvalidInput):
            install_template(library, path)
        assert dump(library) == before

    def it_refuses_when_the_declared_total_is_over_the_limit(self, good, monkeypatch):
        monkeypatch.setattr(package_guard, "MAX_TOTAL_BYTES", 10_000)
        with pytest.raises(InvalidInput, match=r"unpacks to .* zip bomb"):
            package_guard.check_package(good, "deck.pptx")

    def it_refuses_too_many_members(self, good, monkeypatch):
        monkeypatch.setattr(package_guard, "MAX_MEMBERS", 5)
        with pytest.raises(InvalidInput, match=r"entries \(limit 5\)"):
            package_guard.check_package(good, "deck.pptx")

    def it_refuses_a_deck_without_slides(self, db, tmp_path):
        with pytest.raises(InvalidInput, match="no slides to import"):
            import_slides(db, plain_deck(tmp_path / "empty.pptx", []), thumbnails=False)

    def it_refuses_a_missing_file_or_a_folder(self, db, tmp_path):
        with pytest.raises(InvalidInput, match="no such file"):
            import_slides(db, tmp_path / "nope.pptx")
        with pytest.raises(InvalidInput, match="is a folder"):
            import_slides(db, tmp_path)

    def it_accepts_a_good_deck_unchanged(self, good):
        checked = package_guard.check_package(good, "deck.pptx")
        assert (checked.kind, checked.blob) == ("presentation", good)
