"""Nothing outlives a killed Enabler (issue 21, item 8).

Replays: `kill -9` or SIGTERM of `enabler pdf` while LibreOffice runs left `soffice.bin`
running and `/tmp/enabler-lo-*` holding a copy of the customer's deck. Now every helper dies
with Enabler, and the next run removes the folder. Each run gets its own TMPDIR, so folders of
other Enabler processes on the machine are never looked at.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from enabler.export.leftovers import owned_tempdir, sweep_leftovers
from tests.conftest import ROOT
from tests.render.designed_decks import plain_deck

WAIT_S = 120  # a cap for a loaded machine, not a measurement


def process_table() -> dict[int, tuple[int, str, str]]:
    """{pid: (parent pid, name, state)} for every process, from /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        state, ppid = stat[stat.rindex(")") + 2 :].split()[:2]
        table[int(entry.name)] = (int(ppid), name, state)
    return table


def descendants(pid: int) -> dict[int, str]:
    table = process_table()
    found, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, name, _) in table.items():
            if ppid == parent and child not in found:
                found[child] = name
                todo.append(child)
    return found


def mentioning(text: str) -> list[int]:
    """Live processes whose command line mentions `text` (e.g. a private folder)."""
    table, found = process_table(), []
    for pid, (_, _, state) in table.items():
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and state != "Z" and pid != os.getpid():
            found.append(pid)
    return found


def running(pids) -> list[int]:
    table = process_table()
    return [p for p in pids if p in table and table[p][2] != "Z"]


def wait_for(condition, what: str):
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}")


def enabler(*args, env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "enabler", *map(str, args)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    return tmp


@pytest.fixture
def env(private_tmp):
    return {**os.environ, "TMPDIR": str(private_tmp), "ENABLER_PDF_WORKERS": "1"}


@pytest.mark.libreoffice
class DescribeAKilledPdfExport:
    @pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "term"])
    def it_takes_libreoffice_with_it_and_the_next_run_cleans_up(
        self, soffice, db, tmp_path, private_tmp, env, sig
    ):
        deck = plain_deck(tmp_path / "customer.pptx", ["Confidential pricing"])
        db_file = tmp_path / "library.db"
        first = enabler("pdf", deck, "--db", db_file, env=env)
        # LibreOffice restarts itself once on a new profile: watch for any process that
        # works in this run's folder, not for the first pids seen.
        wait_for(
            lambda: "soffice.bin" in descendants(first.pid).values(),
            "LibreOffice to start under `enabler pdf`",
        )
        work = list(private_tmp.glob(f"enabler-lo-{first.pid}-*"))
        assert len(work) == 1 and any(work[0].glob("in-*.pptx"))  # the deck's copy
        assert mentioning(str(work[0]))
        os.kill(first.pid, sig)
        first.communicate(timeout=WAIT_S)
        wait_for(lambda: not mentioning(str(work[0])), "LibreOffice to die with `enabler pdf`")
        assert work[0].exists()  # a killed process cleans nothing; the next run does

        second = enabler("pdf", deck, "--db", db_file, env=env)
        _, err = second.communicate(timeout=WAIT_S * 2)
        assert second.returncode == 0, err
        assert not work[0].exists()
        assert (tmp_path / "customer.pdf").read_bytes().startswith(b"%PDF")
        assert list(private_tmp.glob("enabler-lo-*")) == []


class DescribeAKilledIsolatedReader:
    def it_exits_when_its_parent_is_killed(self, tmp_path):
        code = (
            "import time\n"
            "from enabler.services.slides.isolated_read import run_isolated\n"
            "run_isolated(time.sleep, 600, name='x', outcome='y', time_s=600)\n"
        )
        parent = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
        children = wait_for(lambda: descendants(parent.pid), "the reader to start")
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=WAIT_S)
        wait_for(lambda: not running(children), "the reader to exit")
        assert running(children) == []


class DescribeSweepLeftovers:
    def it_removes_folders_of_dead_owners_only(self, private_tmp, monkeypatch):
        monkeypatch.setenv("TMPDIR", str(private_tmp))
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        )
        gone = private_tmp / f"enabler-lo-{dead.stdout.strip()}-abc"
        (gone / "profile").mkdir(parents=True)
        (gone / "in-0.pptx").write_bytes(b"customer deck")
        mine = private_tmp / f"enabler-lo-{os.getpid()}-def"
        mine.mkdir()
        alive_other = private_tmp / "enabler-thumbs-1-ghi"  # pid 1 always runs
        alive_other.mkdir()
        unrelated = private_tmp / "enabler-lo-notapid"
        unrelated.mkdir()
        assert sweep_leftovers(private_tmp) == [gone]
        assert not gone.exists() and mine.exists() and alive_other.exists()
        assert unrelated.exists()

    def it_names_new_folders_after_their_owner(self, private_tmp, monkeypatch):
        monkeypatch.setattr("tempfile.tempdir", str(private_tmp))
        folder = owned_tempdir("enabler-lo-")
        assert folder.parent == private_tmp and folder.name.startswith(f"enabler-lo-{os.getpid()}-")
