"""Crash consistency: a worker that imports, edits and builds is SIGKILLed at random (seeded)
moments. Afterwards the database passes `PRAGMA integrity_check`, every change the worker
reported as committed is there, and every deck at its final path opens in python-pptx.
"""

from __future__ import annotations

import io
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pptx import Presentation

from enabler.render.integrity import check_integrity
from enabler.store.connection.db import open_db
from tests.render.designed_decks import plain_deck

ROOT = Path(__file__).resolve().parents[2]
SEED = 20261123
KILLS = 20
BENCH_KILLS = int(os.environ.get("ENABLER_CRASH_KILLS", "200"))
START_TIMEOUT_S = 120  # the worker's imports are slow on a loaded machine


def run_and_kill(db: Path, out: Path, deck: Path, tag: str, delay: float) -> list[str]:
    """Start a worker, wait until it is ready, let it work `delay` s, SIGKILL it; its output."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.crash_child", db, out, deck, tag],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        first = child.stdout.readline()
        assert first.strip() == "READY", first + child.stderr.read()
        time.sleep(delay)
    finally:
        child.send_signal(signal.SIGKILL)
        rest, errors = child.communicate(timeout=START_TIMEOUT_S)
    assert "Traceback" not in errors, errors
    lines = rest.splitlines()
    # A line cut by the kill is not a report of a commit.
    return lines if rest.endswith("\n") else lines[:-1]


def check_library(db_path: Path, out: Path, committed: list[str]) -> None:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        insights = {r[0] for r in conn.execute("SELECT text FROM insights")}
        modules = {r[0] for r in conn.execute("SELECT key FROM modules")}
        decks = {r[0] for r in conn.execute("SELECT id FROM decks")}
    finally:
        conn.close()
    for line in committed:
        _, what, value, *_ = line.split()
        if what == "insight":
            assert value in insights, f"lost committed insight {value}"
        elif what == "import":
            assert value in modules, f"lost imported module {value}"
        elif what == "deck":
            assert int(value) in decks, f"lost deck record {value}"
    for deck in out.glob("*.pptx"):
        blob = deck.read_bytes()
        Presentation(io.BytesIO(blob))  # a half-written file would not open
        assert check_integrity(blob).ok, deck.name


def crash_loop(small_library, tmp_path: Path, kills: int) -> int:
    db_path = Path(small_library.conn.execute("PRAGMA database_list").fetchone()[2])
    small_library.conn.close()  # the workers own the library from here
    out = tmp_path / "out"
    out.mkdir()
    deck = plain_deck(tmp_path / "designed.pptx", ["Crash {{ prospect.company }}", "Two"])
    rng = random.Random(SEED)
    committed: list[str] = []
    for k in range(kills):
        lines = run_and_kill(db_path, out, deck, f"k{k}", rng.uniform(0.0, 1.0))
        committed += [line for line in lines if line.startswith("COMMITTED ")]
        check_library(db_path, out, committed)
    open_db(db_path)  # still opens and migrates cleanly
    return len(committed)


class DescribeCrashConsistency:
    def it_keeps_every_commit_and_whole_files_across_kills(self, small_library, tmp_path):
        commits = crash_loop(small_library, tmp_path, KILLS)
        assert commits > 0  # the kills landed while work was going on

    @pytest.mark.slow
    def it_survives_many_more_kills(self, small_library, tmp_path):
        assert crash_loop(small_library, tmp_path, BENCH_KILLS) > 0
