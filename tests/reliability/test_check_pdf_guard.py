"""`enabler check` and `enabler pdf` read decks as an import does (issue 21, item 9).

Replays: a 1.6 MB deck with a 1.5 GB zero-filled part drove both commands to 3.2 GB; zip-slip,
duplicate and symlink entries were parsed; a UTF-16 "billion laughs" gave "Internal error:
XMLSyntaxError". Now each is refused by the package guard, in the isolated reader, with one
clear line and exit code 1; no PDF is written, LibreOffice is never started and the library is
unchanged.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings
import zipfile

import pytest

from tests.conftest import ROOT, run_cli
from tests.reliability.helpers import dump
from tests.reliability.hostile_packages import billion_laughs_utf16, rewritten, zero_bomb
from tests.render.designed_decks import plain_deck

GB = 1024**3


def with_duplicate(good: bytes) -> bytes:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it is told to write
        return rewritten(good, extra={"ppt/slides/slide1.xml": b"<evil/>"})


def with_symlink(good: bytes) -> bytes:
    blob = rewritten(good)
    out = io.BytesIO(blob)
    with zipfile.ZipFile(out, "a") as zf:
        link = zipfile.ZipInfo("ppt/media/passwd.png")
        link.external_attr = (0o120777 << 16) | 0x10
        zf.writestr(link, "/etc/passwd")
    return out.getvalue()


HOSTILE = {
    "zip-slip": (lambda good: rewritten(good, extra={"../../evil.xml": b"<x/>"}), "outside"),
    "duplicate entry": (with_duplicate, "repeated"),
    "symlink entry": (with_symlink, "is a link"),
    "UTF-16 billion laughs": (
        lambda good: rewritten(good, {"ppt/slides/slide1.xml": billion_laughs_utf16()}),
        "DTD or entities",
    ),
}

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    """1.6 MB on disk, 1.5 GB unpacked (built once: deflating 1.5 GB takes a few seconds)."""
    folder = tmp_path_factory.mktemp("bomb")
    good = plain_deck(folder / "good.pptx", ["Pricing"]).read_bytes()
    path = folder / "bomb.pptx"
    path.write_bytes(zero_bomb(good, 3 * GB // 2))
    return path


@pytest.fixture
def good(tmp_path) -> bytes:
    return plain_deck(tmp_path / "good.pptx", ["Pricing {{ prospect.company }}"]).read_bytes()


@pytest.fixture
def env(tmp_path):
    (tmp_path / "tmp").mkdir()
    return {"TMPDIR": str(tmp_path / "tmp")}


def assert_refused(out, name: str, why: str) -> None:
    assert out.returncode == 1, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), out.stderr
    assert name in lines[0] and why in lines[0]
    assert "Internal error" not in out.stderr and "Traceback" not in out.stderr


class DescribeHostileDecksGivenToCheckAndPdf:
    @pytest.mark.parametrize("case", list(HOSTILE))
    def it_refuses_them_in_one_line(self, case, small_library, good, tmp_path, env):
        make, why = HOSTILE[case]
        path = tmp_path / "hostile.pptx"
        path.write_bytes(make(good))
        db_file, before = tmp_path / "library.db", dump(small_library)
        assert_refused(run_cli("check", path, "--db", db_file, env=env), "hostile.pptx", why)
        assert_refused(run_cli("pdf", path, "--db", db_file, env=env), "hostile.pptx", why)
        assert (
            not (tmp_path / "hostile.pdf").exists() and not (tmp_path.parent / "evil.xml").exists()
        )
        assert os.listdir(tmp_path / "tmp") == []  # LibreOffice never started
        assert dump(small_library) == before

    @pytest.mark.parametrize("command", ["check", "pdf"])
    def it_refuses_a_zero_filled_bomb_without_unpacking_it(
        self, command, bomb, small_library, tmp_path, env
    ):
        assert bomb.stat().st_size < 2 * 1024**2
        before = dump(small_library)
        # Measure the command's peak memory (its reader child included) from a wrapper process.
        wrapper = (
            "import resource, subprocess, sys\n"
            "run = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "sys.stderr.write(run.stderr)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
            "sys.exit(run.returncode)\n"
        )
        cli = [sys.executable, "-m", "enabler", command, str(bomb), "--db", tmp_path / "library.db"]
        out = subprocess.run(
            [sys.executable, "-c", wrapper, *map(str, cli)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env={**os.environ, **env},
            check=False,
        )
        assert_refused(out, "bomb.pptx", "refusing a zip bomb")
        peak_mb = int(out.stdout.split()[-1]) // 1024
        assert peak_mb < 400, f"{command} peaked at {peak_mb} MB"
        assert not bomb.with_suffix(".pdf").exists()
        assert dump(small_library) == before
