"""Which library file the shells open, and opening it (created and migrated on first use)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from enabler.store.connection.db import open_db
from enabler.store.connection.paths import default_db_path


def open_library(path: Path | str | None = None) -> sqlite_utils.Database:
    """The library at `path` (default: `default_library_path()`), ready to use."""
    return open_db(path)


def default_library_path() -> Path:
    """`ENABLER_DB` if set, else library.db in the user's data directory."""
    return default_db_path()
