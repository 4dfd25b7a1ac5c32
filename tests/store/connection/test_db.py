"""Opening, migrating and refusing library files."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from enabler.errors import EnablerError, LibraryBusy, SchemaTooNew, is_lock_error
from enabler.store.connection.db import default_db_path, open_db, transaction
from enabler.store.migrations import STEP_NAMES


class DescribeOpenDb:
    def it_migrates_an_empty_file_to_the_full_schema(self, tmp_path):
        db = open_db(tmp_path / "new.db")
        for table in (
            "modules",
            "module_versions",
            "assets",
            "prospects",
            "contacts",
            "insights",
            "decks",
            "audit_log",
        ):
            assert db[table].exists(), table
        applied = [r["name"] for r in db["_sqlite_migrations"].rows]
        assert applied == STEP_NAMES

    def it_sets_wal_foreign_keys_and_busy_timeout(self, tmp_path):
        db = open_db(tmp_path / "new.db")
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000

    def it_reopens_without_reapplying(self, tmp_path):
        open_db(tmp_path / "a.db")
        db = open_db(tmp_path / "a.db")
        assert db["_sqlite_migrations"].count == len(STEP_NAMES)

    def it_refuses_a_library_from_a_newer_version(self, tmp_path):
        db = open_db(tmp_path / "a.db")
        db["_sqlite_migrations"].insert(
            {"migration_set": "enabler", "name": "m9999_future", "applied_at": "2099-01-01"}
        )
        db.conn.commit()
        with pytest.raises(SchemaTooNew, match="newer version of Enabler"):
            open_db(tmp_path / "a.db")

    def it_explains_a_file_that_is_not_a_database(self, tmp_path):
        bad = tmp_path / "junk.db"
        bad.write_bytes(b"this is not sqlite" * 100)
        with pytest.raises(EnablerError, match="not a readable Enabler library"):
            open_db(bad)
        assert bad.read_bytes() == b"this is not sqlite" * 100

    def it_uses_enabler_db_from_the_environment(self, tmp_path, monkeypatch):
        monkeypatch.setenv("ENABLER_DB", str(tmp_path / "env.db"))
        assert default_db_path() == tmp_path / "env.db"

    def it_enforces_foreign_keys(self, db):
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("INSERT INTO contacts (prospect_id, name) VALUES (999, 'x')")


class DescribeOpeningWithoutNumpy:
    """sqlite-utils would import numpy at import time; a library opens without it."""

    def _run(self, code: str) -> list[str]:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout.split()

    def it_opens_and_writes_a_library_without_importing_numpy(self, tmp_path):
        code = (
            "import sys\nfrom enabler.store.connection.db import open_db\n"
            f"db = open_db({str(tmp_path / 'lib.db')!r})\n"
            "db['t'].insert({'a': 1.5})\n"
            "print('numpy' in sys.modules, list(db['t'].rows) == [{'a': 1.5}])"
        )
        assert self._run(code) == ["False", "True"]

    def it_leaves_numpy_importable_afterwards(self):
        code = (
            "import enabler.store.connection.db, sqlite_utils.db\n"
            "import numpy\n"
            "print(sqlite_utils.db.np is None, int(numpy.arange(4).sum()))"
        )
        assert self._run(code) == ["True", "6"]

    def it_lets_sqlite_utils_use_numpy_already_loaded(self):
        code = (
            "import numpy, sys, enabler.store.connection.db, sqlite_utils.db\n"
            "print(sqlite_utils.db.np is numpy, any(type(f).__module__ == 'enabler' "
            "for f in sys.meta_path))"
        )
        assert self._run(code) == ["True", "False"]  # and the hook is gone


class DescribeTransaction:
    def it_rolls_back_everything_on_error(self, db):
        with pytest.raises(RuntimeError), transaction(db):
            db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
            raise RuntimeError
        assert db["settings"].count == 0

    def it_nests_as_a_savepoint(self, db):
        with transaction(db):
            db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
            with pytest.raises(RuntimeError), transaction(db):
                db.execute("INSERT INTO settings (key, value) VALUES ('b', '2')")
                raise RuntimeError
        assert [r["key"] for r in db["settings"].rows] == ["a"]


class DescribeABusyLibrary:
    """Another program holding the write lock: a sentence that says so, nothing changed."""

    def it_says_the_library_is_busy_when_a_write_cannot_start(self, tmp_path, monkeypatch):
        monkeypatch.setattr("enabler.store.connection.db.BUSY_TIMEOUT_S", 0.1)
        path = tmp_path / "lib.db"
        db = open_db(path)
        other = sqlite3.connect(path)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(LibraryBusy, match="busy: another Enabler window"), transaction(db):
                db.execute("INSERT INTO settings (key, value) VALUES ('a', '1')")
        finally:
            other.rollback()
        assert db["settings"].count == 0

    def it_says_so_when_the_file_is_locked_while_opening(self, tmp_path, monkeypatch):
        monkeypatch.setattr("enabler.store.connection.db.BUSY_TIMEOUT_S", 0.1)
        path = tmp_path / "lib.db"
        open_db(path).conn.close()
        other = sqlite3.connect(path)
        other.execute("PRAGMA journal_mode = DELETE")
        other.execute("BEGIN EXCLUSIVE")
        try:
            with pytest.raises(LibraryBusy) as caught:
                open_db(path)
        finally:
            other.rollback()
        assert "not a readable" not in str(caught.value)

    def it_knows_a_lock_by_sqlites_result_code_not_by_its_wording(self, tmp_path):
        path = tmp_path / "lib.db"
        first = sqlite3.connect(path)
        first.execute("CREATE TABLE t (x)")
        first.commit()
        first.execute("BEGIN EXCLUSIVE")
        second = sqlite3.connect(path, timeout=0.01)
        try:
            with pytest.raises(sqlite3.OperationalError) as caught:
                second.execute("SELECT * FROM t")
        finally:
            first.rollback()
        assert is_lock_error(caught.value)
        # Words alone are not enough: a message that merely mentions a lock is something else.
        assert not is_lock_error(sqlite3.OperationalError("database is locked"))
        assert not is_lock_error(sqlite3.OperationalError("no such table: busy_locked"))
