"""Dataclass methods compiled once and kept on disk: the same classes, only made faster."""

from __future__ import annotations

import dataclasses
import marshal
import os
import subprocess
import sys
from dataclasses import dataclass, field

import pytest

from enabler.cli.support import dataclass_code
from enabler.cli.support.dataclass_code import cache_file, cached_dataclass_code


def _make_classes():
    @dataclass(frozen=True, slots=True)
    class Point:
        x: int
        y: int = 0
        tags: tuple[str, ...] = ()

    @dataclass(order=True)
    class Row:
        key: str
        values: list[int] = field(default_factory=list)

    return Point, Row


def _methods(cls) -> dict:
    return {
        name: (fn.__code__, fn.__defaults__, fn.__annotations__)
        for name, fn in vars(cls).items()
        if callable(fn) and hasattr(fn, "__code__")
    }


class DescribeCachedDataclassCode:
    def it_makes_the_same_methods_as_dataclasses_does(self, tmp_path):
        path = tmp_path / "code"
        plain = _make_classes()
        with cached_dataclass_code(path):  # compiles and stores
            first = _make_classes()
        assert path.exists()
        with cached_dataclass_code(path):  # from the file
            second = _make_classes()
        for a, b, c in zip(plain, first, second, strict=True):
            assert _methods(a) == _methods(b) == _methods(c)
        Point, Row = second
        p = Point(1, tags=("a",))
        assert repr(p) == repr(plain[0](1, tags=("a",)))
        assert p == Point(1, 0, ("a",)) and hash(p) == hash(Point(1, 0, ("a",)))
        assert Row("a", [2]) < Row("b") and Row("a").values == []
        with pytest.raises(dataclasses.FrozenInstanceError):
            p.x = 2  # type: ignore[misc]

    def it_leaves_dataclasses_as_it_was(self, tmp_path):
        with cached_dataclass_code(tmp_path / "code"):
            assert "exec" in vars(dataclasses)
        assert "exec" not in vars(dataclasses)

    def it_ignores_a_cache_file_it_cannot_read(self, tmp_path):
        path = tmp_path / "code"
        path.write_bytes(b"not marshal data")
        with cached_dataclass_code(path):
            Point, _ = _make_classes()
        assert Point(3).x == 3
        with cached_dataclass_code(path):  # rewritten, now readable
            Point, _ = _make_classes()
        assert Point(4, 5).y == 5

    def it_drops_what_no_longer_runs_when_the_file_grows_too_big(self, monkeypatch, tmp_path):
        path = tmp_path / "code"
        path.write_bytes(marshal.dumps({"x = 1": compile("x = 1", "<string>", "exec")}))
        monkeypatch.setattr(dataclass_code, "MAX_ENTRIES", 1)
        with cached_dataclass_code(path):
            _make_classes()
        kept = marshal.loads(path.read_bytes())
        assert "x = 1" not in kept and len(kept) > 1

    def it_keeps_one_file_per_python(self, monkeypatch, tmp_path):
        monkeypatch.setenv("ENABLER_CACHE_DIR", str(tmp_path))
        assert cache_file().parent == tmp_path / "code"
        assert sys.implementation.cache_tag in cache_file().name

    def it_serves_a_cli_process_from_the_file_its_first_run_wrote(self, tmp_path):
        code = (
            "import sys\nsys.argv = ['enabler', 'weights', '--help']\n"
            "from enabler.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
        )
        env = {**os.environ, "ENABLER_CACHE_DIR": str(tmp_path)}
        runs = []
        for _ in range(2):
            done = subprocess.run(
                [sys.executable, "-c", code], env=env, capture_output=True, text=True
            )
            assert done.returncode == 0, done.stderr
            (written,) = (tmp_path / "code").iterdir()
            runs.append((done.stdout, written.stat().st_mtime_ns))
        assert runs[0][0] == runs[1][0] and "weights" in runs[0][0]
        assert runs[0][1] == runs[1][1]  # nothing new to compile: the file was not rewritten
