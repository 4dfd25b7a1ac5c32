"""Several warm converters side by side, so a batch of decks converts in parallel.

LibreOffice does one thing at a time, so the only way to convert two decks at once is two
offices, each with its own profile folder and pipe (`Converter` gives each its own). The pool
starts an office only when a conversion needs one: converting one deck at a time never starts
a second. Same interface as `Converter`: `convert`, `convert_many`, `close`.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from enabler.errors import EnablerError, ExportFailed
from enabler.export.libreoffice import DEFAULT_TIMEOUT_S, Conversion, Converter


def default_workers() -> int:
    """Two offices where there are at least two cores (more rarely helps: memory and disk)."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


class ConverterPool:
    """Up to `workers` warm LibreOffices; thread-safe."""

    def __init__(self, workers: int | None = None, *, timeout: float = DEFAULT_TIMEOUT_S) -> None:
        self.workers = max(1, workers or default_workers())
        self.timeout = timeout
        self._idle: queue.LifoQueue[Converter] = queue.LifoQueue()
        self._made: list[Converter] = []
        self._lock = threading.Lock()

    def _take(self) -> Converter:
        # Reuse the most recently used office first (LIFO), so a second one starts only when
        # two conversions really overlap.
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if len(self._made) < self.workers:
                converter = Converter(timeout=self.timeout)
                self._made.append(converter)
                return converter
        return self._idle.get()

    def convert(self, src: Path | str, dst: Path | str) -> Path:
        converter = self._take()
        try:
            return converter.convert(src, dst)
        finally:
            self._idle.put(converter)

    def convert_many(self, jobs: Iterable[tuple[Path, Path]]) -> list[Conversion]:
        """Convert each (deck, pdf) pair, in parallel across the pool; results in job order."""
        jobs = list(jobs)

        def one(job: tuple[Path, Path]) -> Conversion:
            src, dst = job
            try:
                return Conversion(Path(src), self.convert(src, dst))
            except EnablerError as exc:
                return Conversion(Path(src), None, str(exc))

        if len(jobs) <= 1 or self.workers == 1:
            return [one(job) for job in jobs]
        with ThreadPoolExecutor(max_workers=min(self.workers, len(jobs))) as executor:
            return list(executor.map(one, jobs))

    @property
    def starts(self) -> int:
        return sum(c.starts for c in self._made)

    def close(self) -> None:
        with self._lock:
            for converter in self._made:
                converter.close()


_shared: ConverterPool | None = None
_shared_lock = threading.Lock()


def _env_number(name: str, default: float) -> float:
    raw = os.environ.get(name, "")
    try:
        return float(raw) if raw.strip() else default
    except ValueError:
        raise ExportFailed(f"{name}={raw!r} is not a number; fix or unset it.") from None


def shared_converter() -> ConverterPool:
    """The process-wide warm converters, started on first use.

    ENABLER_PDF_TIMEOUT (seconds per file) and ENABLER_PDF_WORKERS (offices) tune them.
    """
    global _shared
    with _shared_lock:
        if _shared is None:
            timeout = _env_number("ENABLER_PDF_TIMEOUT", DEFAULT_TIMEOUT_S)
            workers = int(_env_number("ENABLER_PDF_WORKERS", default_workers()))
            _shared = ConverterPool(workers, timeout=timeout)
        return _shared
