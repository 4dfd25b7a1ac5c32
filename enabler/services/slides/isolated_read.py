"""Read an untrusted .pptx in a separate process with memory and CPU limits.

The package checks (`package_guard`) catch zip bombs and hostile XML before python-pptx runs,
but a file can still be pathological in ways no check foresees (a huge part that parses slowly,
deep nesting that eats memory). Reading it in a child process with `RLIMIT_AS` and `RLIMIT_CPU`
set, and a wall-clock deadline kept by the parent, means such a file costs a sentence, not a
frozen or killed app. The child only reads and cuts slides: it never opens the library.

The child is started with "spawn" (never fork: the app has Qt and worker threads running).
Progress messages come back over a pipe, so the app's progress bar and Cancel still work;
Cancel (or any exception in the caller's progress callback) kills the child at once.
The child exits as soon as the parent dies (killed included). `run_isolated` runs any reader
this way: `enabler check` and `enabler pdf` read decks through it too. Where `resource` is
missing (Windows) the file is read in-process, as before.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from enabler import errors
from enabler.domain.designed import SlideSource
from enabler.errors import EnablerError, InvalidInput

MEMORY_LIMIT_MB = 2048  # address space: python, lxml and python-pptx take ~300 MB of it
TIME_LIMIT_S = 180.0
Progress = Callable[[int, int, str], None]
T = TypeVar("T")

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]  # Windows has no resource module


def _die_with_parent() -> None:
    """Exit as soon as the parent is gone (killed too): nobody is waiting for the answer."""
    parent = multiprocessing.parent_process()
    if parent is None:  # pragma: no cover - always set for a spawned child
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


_OUT_OF_MEMORY = 3  # the child's exit code when it ran out of memory


def _child(conn, task: tuple[str, str], args: tuple, kwargs: dict, memory_mb: int, time_s: float):
    """In the child: set the limits, import and run `task`, send progress and the result."""
    _die_with_parent()
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = max(1, int(time_s))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))

    code = 0

    def send(message: tuple) -> None:
        try:
            conn.send(message)
        except OSError:  # the parent is gone (killed, or it cancelled): stop quietly
            os._exit(0)

    try:
        if kwargs.pop("progress", None) is not None:

            def step(done: int, total: int, title: str) -> None:
                send(("progress", done, total, title))

            kwargs["progress"] = step
        # Imported here, inside the limits: the reader's own start-up counts too.
        module, name = task
        send(("done", getattr(importlib.import_module(module), name)(*args, **kwargs)))
    except EnablerError as exc:
        send(("error", type(exc).__name__, str(exc)))
    except MemoryError:
        code = _OUT_OF_MEMORY
        with contextlib.suppress(Exception):  # saying so may itself need memory
            send(("memory",))
    finally:
        with contextlib.suppress(OSError):
            conn.close()
    # No interpreter shutdown (finalisers, atexit, thread clean-up) under the limits: at the
    # edge of its memory a child could stall there, and the parent would wait for the deadline.
    os._exit(code)


def _raise(kind: str, message: str):
    cls = getattr(errors, kind, None)
    if not (isinstance(cls, type) and issubclass(cls, EnablerError)):
        cls = InvalidInput
    raise cls(message)


def _too_big(name: str, memory_mb: int, outcome: str) -> InvalidInput:
    return InvalidInput(
        f"{name}: reading it needed more than {memory_mb} MB of memory and was stopped; "
        f"{outcome}. Compress its pictures or split the deck in PowerPoint and retry."
    )


def _too_slow(name: str, time_s: float, outcome: str) -> InvalidInput:
    return InvalidInput(
        f"{name}: reading it took longer than {time_s:g} s and was stopped; {outcome}. "
        "Save it again from PowerPoint (or split it) and retry."
    )


def read_slides_isolated(
    path: Path | str,
    *,
    extra_roots: frozenset[str] = frozenset(),
    progress: Progress | None = None,
    memory_mb: int = MEMORY_LIMIT_MB,
    time_s: float = TIME_LIMIT_S,
) -> list[SlideSource]:
    """`slide_reader.read_slides`, in a limited child process (see the module docstring)."""
    from enabler.services.slides.reader import read_slides

    return run_isolated(
        read_slides,
        str(path),
        name=Path(path).name,
        outcome="nothing was imported",
        progress=progress,
        memory_mb=memory_mb,
        time_s=time_s,
        extra_roots=frozenset(extra_roots),
    )


def run_isolated(
    task: Callable[..., T],
    *args,
    name: str,
    outcome: str,
    progress: Progress | None = None,
    memory_mb: int = MEMORY_LIMIT_MB,
    time_s: float = TIME_LIMIT_S,
    **kwargs,
) -> T:
    """`task(*args, **kwargs)` in a limited child process; `task` must be a module-level function
    that reads an untrusted file. `name` (the file) and `outcome` ("nothing was imported")
    phrase the sentence when the child is stopped. `progress`, if given, is passed to `task` as
    its `progress` keyword and called here with what it reports."""
    if resource is None:  # pragma: no cover - Windows
        return task(*args, progress=progress, **kwargs) if progress else task(*args, **kwargs)
    if progress is not None:
        kwargs["progress"] = True  # the child puts its own reporter here
    ctx = multiprocessing.get_context("spawn")
    receiver, sender = ctx.Pipe(duplex=False)
    proc = ctx.Process(
        target=_child,
        args=(sender, (task.__module__, task.__qualname__), args, kwargs, memory_mb, time_s),
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
                raise _too_big(name, memory_mb, outcome)
        else:
            raise _too_slow(name, time_s, outcome)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        receiver.close()
    if proc.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        raise _too_slow(name, time_s, outcome)
    if proc.exitcode == -signal.SIGSEGV:
        raise InvalidInput(
            f"{name}: the reader crashed on this file; {outcome}. Save it again from "
            "PowerPoint and retry."
        )
    raise _too_big(name, memory_mb, outcome)  # the child died without a word: out of memory
