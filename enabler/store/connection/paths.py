"""Where the library lives (kept free of heavy imports: the app reads it before first paint)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "Enabler"


def default_db_path() -> Path:
    """`ENABLER_DB` if set, else library.db in the user's data directory."""
    env = os.environ.get("ENABLER_DB")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "library.db"
