"""Benchmark: whole processes a person waits on, against plain tools run the same way.

- `enabler --help` against `sqlite-utils --help` (target ≤ 2×);
- `enabler build --prospect "Northwind Health" --out X` against a plain python-pptx process
  writing 20 slides with titles, bullets and notes on the same template (target ≤ 2×).
  For scale, two more lines split the build: a process that only imports the libraries such a
  build cannot do without (python-pptx with its chart workbooks, sqlite-utils — loaded without
  numpy, as `import enabler` arranges — jinja2, babel, click) and does nothing else, the floor
  for any build; and `enabler build --help`, which imports all of the build's code (as the
  command does, collector paused) and does nothing else.

Each figure is the ratio of medians over alternating runs in this process. Python writes its
bytecode cache to a private folder first (as an installed package has one); the environment's
PYTHONDONTWRITEBYTECODE would otherwise make every run recompile Enabler's sources. Enabler's
own caches (font metrics, compiled dataclass methods) go to a private folder too, written by
the warm-up run as a user's first build writes them.

Run: `make bench` or `.venv/bin/python bench/cli_start.py [--rounds N]`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TEMPLATE = ROOT / "templates" / "brand.pptx"
PLAIN_PPTX = r"""
import sys
from pptx import Presentation
prs = Presentation(sys.argv[1])
layout = prs.slide_layouts[1]
for i in range(20):
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = f"Slide {i + 1}"
    slide.placeholders[1].text_frame.text = "First point\nSecond point\nThird point"
    slide.notes_slide.notes_text_frame.text = f"Talking points for slide {i + 1}"
prs.save(sys.argv[2])
"""
FLOOR = (
    "import enabler, pptx, pptx.chart.data, sqlite_utils, jinja2.sandbox, babel.numbers, "
    "babel.dates, click"
)


def _env(cache: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    env["ENABLER_CACHE_DIR"] = str(cache / "enabler")  # font metrics, dataclass code: warm-up
    return env


def _time(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def _pair(ours: list[str], theirs: list[str], env: dict, rounds: int) -> tuple[float, float]:
    for cmd in (ours, theirs):  # warm: bytecode caches written, files in the page cache
        _time(cmd, env)
    a, b = [], []
    for _ in range(rounds):
        a.append(_time(ours, env))
        b.append(_time(theirs, env))
    return statistics.median(a), statistics.median(b)


def _command(name: str) -> str:
    found = BIN / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enabler-bench-cli-") as tmp:
        tmp = Path(tmp)
        env = _env(tmp / "pycache")
        db = tmp / "lib.db"
        enabler = [sys.executable, "-m", "enabler"]
        subprocess.run(
            [*enabler, "demo", "--db", str(db)], env=env, check=True, stdout=subprocess.DEVNULL
        )
        help_ours, help_base = _pair(
            [_command("enabler"), "--help"],
            [_command("sqlite-utils"), "--help"],
            env,
            args.rounds,
        )
        build = [
            _command("enabler"),
            "build",
            "--db",
            str(db),
            "--prospect",
            "Northwind Health",
            "--out",
            str(tmp / "deck.pptx"),
        ]
        plain = [sys.executable, "-c", PLAIN_PPTX, str(TEMPLATE), str(tmp / "plain.pptx")]
        build_ours, build_base = _pair(build, plain, env, args.rounds)
        floor, floor_base = _pair([sys.executable, "-c", FLOOR], plain, env, args.rounds)
        code, code_base = _pair([_command("enabler"), "build", "--help"], plain, env, args.rounds)
    help_ratio, build_ratio = help_ours / help_base, build_ours / build_base
    print(f"whole processes, {args.rounds} alternating rounds (median):")
    print(f"  enabler --help                     {help_ours * 1000:7.0f} ms")
    print(f"  sqlite-utils --help                {help_base * 1000:7.0f} ms")
    print(f"  ratio, --help                      {help_ratio:7.2f}×  (target ≤ 2×)")
    print(f"  enabler build (Northwind Health)   {build_ours * 1000:7.0f} ms")
    print(f"  plain python-pptx, 20 slides+notes {build_base * 1000:7.0f} ms")
    print(f"  ratio, build process               {build_ratio:7.2f}×  (target ≤ 2×)")
    print(f"  imports a build needs, nothing else {floor * 1000:6.0f} ms")
    print(f"  ratio, that floor                  {floor / floor_base:7.2f}×")
    print(f"  enabler build --help (its imports)  {code * 1000:6.0f} ms")
    print(f"  ratio, those imports               {code / code_base:7.2f}×")
    print(f"BENCH cli_help_ratio={help_ratio:.2f} target<=2×")
    print(f"BENCH build_process_ratio={build_ratio:.2f} target<=2×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
