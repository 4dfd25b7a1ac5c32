"""Absurdly nested JSON/TOML and giant pictures: a clear one-line refusal, the library unchanged."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from enabler.errors import InvalidInput
from enabler.services.crm.importer import load_mapping
from enabler.services.images import normalise_image
from enabler.services.json_input import MAX_DEPTH, loads_json
from enabler.services.library import revisions
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys
from enabler.services.roi.business_case import read_input
from enabler.services.slides.package_guard import check_package
from tests.reliability.helpers import dump
from tests.render.designed_decks import plain_deck
from tests.services.packs.test_packs import REP

DEEP = "[" * 100_000 + "]" * 100_000


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares `width`×`height` pixels but holds one empty row of data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


class DescribeDeeplyNestedInput:
    def it_refuses_a_deep_crm_mapping(self, small_library, tmp_path):
        mapping = tmp_path / "mapping.json"
        mapping.write_text(DEEP)
        csv_file = tmp_path / "crm.csv"
        csv_file.write_text("Account Name\nGlobex\n")
        before = dump(small_library)
        result = run("import-crm", csv_file, "--mapping", mapping, "--db", tmp_path / "library.db")
        assert result.exit_code == 1
        assert "not valid JSON" in result.output and f"{MAX_DEPTH} levels" in result.output
        assert "RecursionError" not in result.output
        assert dump(small_library) == before

    def it_refuses_a_deep_toml_mapping(self, tmp_path):
        mapping = tmp_path / "mapping.toml"
        mapping.write_text("a = " + "[" * 5000 + "]" * 5000)
        with pytest.raises(InvalidInput, match="not valid TOML"):
            load_mapping(mapping)

    def it_refuses_a_deep_roi_input(self, small_library, tmp_path):
        model = tmp_path / "roi.json"
        model.write_text('{"cash_flows": ' + DEEP + "}")
        before = dump(small_library)
        result = run(
            "roi", "set", "--prospect", "Acme Clinics", "--input", model, "--db",
            tmp_path / "library.db",
        )  # fmt: skip
        assert result.exit_code == 1
        assert "not valid JSON" in result.output and "levels deep" in result.output
        assert dump(small_library) == before
        with pytest.raises(InvalidInput, match="levels deep"):
            read_input(model)

    def it_refuses_a_deep_module_edit_file(self, tmp_path):
        edit = tmp_path / "edit.json"
        edit.write_text('{"content": {"title": ' + "[" * 70 + "1" + "]" * 70 + "}}")
        with pytest.raises(InvalidInput, match="levels deep"):
            revisions.read_edit_file(edit)
        edit.write_text(DEEP)
        with pytest.raises(InvalidInput, match="levels deep"):
            revisions.read_edit_file(edit)

    def it_refuses_a_pack_whose_manifest_is_deep(self, db, tmp_path):
        pair = keys.new_key_pair(tmp_path, "hq")
        keys.trust(db, REP, pair.public_path)
        pack = tmp_path / "deep.zip"
        with zipfile.ZipFile(pack, "w") as zf:
            zf.writestr("manifest.json", '{"format": ' + DEEP + "}")
            zf.writestr("manifest.sig", b"x" * 64)
        before = dump(db)
        with pytest.raises(InvalidInput, match="manifest is not valid JSON"):
            packs.import_pack(db, REP, pack)
        assert dump(db) == before

    def it_keeps_ordinary_nesting(self):
        assert loads_json('{"a": [[1, 2], {"b": null}]}') == {"a": [[1, 2], {"b": None}]}


class DescribeGiantPicture:
    def it_reports_the_real_megapixels_of_a_picture(self):
        with pytest.raises(InvalidInput, match="900 megapixels"):
            normalise_image(png_header(30_000, 30_000), "huge.png")

    def it_reports_the_real_megapixels_inside_a_deck(self, tmp_path):
        deck = plain_deck(tmp_path / "d.pptx", ["One"]).read_bytes()
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(deck)) as src, zipfile.ZipFile(out, "w") as dest:
            for name in src.namelist():
                dest.writestr(name, src.read(name))
            dest.writestr("ppt/media/image9.png", png_header(30_000, 30_000))
        with pytest.raises(InvalidInput, match="900 megapixels"):
            check_package(out.getvalue(), "d.pptx")
