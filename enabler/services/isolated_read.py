"""Read an untrusted .pptx in a separate process with memory and CPU limits.

The package checks (`package_guard`) catch zip bombs and hostile XML before python-pptx runs,
but a file can still be pathological in ways no check foresees (a huge part that parses slowly,
deep nesting that eats memory). Reading it in a child process with `RLIMIT_AS` and `RLIMIT_CPU`
set, and a wall-clock deadline kept by the parent, means such a file costs a sentence, not a
frozen or killed app. The child only reads and cuts slides: it never opens the library.

The child is started with "spawn" (never fork: the app has Qt and worker threads running).
Progress messages come back over a pipe, so the app's progress bar and Cancel still work;
Cancel (or any exception in the caller's progress callback) kills the child at once.
Where `resource` is missing (Windows) the file is read in-process, as before.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

from enabler import errors
from enabler.domain.designed import SlideSource
from enabler.errors import EnablerError, InvalidInput

MEMORY_LIMIT_MB = 2048  # address space: python, lxml and python-pptx take ~300 MB of it
TIME_LIMIT_S = 180.0
Progress = Callable[[int, int, str], None]

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None


def _child(conn, path: str, extra_roots: frozenset[str], memory_mb: int, time_s: float) -> None:
    """In the child: set the limits, read the slides, send progress and the result."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = max(1, int(time_s))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

    def send(message: tuple) -> None:
        try:
            conn.send(message)
        except OSError:  # the parent is gone (killed, or it cancelled): stop quietly
            os._exit(0)

    try:
        from enabler.services.import_slides import read_slides

        def step(done: int, total: int, title: str) -> None:
            send(("progress", done, total, title))

        send(("done", read_slides(path, extra_roots=extra_roots, progress=step)))
    except EnablerError as exc:
        send(("error", type(exc).__name__, str(exc)))
    except MemoryError:
        send(("memory",))
    finally:
        conn.close()


def _raise(kind: str, message: str):
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, EnablerError)):
        cls = InvalidInput
    raise cls(message)


def _too_big(name: str, memory_mb: int) -> InvalidInput:
    return InvalidInput(
        f"{name}: reading it needed more than {memory_mb} MB of memory and was stopped; "
        "nothing was imported. Compress its pictures or split the deck in PowerPoint and retry."
    )


def _too_slow(name: str, time_s: float) -> InvalidInput:
    return InvalidInput(
        f"{name}: reading it took longer than {time_s:g} s and was stopped; nothing was "
        "imported. Save it again from PowerPoint (or split it) and retry."
    )


def read_slides_isolated(
    path: Path | str,
    *,
    extra_roots: frozenset[str] = frozenset(),
    progress: Progress | None = None,
    memory_mb: int = MEMORY_LIMIT_MB,
    time_s: float = TIME_LIMIT_S,
) -> list[SlideSource]:
    """`import_slides.read_slides`, in a limited child process (see the module docstring)."""
    if resource is None:  # pragma: no cover - Windows
        from enabler.services.import_slides import read_slides

        return read_slides(path, extra_roots=extra_roots, progress=progress)
    name = Path(path).name
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child,
        args=(sender, str(path), frozenset(extra_roots), memory_mb, time_s),
        daemon=True,
    )
    proc.start()
    sender.close()
    deadline = time.monotonic() + time_s
    try:
        while time.monotonic() < deadline:
            if not receiver.poll(0.05):
                if not proc.is_alive() and not receiver.poll(0):
                    break
                continue
            try:
                message = receiver.recv()
            except EOFError:
                break
            if message[0] == "progress" and progress is not None:
                progress(*message[1:])
            elif message[0] == "done":
                return message[1]
            elif message[0] == "error":
                _raise(message[1], message[2])
            elif message[0] == "memory":
                raise _too_big(name, memory_mb)
        else:
            raise _too_slow(name, time_s)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()
    if proc.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise _too_slow(name, time_s)
    if proc.exitcode == -signal.SIGSEGV:
        raise InvalidInput(
            f"{name}: the reader crashed on this file; nothing was imported. Save it again from "
            "PowerPoint and retry."
        )
    raise _too_big(name, memory_mb)  # the child died without a word: out of memory
