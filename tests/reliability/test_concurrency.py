"""Two writers on one library: no lost update, no "database is locked" reaching the user, and a
save based on stale data is reported as a conflict instead of overwriting the other's work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from enabler.domain.profile import make_profile
from enabler.errors import Conflict
from enabler.services.library.revisions import ModuleEdit, edit_module, working_copy
from enabler.store.connection.db import open_db

ROOT = Path(__file__).resolve().parents[2]
LENA = make_profile("Lena Brandt", "marketing")
EDITS = 6


def db_file(db) -> Path:
    return Path(db.conn.execute("PRAGMA database_list").fetchone()[2])


def writers(path: Path, tags: list[str]) -> list[str]:
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.reliability.edit_child",
                path,
                "pillars",
                tag,
                str(EDITS),
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in tags
    ]
    for proc in procs:
        assert proc.stdout.readline().strip() == "READY"
    for proc in procs:  # release both at once
        proc.stdin.write("go\n")
        proc.stdin.flush()
    lines = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err, err
        lines += out.splitlines()
    return lines


class DescribeTwoWriters:
    def it_loses_no_update_and_never_says_locked(self, small_library):
        path = db_file(small_library)
        start = working_copy(small_library, "pillars").snapshot.content["bullets"]
        lines = writers(path, ["a", "b"])
        assert not [line for line in lines if line.startswith("ERROR")], lines
        assert not [line for line in lines if "locked" in line.lower()], lines
        for line in lines:
            if line.startswith("CONFLICT"):
                assert "changed by someone else" in line
        final = working_copy(open_db(path), "pillars").snapshot.content["bullets"]
        expected = [f"{tag}-{i}" for tag in "ab" for i in range(EDITS)]
        assert sorted(final[len(start) :]) == sorted(expected)  # every edit is there, once
        assert list(final[: len(start)]) == list(start)

    def it_reports_a_stale_save_as_a_conflict(self, small_library):
        other = open_db(db_file(small_library))  # a second window / the CLI
        mine = working_copy(small_library, "pillars")
        theirs = working_copy(other, "pillars")
        edit_module(
            other,
            LENA,
            "pillars",
            ModuleEdit(content={"bullets": ["theirs"]}),
            expected=theirs.status.row_version,
        )
        with pytest.raises(Conflict, match="changed by someone else"):
            edit_module(
                small_library,
                LENA,
                "pillars",
                ModuleEdit(content={"bullets": ["mine"]}),
                expected=mine.status.row_version,
            )
        assert working_copy(small_library, "pillars").snapshot.content["bullets"] == ["theirs"]
