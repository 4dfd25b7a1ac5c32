"""Font metrics kept on disk between runs: a build process need not parse font files again.

Reading a font's width table with fontTools costs more than the rest of a small build's text
measuring (and importing fontTools is a good part of a CLI start). What text fit needs from a
font file (family, weight, italic, line height, the advance of each code point) is small, so it
is written once per file as JSON under the user's cache folder (`ENABLER_CACHE_DIR` if set),
keyed by the file's path, size and modification time. The cache is only an optimisation: a
file that cannot be read or written is ignored and the font is read from the font file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1


@dataclass(frozen=True, slots=True)
class FontMetrics:
    family: str
    weight: int
    italic: bool
    line_em: float
    advances: dict[int, float]  # code point → advance in em


def cache_folder() -> Path:
    env = os.environ.get("ENABLER_CACHE_DIR")
    if env:
        return Path(env).expanduser() / "fonts"
    import platformdirs

    return Path(platformdirs.user_cache_dir("Enabler", False)) / "fonts"


def _entry(font: Path, folder: Path) -> Path | None:
    try:
        st = font.stat()
    except OSError:
        return None
    key = f"{FORMAT}|{font.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    return folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"


def load(font: Path, folder: Path | None = None) -> FontMetrics | None:
    """The cached metrics of `font`, or None (not cached, changed since, or unreadable)."""
    entry = _entry(font, folder or cache_folder())
    if entry is None:
        return None
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        return FontMetrics(
            family=str(data["family"]),
            weight=int(data["weight"]),
            italic=bool(data["italic"]),
            line_em=float(data["line_em"]),
            advances={int(cp): float(em) for cp, em in data["advances"].items()},
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def store(font: Path, metrics: FontMetrics, folder: Path | None = None) -> None:
    """Remember `metrics` for `font` (atomically; silently skipped when the folder is not
    writable)."""
    folder = folder or cache_folder()
    entry = _entry(font, folder)
    if entry is None:
        return
    data = {
        "family": metrics.family,
        "weight": metrics.weight,
        "italic": metrics.italic,
        "line_em": metrics.line_em,
        "advances": metrics.advances,
    }
    tmp = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, separators=(",", ":"))
        os.replace(tmp, entry)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
