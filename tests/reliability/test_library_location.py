"""A library on a read-only disk, a full disk, or from a newer Enabler: reads work where they can,
writes say exactly why they cannot happen, and the library is never changed."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import subprocess

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from enabler.errors import DiskFull, LibraryReadOnly, SchemaTooNew
from enabler.store.connection import db as db_module
from enabler.store.connection import open_errors
from enabler.store.connection.db import open_db, schema_version
from tests.reliability.helpers import dump


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def lib(small_library, tmp_path):
    """The small library's path, checkpointed and closed so only the commands touch it."""
    small_library.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    small_library.conn.close()
    return tmp_path / "library.db"


@pytest.fixture
def read_only_disk(monkeypatch):
    """The library's folder behaves as a read-only mount (the statvfs flag SQLite cannot see
    is the only simulated part; SQLite itself opens the file read-only and refuses writes)."""
    monkeypatch.setattr(db_module, "location_read_only", lambda path: True)


@pytest.fixture
def full_disk(monkeypatch):
    """Every connection the command opens may not grow the file by a single page: SQLite's
    own "database or disk is full" (SQLITE_FULL), as on a disk with no space left."""
    real = db_module._connect

    def connect(path, read_only):
        conn = real(path, read_only)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    monkeypatch.setattr(db_module, "_connect", connect)


class DescribeReadOnlyLibrary:
    def it_lists_prospects(self, lib, read_only_disk):
        result = run("prospects", "list", "--db", lib)
        assert result.exit_code == 0, result.output
        assert "Acme Clinics" in result.output

    def it_says_a_write_is_impossible_because_the_file_is_read_only(self, lib, read_only_disk):
        sha = digest(lib)
        before = dump(open_db(lib))
        result = run(
            "insights", "add", "--prospect", "Acme Clinics", "--kind", "pain", "--text", "x",
            "--db", lib,
        )  # fmt: skip
        assert result.exit_code == 1
        assert "is read-only" in result.output and "nothing was changed" in result.output
        assert "Internal error" not in result.output and "backup" not in result.output
        assert digest(lib) == sha
        assert dump(open_db(lib)) == before

    def it_refuses_to_create_a_library_there(self, tmp_path, read_only_disk):
        with pytest.raises(LibraryReadOnly):
            open_db(tmp_path / "new.db")
        assert not (tmp_path / "new.db").exists()


class DescribeFullDisk:
    def it_says_the_disk_is_full_when_adding_an_insight(self, lib, full_disk):
        before = dump(open_db(lib))
        result = run(
            "insights", "add", "--prospect", "Acme Clinics", "--kind", "pain", "--text",
            "backlog " * 5000, "--db", lib,
        )  # fmt: skip
        assert result.exit_code == 1, result.output
        assert "disk holding the library" in result.output and "is full" in result.output
        assert "Internal error" not in result.output and "backup" not in result.output
        assert dump(open_db(lib)) == before

    def it_calls_an_io_error_on_a_nearly_full_disk_a_full_disk(self, lib, monkeypatch):
        def connect(path, read_only):
            raise sqlite3.OperationalError("disk I/O error")

        monkeypatch.setattr(db_module, "_connect", connect)
        monkeypatch.setattr(open_errors, "disk_nearly_full", lambda path: True)
        with pytest.raises(DiskFull):
            open_db(lib)

    def it_says_the_disk_is_full_at_open(self, tmp_path, monkeypatch):
        # A library that needs its migrations on a disk with no room for them.
        path = tmp_path / "old.db"
        sqlite3.connect(path).close()
        real = db_module._connect

        def connect(p, read_only):
            conn = real(p, read_only)
            conn.execute("PRAGMA max_page_count = 1")
            return conn

        monkeypatch.setattr(db_module, "_connect", connect)
        with pytest.raises(DiskFull, match="is full") as err:
            open_db(path)
        assert "backup" not in str(err.value)


class DescribeLibraryFromTheFuture:
    def it_refuses_a_schema_version_above_ours_without_writing(self, lib):
        conn = sqlite3.connect(lib)
        conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
        conn.execute("PRAGMA journal_mode = DELETE")  # so any write would show in the file
        conn.close()
        sha = digest(lib)
        with pytest.raises(SchemaTooNew, match="newer version of Enabler"):
            open_db(lib)
        result = run("prospects", "add", "Globex", "--db", lib)
        assert result.exit_code == 1 and "newer version of Enabler" in result.output
        assert digest(lib) == sha
        assert not (lib.parent / "library.db-wal").exists()

    def it_refuses_an_unknown_migration_record_without_writing(self, lib):
        conn = sqlite3.connect(lib)
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('enabler', 'm9999_future', '2099-01-01')"
        )
        conn.commit()
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        sha = digest(lib)
        with pytest.raises(SchemaTooNew):
            open_db(lib)
        assert digest(lib) == sha

    def it_stamps_our_schema_version(self, db):
        assert db.execute("PRAGMA user_version").fetchone()[0] == schema_version()


def _mount_tmpfs(folder, size: str) -> bool:
    """Mount a small tmpfs on `folder` (root only); False when this machine does not allow it."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A 40 MB tmpfs holding a copy of a library (skipped where mounting is not allowed)."""
    folder = tmp_path / "mnt"
    folder.mkdir()
    if not _mount_tmpfs(folder, "40m"):
        pytest.skip("mounting a tmpfs needs root; the simulated cases above cover CI")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


class DescribeARealSmallDisk:
    def it_reads_a_library_on_a_read_only_mount_and_refuses_writes(self, small_disk, lib):
        path = small_disk / "library.db"
        open_db(lib).conn.execute("VACUUM INTO ?", [str(path)])
        subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
        listed = run("prospects", "list", "--db", path)
        assert listed.exit_code == 0 and "Acme Clinics" in listed.output
        added = run(
            "insights", "add", "--prospect", "Acme Clinics", "--kind", "pain", "--text", "x",
            "--db", path,
        )  # fmt: skip
        assert added.exit_code == 1 and "is read-only" in added.output

    def it_says_the_disk_is_full(self, small_disk, lib):
        path = small_disk / "library.db"
        open_db(lib).conn.execute("VACUUM INTO ?", [str(path)])
        with open(small_disk / "filler", "wb") as fh, contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * (1024 * 1024))
        added = run(
            "insights", "add", "--prospect", "Acme Clinics", "--kind", "pain", "--text",
            "backlog " * 5000, "--db", path,
        )  # fmt: skip
        assert added.exit_code == 1
        assert "is full" in added.output and "backup" not in added.output
        (small_disk / "filler").unlink()
        assert "Acme Clinics" in run("prospects", "list", "--db", path).output
