"""Temporary folders that name their owner, and the sweep that removes those of dead owners.

LibreOffice works in a private folder (`enabler-lo-…`, `enabler-thumbs-…`) holding its profile
and a copy of the customer's deck. A normal exit removes it; `kill -9` or a power cut cannot.
Each folder's name carries the owning process id, so the next run removes every folder of
ours whose owner is no longer running (and never one of a process that still is).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

PREFIXES = ("enabler-lo-", "enabler-thumbs-")
_OWNED = re.compile(r"^(?:" + "|".join(map(re.escape, PREFIXES)) + r")(\d+)-")
_swept: set[str] = set()
_lock = threading.Lock()


def owned_tempdir(prefix: str) -> Path:
    """A new temporary folder named `prefix<pid>-…` (the sweep's key to its owner)."""
    sweep_once()
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process, or nothing we may judge: leave it
    return True


def sweep_leftovers(root: Path | str | None = None) -> list[Path]:
    """Remove our temporary folders under `root` (default: the temp dir) whose owner is gone."""
    root = Path(root or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(root))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        match = _OWNED.match(entry.name)
        if not match or not entry.is_dir(follow_symlinks=False):
            continue
        with contextlib.suppress(OSError):
            if uid is not None and entry.stat(follow_symlinks=False).st_uid != uid:
                continue
            if not _alive(int(match.group(1))):
                shutil.rmtree(entry.path, ignore_errors=True)
                removed.append(Path(entry.path))
    return removed


def sweep_once() -> None:
    """`sweep_leftovers` for the current temp dir, once per process."""
    root = tempfile.gettempdir()
    with _lock:
        if root in _swept:
            return
        _swept.add(root)
    sweep_leftovers(root)
