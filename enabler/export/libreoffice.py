"""Deck → PDF through one LibreOffice kept warm for the life of the process.

A small bridge script (`uno_bridge.py`) runs under a Python that has LibreOffice's `uno` module
and keeps one `soffice --headless` listening on a private pipe, with its own profile folder and
the project's fonts. Enabler talks to it over a line protocol. Each file has a timeout; a hang or
crash kills the bridge's whole process group and the next file starts a fresh office. One lock
serialises requests, so any thread may call `convert`. Without a `uno`-capable Python the
converter falls back to one cold `soffice --convert-to pdf` per file. The bridge is leashed
(`leash.py`): if Enabler is killed, LibreOffice dies with it, and the next run removes the work
folder left behind (`leftovers.py`).
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import json
import queue
import shutil
import subprocess
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from enabler.errors import EnablerError, ExportFailed, Fix, Hint
from enabler.export import soffice as lo
from enabler.export.atomic import write_atomic
from enabler.export.leash import popen_leashed
from enabler.export.leftovers import owned_tempdir

BRIDGE = Path(__file__).with_name("uno_bridge.py")
DEFAULT_TIMEOUT_S = 120.0
DEFAULT_START_TIMEOUT_S = 90.0


@dataclass(frozen=True, slots=True)
class Conversion:
    """The outcome of one file in a batch: the PDF written, or why not."""

    source: Path
    pdf: Path | None
    error: str = ""


class Converter:
    """One warm LibreOffice. Thread-safe; `close()` (or interpreter exit) stops it."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT_S,
        start_timeout: float = DEFAULT_START_TIMEOUT_S,
        soffice: str | None = None,
        uno_python: str | None = None,
        warm: bool = True,
    ) -> None:
        self.timeout = timeout
        self.start_timeout = start_timeout
        self._soffice = soffice
        self._uno_python = uno_python
        self._warm = warm
        self._lock = threading.Lock()
        self._proc: subprocess.Popen | None = None
        self._replies: queue.Queue = queue.Queue()
        self._workdir: Path | None = None
        self._counter = itertools.count()
        self.starts = 0  # how many times an office was started (tests watch restarts)
        atexit.register(self.close)

    # -- public -------------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """'warm' when a uno-capable Python is there, else 'cold'."""
        return "warm" if self._bridge_python() else "cold"

    @property
    def process_group(self) -> int | None:
        """The bridge's process group id while it runs (LibreOffice is inside it)."""
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def convert(self, src: Path | str, dst: Path | str) -> Path:
        """Convert the deck `src` to the PDF `dst` (written atomically). Raises EnablerError."""
        src, dst = Path(src).expanduser(), Path(dst).expanduser()
        lo.check_pptx(src)
        if not dst.parent.is_dir():
            raise ExportFailed(f"The folder {dst.parent} does not exist. Create it first.")
        with self._lock:
            work = self._ensure_workdir()
            n = next(self._counter)
            # A private snapshot: the deck may be rewritten or converted twice at once.
            staged = work / f"in-{n}.pptx"
            produced = work / f"out-{n}.pdf"
            shutil.copyfile(src, staged)
            try:
                if self._bridge_python():
                    self._convert_warm(staged, produced, src.name)
                else:
                    produced = self._convert_cold(staged, work, n, src.name)
                data = produced.read_bytes()
            finally:
                for leftover in (staged, produced):
                    with contextlib.suppress(OSError):
                        leftover.unlink()
        if not data.startswith(b"%PDF"):
            raise ExportFailed(f"LibreOffice produced no valid PDF for {src.name}.")
        return write_atomic(dst, lambda fh: fh.write(data))

    def convert_many(self, jobs: Iterable[tuple[Path, Path]]) -> list[Conversion]:
        """Convert each (deck, pdf) pair; one failure does not stop the others."""
        results = []
        for src, dst in jobs:
            try:
                results.append(Conversion(Path(src), self.convert(src, dst)))
            except EnablerError as exc:
                results.append(Conversion(Path(src), None, str(exc)))
        return results

    def close(self) -> None:
        """Stop LibreOffice and remove the private profile. Safe to call twice."""
        with self._lock:
            self._stop(graceful=True)
            if self._workdir is not None:
                shutil.rmtree(self._workdir, ignore_errors=True)
                self._workdir = None

    # -- internals ------------------------------------------------------------------------------

    def _bridge_python(self) -> str | None:
        if not self._warm:
            return None
        if self._uno_python is None:
            self._uno_python = lo.find_uno_python() or ""
        return self._uno_python or None

    def _ensure_workdir(self) -> Path:
        if self._workdir is None or not self._workdir.is_dir():
            self._workdir = owned_tempdir("enabler-lo-")
            lo.write_fontconfig(self._workdir)
        return self._workdir

    def _env(self) -> dict:
        assert self._workdir is not None
        return lo.office_env(self._workdir / "fonts.conf")

    def _convert_cold(self, staged: Path, work: Path, n: int, name: str) -> Path:
        soffice = self._soffice or lo.find_soffice()
        out_dir = work / f"cold-{n}"
        out_dir.mkdir()
        try:
            made = lo.cold_convert(
                soffice, staged, out_dir, work / "profile", self._env(), self.timeout
            )
            final = work / f"out-{n}.pdf"
            made.replace(final)
            return final
        except ExportFailed as exc:
            raise ExportFailed(f"{name}: {exc}") from exc
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)

    def _convert_warm(self, staged: Path, produced: Path, name: str) -> None:
        # A crash gets one retry on a fresh office: LibreOffice may have died while idle, and
        # the user should not see that. A hang gets none: it would double a long wait.
        for attempt in (1, 2):
            self._start()
            answer = self._request({"op": "convert", "src": str(staged), "dst": str(produced)})
            if answer is None:
                self._stop(graceful=False)
                raise ExportFailed(
                    f"LibreOffice did not finish {name} within {self.timeout:.0f} s, so it was "
                    "stopped and will restart for the next file. Check the deck or raise the "
                    "timeout (ENABLER_PDF_TIMEOUT).",
                    hint=Hint(Fix.DO_FIRST, "check_deck"),
                )
            if answer.get("ok"):
                return
            if not (answer.get("fatal") or answer.get("eof")):
                raise ExportFailed(f"LibreOffice could not convert {name}: {answer.get('error')}.")
            self._stop(graceful=False)
            if attempt == 2:
                raise ExportFailed(
                    f"LibreOffice crashed while converting {name}; it will restart for the "
                    "next file. Check that the deck opens in PowerPoint or LibreOffice."
                )

    def _request(self, request: dict) -> dict | None:
        """Send one request; the reply, or None on timeout (an EOF reply if the bridge died)."""
        try:
            assert self._proc is not None and self._proc.stdin is not None
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            return {"ok": False, "eof": True, "error": "LibreOffice stopped"}
        return self._await(self.timeout)

    def _start(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            return
        self._stop(graceful=False)
        soffice = self._soffice or lo.find_soffice()
        python = self._bridge_python()
        assert python is not None
        work = self._ensure_workdir()
        profile = lo.lock_down_profile(work / "profile")
        log = open(work / "office.log", "ab")  # noqa: SIM115 - handed to the child
        try:
            self._proc = popen_leashed(
                [
                    python,
                    "-I",
                    str(BRIDGE),
                    soffice,
                    profile.resolve().as_uri(),
                    f"enabler-{uuid.uuid4().hex}",
                    str(self.start_timeout),
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                env=self._env(),
                text=True,
                encoding="utf-8",
            )
        except OSError as exc:
            raise ExportFailed(f"Could not start LibreOffice ({exc}). {lo.INSTALL_HINT}.") from exc
        finally:
            log.close()
        self.starts += 1
        self._replies = queue.Queue()
        threading.Thread(target=_pump, args=(self._proc.stdout, self._replies), daemon=True).start()
        ready = self._await(self.start_timeout + 15)
        if ready is None or not ready.get("ready"):
            self._stop(graceful=False)
            why = (ready or {}).get("error") or f"no answer within {self.start_timeout:.0f} s"
            raise ExportFailed(
                f"LibreOffice could not be started ({why}). Check that `{soffice}` runs, "
                f"or set {lo.SOFFICE_ENV} to a working LibreOffice."
            )

    def _await(self, timeout: float) -> dict | None:
        try:
            return self._replies.get(timeout=timeout)
        except queue.Empty:
            return None

    def _stop(self, *, graceful: bool) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if graceful and proc.poll() is None and proc.stdin is not None:
            with contextlib.suppress(OSError, ValueError):
                proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
                proc.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=20)
        lo.kill_group(proc)
        for stream in (proc.stdin, proc.stdout):
            with contextlib.suppress(OSError, ValueError):
                if stream is not None:
                    stream.close()


def _pump(stream, replies: queue.Queue) -> None:
    """Move the bridge's reply lines into a queue so waits can time out."""
    try:
        for line in stream:
            line = line.strip()
            if not line:
                continue
            try:
                replies.put(json.loads(line))
            except ValueError:
                continue
    except (OSError, ValueError):
        pass
    replies.put({"ok": False, "eof": True, "error": "LibreOffice stopped"})
