"""No command writes over the library, its journal files or one of its own inputs.

Each case replays the attack through the command line (in process): the command exits 1 with a
one-line message, and the library — dumped as SQL, and its bytes — is exactly as before.
"""

from __future__ import annotations

import hashlib
import os

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from enabler.errors import OutputClash
from enabler.services.output_guard import check_outputs, same_file
from enabler.services.packs import exchange as packs
from enabler.services.packs import keys
from enabler.store.connection.db import open_db
from tests.reliability.helpers import dump
from tests.services.packs.test_packs import LENA


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def library(small_library, tmp_path):
    """(db, path) of the small library, checkpointed so its file holds everything."""
    small_library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return small_library, tmp_path / "library.db"


def assert_refused(result, library, before, sha, role: str):
    db, path = library
    assert result.exit_code == 1, result.output
    assert "nothing was written" in result.output
    assert role in result.output
    assert "Internal error" not in result.output
    assert digest(path) == sha
    assert dump(db) == before


class DescribeOutputGuard:
    @pytest.mark.parametrize(
        "command",
        [
            ["build", "--prospect", "Acme Clinics", "--modules", "pillars", "--out"],
            ["leave-behind", "--prospect", "Acme Clinics", "--out"],
            ["prep-sheet", "--prospect", "Acme Clinics", "--out"],
            ["report", "--csv"],
        ],
        ids=["build", "leave-behind", "prep-sheet", "report-csv"],
    )
    @pytest.mark.parametrize("spelling", ["plain", "dotdot", "symlink", "wal", "shm"])
    def it_refuses_to_write_over_the_library(self, command, spelling, library, tmp_path):
        db, path = library
        target = {
            "plain": path,
            "dotdot": tmp_path / "sub" / ".." / path.name,
            "symlink": tmp_path / "innocent.pptx",
            "wal": tmp_path / "library.db-wal",
            "shm": tmp_path / "sub" / ".." / "library.db-shm",
        }[spelling]
        (tmp_path / "sub").mkdir()
        if spelling == "symlink":
            target.symlink_to(path)
        before, sha = dump(db), digest(path)
        result = run(*command, target, "--db", path)
        role = "journal" if spelling in ("wal", "shm") else "the library itself"
        assert_refused(result, library, before, sha, role)

    def it_refuses_a_hard_link_to_the_library(self, library, tmp_path):
        db, path = library
        link = tmp_path / "deck.pptx"
        os.link(path, link)
        before, sha = dump(db), digest(path)
        result = run("build", "--prospect", "Acme Clinics", "--out", link, "--db", path)
        assert_refused(result, library, before, sha, "the library itself")

    def it_refuses_a_pdf_beside_the_deck_that_is_the_library(self, tmp_path):
        # The library is called deck.pdf: `build --out deck.pptx --pdf` would convert over it.
        lib = open_db(tmp_path / "deck.pdf")
        before = dump(lib)
        result = run(
            "build", "--prospect", "Acme", "--out", tmp_path / "deck.pptx", "--pdf", "--db",
            tmp_path / "deck.pdf",
        )  # fmt: skip
        assert result.exit_code == 1 and "the library itself" in result.output
        assert not (tmp_path / "deck.pptx").exists()
        assert dump(lib) == before

    def it_refuses_a_pdf_written_over_its_own_deck(self, library, tmp_path):
        db, path = library
        deck = tmp_path / "d.pptx"
        deck.write_bytes(b"the deck")
        before, sha = dump(db), digest(path)
        result = run("pdf", deck, "--out", tmp_path / "x" / ".." / "d.pptx", "--db", path)
        assert_refused(result, library, before, sha, "a file this command reads")
        assert deck.read_bytes() == b"the deck"

    def it_refuses_a_deck_whose_pdf_is_another_input(self, library, tmp_path):
        db, path = library
        first, second = tmp_path / "a.pptx", tmp_path / "a.pdf"
        first.write_bytes(b"deck a")
        second.write_bytes(b"not really a pdf")
        before, sha = dump(db), digest(path)
        result = run("pdf", first, second, "--db", path)
        assert_refused(result, library, before, sha, "a file this command reads")
        assert second.read_bytes() == b"not really a pdf"

    def it_refuses_a_pack_over_the_library_or_the_private_key(self, library, tmp_path):
        db, path = library
        pair = keys.new_key_pair(tmp_path, "hq")
        key_bytes = pair.private_path.read_bytes()
        before, sha = dump(db), digest(path)
        with pytest.raises(OutputClash) as err:
            packs.export_pack(db, LENA, tmp_path / "sub" / ".." / "library.db", pair.private_path)
        assert err.value.role == "library"
        with pytest.raises(OutputClash) as err:
            packs.export_pack(db, LENA, pair.private_path, pair.private_path)
        assert err.value.role == "input"
        assert pair.private_path.read_bytes() == key_bytes
        assert digest(path) == sha and dump(db) == before

    def it_lets_ordinary_outputs_through(self, library, tmp_path):
        db, _ = library
        check_outputs([tmp_path / "deck.pptx"], db=db, inputs=[tmp_path / "template.pptx"])
        assert not same_file(tmp_path / "a.pptx", tmp_path / "b.pptx")
