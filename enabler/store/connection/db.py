"""Open the library database with the pragmas a desktop app needs, and migrate it."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from enabler.errors import EnablerError, Fix, Hint, LibraryReadOnly, SchemaTooNew
from enabler.store.connection.open_errors import location_read_only, open_error, write_error
from enabler.store.connection.paths import default_db_path
from enabler.store.migrations import MIGRATIONS, STEP_NAMES

BUSY_TIMEOUT_S = 10.0


def open_db(path: Path | str | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the library at `path`.

    A library on a read-only disk (or without write permission) opens read-only: reads work,
    and every write says the file is read-only. A library written by a newer Enabler (unknown
    migration steps, or a schema version above ours) is refused before anything is written.
    """
    path = Path(path) if path is not None else default_db_path()
    memory = str(path) == ":memory:"
    if not memory:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EnablerError(
                f"Cannot create the folder for the library {path}: {exc.strerror}. "
                "Choose another location.",
                hint=Hint(Fix.GIVE, "db"),
            ) from exc
    read_only = not memory and location_read_only(path)
    if read_only and not path.exists():
        raise LibraryReadOnly.about(path)
    try:
        conn = _connect(path, read_only)
        db = sqlite_utils.Database(conn, execute_plugins=False)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        check_schema_version(db)  # before the first write: a newer library stays untouched
        if read_only:
            if MIGRATIONS.pending(db):
                raise LibraryReadOnly.about(path)  # it needs an upgrade that cannot be written
            return db
        if not memory:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        MIGRATIONS.apply(db)
        _stamp_schema_version(db)
    except sqlite3.DatabaseError as exc:
        raise open_error(exc, path) from exc
    return db


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if not read_only:
        return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.OperationalError:
        # A WAL library on read-only media cannot get its -shm file. With no -wal file (or an
        # empty one) there is nothing outside the main file, so it can be read as immutable.
        wal = Path(f"{path}-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise
        conn.close()
        conn = sqlite3.connect(f"{uri}&immutable=1", uri=True, timeout=BUSY_TIMEOUT_S)
    return conn


def schema_version() -> int:
    """This Enabler's schema version: the number of its last migration step (m0009_… → 9)."""
    return max((int(name[1:5]) for name in STEP_NAMES), default=0)


def _stamp_schema_version(db: sqlite_utils.Database) -> None:
    if db.execute("PRAGMA user_version").fetchone()[0] != schema_version():
        db.conn.execute(f"PRAGMA user_version = {schema_version()}")


def check_schema_version(db: sqlite_utils.Database) -> None:
    """Refuse a database that has migrations, or a schema version, this version does not know."""
    unknown = [m.name for m in MIGRATIONS.applied(db) if m.name not in STEP_NAMES]
    if unknown:
        raise SchemaTooNew(
            f"This library was written by a newer version of Enabler (schema step "
            f"{unknown[-1]!r} is unknown here). Upgrade Enabler to open it."
        )
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > schema_version():
        raise SchemaTooNew(
            f"This library was written by a newer version of Enabler (schema version "
            f"{version}; this one knows up to {schema_version()}). Upgrade Enabler to open it."
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
        raise write_error(exc, _db_file(db)) or exc from exc
    try:
        yield db
    except sqlite3.OperationalError as exc:
        _rollback(db)
        raise write_error(exc, _db_file(db)) or exc from exc
    except BaseException:
        _rollback(db)
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            _rollback(db)
            raise write_error(exc, _db_file(db)) or exc from exc


def _rollback(db: sqlite_utils.Database) -> None:
    with contextlib.suppress(sqlite3.Error):
        db.conn.rollback()
