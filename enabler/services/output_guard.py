"""No output file may land on the library, its journal files, or an input of the same command.

Every command that writes a file asks `check_outputs` first, before any work, so that a typo in
`--out` (or a `..`, a symlink or a hard link to the library) never overwrites data. The check
compares real paths (symlinks and `..` resolved) and, for files that exist, device and inode.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import sqlite_utils

from enabler.errors import OutputClash

JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")


def library_file(db: sqlite_utils.Database) -> Path | None:
    """The library's main file (None for an in-memory library)."""
    for _seq, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return Path(file)
    return None


def _real(path: Path | str) -> Path:
    return Path(os.path.abspath(Path(path).expanduser())).resolve()


def same_file(a: Path | str, b: Path | str) -> bool:
    """True when `a` and `b` name one file: equal real paths, or the same inode."""
    real_a, real_b = _real(a), _real(b)
    if os.path.normcase(real_a) == os.path.normcase(real_b):
        return True
    try:
        return os.path.samefile(real_a, real_b)
    except OSError:
        return False  # one of them does not exist yet: equal real paths was the only way


def check_outputs(
    outputs: Iterable[Path | str],
    *,
    db: sqlite_utils.Database | None = None,
    library: Path | str | None = None,
    inputs: Iterable[Path | str] = (),
) -> None:
    """Raise OutputClash if an output is the library (or its -wal/-shm/-journal) or an input."""
    library = library if library is not None else (library_file(db) if db is not None else None)
    inputs = [Path(p) for p in inputs]
    for out in (Path(p) for p in outputs):
        if library is not None:
            if same_file(out, library):
                raise OutputClash(out, library, "library")
            for base in {Path(library), _real(library)}:
                for suffix in JOURNAL_SUFFIXES:
                    journal = Path(f"{base}{suffix}")
                    if same_file(out, journal):
                        raise OutputClash(out, journal, "library journal")
        for source in inputs:
            if same_file(out, source):
                raise OutputClash(out, source, "input")
