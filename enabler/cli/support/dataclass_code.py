"""Compiled dataclass methods kept on disk, so a CLI process does not compile them again.

Python's `dataclasses` writes the source of each class's `__init__`, `__repr__`, `__eq__`,
`__hash__`, `__setattr__` and `__delattr__` and compiles it with `exec` every time the class is
created; for the ~130 frozen, slotted dataclasses a build imports that is about 4 M instructions
each, a sixth of a whole `enabler build`. The source is the same on every run, so while a
command's modules import, the compiled code is looked up by its exact source text in a file
under the user's cache folder (`ENABLER_CACHE_DIR` if set), one per Python version, and only
compiled when missing. The same source compiled the same way gives the same code: nothing but
the time changes. The cache is only an optimisation: a file that cannot be read or written is
ignored, and everything is compiled as before. Like Python's own bytecode cache, the file is
trusted as the user's own (created readable by its owner only).

Only the console entry point uses this, while it imports a command (`LazyCommands._import`);
`dataclasses` is left as it was afterwards.
"""

from __future__ import annotations

import contextlib
import dataclasses
import marshal
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import CodeType

FORMAT = 1
MAX_ENTRIES = 20_000  # beyond this, keep only what this process used (old versions' classes go)


def cache_file() -> Path:
    env = os.environ.get("ENABLER_CACHE_DIR")
    if env:
        folder = Path(env).expanduser()
    else:
        import platformdirs

        folder = Path(platformdirs.user_cache_dir("Enabler", False))
    # Compiled code only runs on the Python that compiled it (and -O compiles differently).
    python = f"{sys.implementation.cache_tag}-{sys.hexversion:x}-O{sys.flags.optimize}"
    return folder / "code" / f"dataclasses-{FORMAT}-{python}"


def _load(path: Path) -> dict[str, CodeType]:
    try:
        found = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, CodeType)}


def _store(path: Path, codes: dict[str, CodeType]) -> None:
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(codes))
        os.replace(tmp, path)
        tmp = None
    except (OSError, ValueError):
        pass
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


@contextlib.contextmanager
def cached_dataclass_code(path: Path | None = None) -> Iterator[None]:
    """While inside, dataclass methods compile from the on-disk cache (and new ones join it)."""
    if "exec" in vars(dataclasses):  # already inside (or someone else's hook): leave it be
        yield
        return
    path = path or cache_file()
    codes = _load(path)
    known = len(codes)
    used: dict[str, CodeType] = {}

    def exec_cached(source, globals=None, locals=None):
        code = codes.get(source) if isinstance(source, str) else None
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)  # as `exec` there
            if isinstance(source, str):
                codes[source] = code
        if isinstance(source, str):
            used[source] = code
        exec(code, globals, locals)

    # `dataclasses` calls the builtin `exec` by name; a module global of that name comes first.
    dataclasses.exec = exec_cached  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del dataclasses.exec  # type: ignore[attr-defined]
        if len(codes) > known:
            _store(path, codes if len(codes) <= MAX_ENTRIES else used)
