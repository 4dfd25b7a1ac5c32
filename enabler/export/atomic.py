"""Write files so that a crash, a full disk or an error never leaves a half-written file."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from enabler.errors import ExportFailed, Fix, Hint


def write_atomic(path: Path | str, write: Callable[[BinaryIO], object]) -> Path:
    """Call `write(fileobj)` on a temp file beside `path`, fsync it, then rename over `path`.

    On any failure the temp file is removed and `path` is left as it was.
    """
    path = Path(path).expanduser()
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportFailed(
            f"The folder {folder} does not exist. Create it or choose another output file.",
            hint=Hint(Fix.GIVE, "out"),
        )
    if path.is_dir():
        raise ExportFailed(f"{path} is a folder. Give a file name, e.g. {path / 'deck.pptx'}.")
    _remove_stale_temps(folder, path.name)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportFailed(_explain(exc, folder)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise ExportFailed(_explain(exc, path)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return path


STALE_TEMP_AGE_S = 3600


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Temp files a killed process left for this output (an hour old: no live writer's)."""
    now = time.time()
    for tmp in folder.glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if now - tmp.stat().st_mtime > STALE_TEMP_AGE_S:
                tmp.unlink()


def ensure_folder(folder: Path) -> Path:
    """Create `folder` (and parents) if needed, with a clear message when that is impossible."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportFailed(
            f"Cannot create the folder {folder}: {exc.strerror or exc}. Choose another location."
        ) from exc
    return folder


def _explain(exc: OSError, where: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"The disk is full; nothing was written to {where}. Free some space and try again."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"No permission to write {where}. Choose a folder you can write to."
    return f"Could not write {where}: {exc.strerror or exc}. Nothing was changed."
