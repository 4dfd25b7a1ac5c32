"""What went wrong when the library could not be opened or written, in the user's terms.

SQLite reports a read-only disk, a full disk and a damaged file with a handful of generic
messages ("attempt to write a readonly database", "database or disk is full", "disk I/O
error", "unable to open database file"). These helpers look at the message and at the file's
location to tell the three apart, so nobody is told to restore a backup of intact data.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from enabler.errors import (
    DiskFull,
    EnablerError,
    Fix,
    Hint,
    LibraryBusy,
    LibraryReadOnly,
    is_lock_error,
)

LOW_SPACE_BYTES = 1024 * 1024  # less than this free: a "disk I/O error" is a full disk


def location_read_only(path: Path) -> bool:
    """True when `path` (a file, or the folder for a new one) cannot be written: a read-only
    mount, or no write permission on the file or on its folder (where -wal/-shm must go)."""
    target = path if path.exists() else path.parent
    with contextlib.suppress(OSError, AttributeError):
        if os.statvfs(target).f_flag & os.ST_RDONLY:
            return True
    folder = path.parent if path.exists() else target
    if path.exists() and not os.access(path, os.W_OK):
        return True
    return not os.access(folder, os.W_OK)


def disk_nearly_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent if path.parent.exists() else ".").free < (
            LOW_SPACE_BYTES
        )
    except OSError:
        return False


def write_error(exc: sqlite3.Error, path: Path | str) -> EnablerError | None:
    """The user-facing error for a failed write, or None when it is none of ours to name."""
    text = str(exc).lower()
    if is_lock_error(exc):
        return LibraryBusy.about(path)
    if "readonly" in text or "read-only" in text:
        return LibraryReadOnly.about(path)
    if "full" in text:
        return DiskFull.about(path)
    if "disk i/o error" in text and str(path) != ":memory:" and disk_nearly_full(Path(path)):
        return DiskFull.about(path)
    return None


def open_error(exc: sqlite3.Error, path: Path) -> EnablerError:
    """The user-facing error for a library that would not open."""
    known = write_error(exc, path)
    if known is not None:
        return known
    if isinstance(exc, sqlite3.OperationalError) and path.exists() and location_read_only(path):
        return LibraryReadOnly.about(path)
    return EnablerError(
        f"{path} is not a readable Enabler library ({exc}). "
        "Restore it from a backup or open another library file.",
        hint=Hint(Fix.GIVE, "db"),
    )
