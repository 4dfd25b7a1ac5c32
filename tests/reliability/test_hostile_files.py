"""Hostile files at every door (designed-slide import, templates, packs, CRM CSV).

Each is refused with one clear line, and the database is byte-for-byte the same afterwards
(compared as a full SQL dump).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest

from enabler.domain.profile import make_profile
from enabler.errors import EnablerError
from enabler.services.crm.importer import import_crm
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys
from enabler.services.slides.import_slides import import_slides
from enabler.services.slides.templates import install_template
from enabler.store.connection.db import open_db
from tests.conftest import png_bytes
from tests.reliability.helpers import dump
from tests.render.designed_decks import plain_deck

LENA = make_profile("Lena Brandt", "marketing")
REP = make_profile("Dana Rep", "sales")
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">&e;</p:sld>'
)


def rebuilt(blob: bytes, changes=None, extra=None) -> bytes:
    """A copy of the zip `blob` with some members replaced (`changes`) or added (`extra`)."""
    changes, out = changes or {}, io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as src, zipfile.ZipFile(out, "w") as dest:
        for name in src.namelist():
            dest.writestr(name, changes.get(name, src.read(name)), zipfile.ZIP_DEFLATED)
        for name, data in (extra or {}).items():
            dest.writestr(zipfile.ZipInfo(name), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def huge_png() -> bytes:
    """A tiny PNG whose header claims 20,000 × 20,000 pixels (what Pillow reads first)."""
    data = bytearray(png_bytes(size=(4, 4)))
    ihdr = data.index(b"IHDR")
    struct.pack_into(">II", data, ihdr + 4, 20_000, 20_000)
    crc = zlib.crc32(bytes(data[ihdr : ihdr + 17]))
    struct.pack_into(">I", data, ihdr + 17, crc)
    return bytes(data)


def with_picture(blob: bytes, picture: bytes) -> bytes:
    return rebuilt(blob, extra={"ppt/media/image99.png": picture})


HOSTILE_DECKS = {
    "zip bomb": lambda good: rebuilt(good, extra={"ppt/media/zeros.bin": bytes(16 * 1024**2)}),
    "XXE / DTD": lambda good: rebuilt(good, {"ppt/slides/slide1.xml": XXE}),
    "zip-slip path": lambda good: rebuilt(good, extra={"../../evil.xml": b"<x/>"}),
    "absolute path": lambda good: rebuilt(good, extra={"/etc/evil.xml": b"<x/>"}),
    "truncated zip": lambda good: good[: len(good) // 2],
    "not a pptx": lambda good: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n",
    "empty file": lambda good: b"",
    "huge image": lambda good: with_picture(good, huge_png()),
}


@pytest.fixture
def good(tmp_path) -> bytes:
    return plain_deck(tmp_path / "good.pptx", ["One {{ prospect.company }}", "Two"]).read_bytes()


@pytest.fixture
def library(small_library, tmp_path):
    """A library with modules, a prospect and one imported designed slide."""
    import_slides(small_library, plain_deck(tmp_path / "before.pptx", ["Before"]), thumbnails=False)
    return small_library


def assert_clear(exc: EnablerError) -> None:
    message = str(exc)
    assert message and "\n" not in message and "Traceback" not in message


class DescribeHostileDecks:
    @pytest.mark.parametrize("case", list(HOSTILE_DECKS))
    def it_refuses_the_deck_and_leaves_the_database_unchanged(self, case, library, good, tmp_path):
        path = tmp_path / "hostile.pptx"
        path.write_bytes(HOSTILE_DECKS[case](good))
        before = dump(library)
        with pytest.raises(EnablerError) as err:
            import_slides(library, path, thumbnails=False)
        assert_clear(err.value)
        assert "hostile.pptx" in str(err.value)
        assert dump(library) == before
        assert not (tmp_path.parent / "evil.xml").exists()

    @pytest.mark.parametrize("case", ["XXE / DTD", "zip bomb", "not a pptx"])
    def it_refuses_the_same_files_as_a_brand_template(self, case, library, good, tmp_path):
        path = tmp_path / "hostile.potx"
        path.write_bytes(HOSTILE_DECKS[case](good))
        before = dump(library)
        with pytest.raises(EnablerError) as err:
            install_template(library, path)
        assert_clear(err.value)
        assert dump(library) == before


@pytest.fixture
def signed_pack(small_library, tmp_path):
    pair = keys.new_key_pair(tmp_path, "hq")
    out = tmp_path / "library.zip"
    packs.export_pack(small_library, LENA, out, pair.private_path)
    rep_db = open_db(tmp_path / "rep.db")
    keys.trust(rep_db, REP, pair.public_path)
    return out, rep_db


def tampered(pack: bytes) -> bytes:
    """The last byte of the signed manifest changed, signature kept."""
    with zipfile.ZipFile(io.BytesIO(pack)) as zf:
        data = zf.read("manifest.json")
    return rebuilt(pack, {"manifest.json": data[:-1] + bytes([data[-1] ^ 1])})


def tampered_asset(pack: bytes) -> bytes:
    """One signed file's content changed; the manifest and its signature kept."""
    with zipfile.ZipFile(io.BytesIO(pack)) as zf:
        name = next(n for n in zf.namelist() if not n.startswith("manifest."))
        data = zf.read(name)
    return rebuilt(pack, {name: data[:-1] + bytes([data[-1] ^ 1])})


HOSTILE_PACKS = {
    "tampered manifest": tampered,
    "tampered asset": tampered_asset,
    "zip-slip entry": lambda pack: rebuilt(pack, extra={"../../evil.json": b"{}"}),
    "truncated pack": lambda pack: pack[: len(pack) // 2],
    "not a zip": lambda pack: b"hello, I am a letter",
}


class DescribeHostilePacks:
    @pytest.mark.parametrize("case", list(HOSTILE_PACKS))
    def it_refuses_the_pack_and_leaves_the_database_unchanged(self, case, signed_pack, tmp_path):
        pack, rep_db = signed_pack
        bad = tmp_path / "bad.zip"
        bad.write_bytes(HOSTILE_PACKS[case](pack.read_bytes()))
        before = dump(rep_db)
        with pytest.raises(EnablerError) as err:
            packs.import_pack(rep_db, REP, bad)
        assert_clear(err.value)
        assert dump(rep_db) == before
        assert not (tmp_path.parent / "evil.json").exists()

    def it_accepts_the_untouched_pack(self, signed_pack):
        pack, rep_db = signed_pack
        packs.import_pack(rep_db, REP, pack)
        assert rep_db["modules"].count > 0


MALFORMED_CSV = {
    "binary": bytes(range(256)) * 8,
    "excel named csv": b"PK\x03\x04\x14\x00\x06\x00" + bytes(64),
    "no rows": b"\xef\xbb\xbf\r\n\r\n",
    "a letter": b"Dear team,\nthis is not an export.\n",
    "unknown columns": b"foo,bar\n1,2\n",
}


class DescribeMalformedCsv:
    @pytest.mark.parametrize("case", list(MALFORMED_CSV))
    def it_refuses_the_file_and_leaves_the_database_unchanged(self, case, small_library, tmp_path):
        path = tmp_path / "export.csv"
        path.write_bytes(MALFORMED_CSV[case])
        before = dump(small_library)
        with pytest.raises(EnablerError) as err:
            import_crm(small_library, path)
        assert_clear(err.value)
        assert dump(small_library) == before
