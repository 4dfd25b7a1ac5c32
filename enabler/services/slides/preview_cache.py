"""Where slide previews are kept between renders: a small in-memory LRU over files on disk.

Keys are content hashes (see `enabler.services.slides.previews`), so an entry never goes stale:
a changed plan simply has another key. Disk entries are zip files written atomically; one that
cannot be read (truncated, corrupt, an older format) counts as a miss and is rendered again.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from enabler.errors import EnablerError
from enabler.export.atomic import write_atomic
from enabler.store.connection.paths import APP_NAME

FORMAT = 1
DISK_ENTRIES = 100  # ~300 KB each: the newest hundred decks stay, older ones are deleted
_PNG = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True, slots=True)
class SlidePreview:
    """One slide's picture and what it belongs to."""

    number: int  # 1-based position in the deck
    label: str  # "Title slide", "Agenda" or the module's title
    module_key: str  # "" for the title slide and the agenda (they are not modules)
    png: bytes


def default_folder() -> Path:
    """`ENABLER_CACHE_DIR` if set, else previews/ in the user's cache directory."""
    env = os.environ.get("ENABLER_CACHE_DIR")
    root = Path(env).expanduser() if env else Path(platformdirs.user_cache_dir(APP_NAME, False))
    return root / "previews"


class PreviewCache:
    """Thread-safe: previews are rendered on worker threads."""

    def __init__(
        self, folder: Path | None = None, capacity: int = 24, disk_entries: int = DISK_ENTRIES
    ) -> None:
        self.folder = folder
        self.capacity = capacity
        self.disk_entries = disk_entries
        self._memory: OrderedDict[str, tuple[SlidePreview, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[SlidePreview, ...] | None:
        with self._lock:
            if key in self._memory:
                self._memory.move_to_end(key)
                return self._memory[key]
        slides = self._read(key)
        if slides is not None:
            self._remember(key, slides)
        return slides

    def put(self, key: str, slides: tuple[SlidePreview, ...]) -> None:
        self._remember(key, slides)
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self._path(key), _writer(slides))
            self._prune()
        except (OSError, EnablerError):
            pass  # a cache that cannot be written only means rendering again next time

    def _prune(self) -> None:
        """Delete the least recently used files beyond `disk_entries` (reads touch a file)."""
        assert self.folder is not None
        entries = []
        for path in self.folder.glob("*.zip"):
            with contextlib.suppress(OSError):  # another process may delete it first
                entries.append((path.stat().st_mtime, path))
        for _, path in sorted(entries, reverse=True)[self.disk_entries :]:
            with contextlib.suppress(OSError):
                path.unlink()

    def forget_memory(self) -> None:
        with self._lock:
            self._memory.clear()

    def _remember(self, key: str, slides: tuple[SlidePreview, ...]) -> None:
        with self._lock:
            self._memory[key] = slides
            self._memory.move_to_end(key)
            while len(self._memory) > self.capacity:
                self._memory.popitem(last=False)

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key}.zip"

    def _read(self, key: str) -> tuple[SlidePreview, ...] | None:
        if self.folder is None:
            return None
        path = self._path(key)
        try:
            with zipfile.ZipFile(path) as zf:
                manifest = json.loads(zf.read("manifest.json"))
                if manifest.get("format") != FORMAT:
                    return None
                slides = []
                for item in manifest["slides"]:
                    png = zf.read(f"{int(item['number']):03d}.png")
                    if not png.startswith(_PNG):
                        return None
                    slides.append(
                        SlidePreview(
                            int(item["number"]), str(item["label"]), str(item["module_key"]), png
                        )
                    )
        except FileNotFoundError:
            return None
        except (OSError, zipfile.BadZipFile, AttributeError, KeyError, TypeError, ValueError):
            return None  # corrupt or foreign: ignored, rendered again and overwritten
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return tuple(slides)


def _writer(slides: tuple[SlidePreview, ...]) -> Callable:
    manifest = {
        "format": FORMAT,
        "slides": [
            {"number": s.number, "label": s.label, "module_key": s.module_key} for s in slides
        ],
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:  # PNGs are compressed already
        zf.writestr("manifest.json", json.dumps(manifest))
        for s in slides:
            zf.writestr(f"{s.number:03d}.png", s.png)
    data = buf.getvalue()
    return lambda fh: fh.write(data)


_default: PreviewCache | None = None
_default_lock = threading.Lock()


def default_cache() -> PreviewCache:
    """The process-wide cache over `default_folder()`."""
    global _default
    with _default_lock:
        if _default is None or _default.folder != default_folder():
            _default = PreviewCache(default_folder())
        return _default
