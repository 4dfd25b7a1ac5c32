"""Open the library database with the pragmas a desktop app needs, and migrate it."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from enabler.errors import EnablerError, LibraryBusy, SchemaTooNew, is_lock_error
from enabler.store.migrations import MIGRATIONS, STEP_NAMES
from enabler.store.paths import default_db_path

BUSY_TIMEOUT_S = 10.0


def open_db(path: Path | str | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the library at `path`."""
    path = Path(path) if path is not None else default_db_path()
    if str(path) != ":memory:":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EnablerError(
                f"Cannot create the folder for the library {path}: {exc.strerror}. "
                "Choose another location with --db PATH."
            ) from exc
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        check_schema_version(db)
        MIGRATIONS.apply(db)
    except sqlite3.OperationalError as exc:
        if is_lock_error(exc):
            raise LibraryBusy.about(path) from exc
        raise EnablerError(
            f"{path} is not a readable Enabler library ({exc}). "
            "Restore it from a backup or point --db at another file."
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise EnablerError(
            f"{path} is not a readable Enabler library ({exc}). "
            "Restore it from a backup or point --db at another file."
        ) from exc
    return db


def check_schema_version(db: sqlite_utils.Database) -> None:
    """Refuse a database that has migrations this version does not know."""
    unknown = [m.name for m in MIGRATIONS.applied(db) if m.name not in STEP_NAMES]
    if unknown:
        raise SchemaTooNew(
            f"This library was written by a newer version of Enabler (schema step "
            f"{unknown[-1]!r} is unknown here). Upgrade Enabler to open it."
        )


def _db_file(db: sqlite_utils.Database) -> str:
    row = db.conn.execute("PRAGMA database_list").fetchone()
    return row[2] if row and row[2] else "in memory"


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction taken up front (BEGIN IMMEDIATE) so conflicts surface early.

    Nested use becomes a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if is_lock_error(exc):
            raise LibraryBusy.about(_db_file(db)) from exc
        raise
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.conn.execute("COMMIT")
