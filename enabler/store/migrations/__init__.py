"""Numbered schema migrations, applied in order and recorded in the database.

Each step is a module `mNNNN_name.py` in this package with an `apply(db)` function; steps are
found by name and applied in number order, each in its own transaction with its record.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from sqlite_utils import Migrations

_STEP = re.compile(r"m\d{4}_\w+")

STEP_NAMES = sorted(
    info.name for info in pkgutil.iter_modules(__path__) if _STEP.fullmatch(info.name)
)

MIGRATIONS = Migrations("enabler")

for _name in STEP_NAMES:
    MIGRATIONS(name=_name)(importlib.import_module(f"{__name__}.{_name}").apply)
