"""Run every benchmark and print one table: figure, value, target, ok?

Each `bench/*.py` script runs as its own subprocess (so one cannot warm the caches of another);
its headline figures are read from what it prints. A script may also print machine-readable
lines, `BENCH <name>=<value> target<=<limit>` (or `target>=`, `target<`), which are used as they
are. The crash-consistency row runs the slow SIGKILL test (200 kills).

    python bench/all.py                 # everything
    python bench/all.py --only roi,search --no-crash
"""

from __future__ import annotations

import argparse
import operator
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
TIMEOUT_S = 1800
CRASH_TEST = (
    "tests/reliability/test_crash_consistency.py::DescribeCrashConsistency::"
    "it_survives_many_more_kills"
)
OPS = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt}
NUMBER = r"([\d.]+)"


@dataclass(frozen=True, slots=True)
class Figure:
    """How to read one headline figure from a script's output."""

    script: str
    name: str
    pattern: str  # one group: the value
    op: str
    target: float
    unit: str


FIGURES = (
    Figure("build_deck", "deck build ratio", rf"^\s*ratio\s+{NUMBER}×", "<=", 1.3, "×"),
    Figure("designed_slides", "designed slides ratio", rf"^\s*ratio\s+{NUMBER}×", "<=", 2.0, "×"),
    Figure("search", "search p95", rf"^FTS5 search .*?p95\s+{NUMBER} ms", "<", 30.0, " ms"),
    Figure("recommend", "recommend p95", rf"^indexed .*?p95 {NUMBER} ms", "<", 30.0, " ms"),
    Figure("pdf", "PDF warm/cold ratio", rf"^\s*ratio\s+{NUMBER}×", ">=", 4.0, "×"),
    Figure("pdf", "PDF pool/cold ratio", rf"^\s*ratio, pool\s+{NUMBER}×", ">=", 4.0, "×"),
    Figure("startup", "startup ratio", rf"^\s*ratio\s+{NUMBER}×", "<=", 3.0, "×"),
    Figure(
        "previews",
        "thumbnails, 30-slide plan uncached",
        rf"^\s*preview_plan, uncached\s+{NUMBER} ms",
        "<=",
        1000.0,
        " ms",
    ),
    Figure("roi", "ROI recompute", rf"^enabler recompute .*:\s+{NUMBER} ms", "<=", 20.0, " ms"),
    Figure(
        "template_budget",
        "hostile template refused (hidden loops)",
        rf"^\s*same, loops hidden behind aliases, refused:\s+{NUMBER} ms",
        "<=",
        2500.0,
        " ms",
    ),
)
_BENCH_LINE = re.compile(r"^BENCH (\S+?)=([-\d.]+)\s+target(<=|>=|<|>)([-\d.]+)(\S*)")


@dataclass(frozen=True, slots=True)
class Row:
    figure: str
    value: str
    target: str
    ok: str


def run_script(path: Path) -> tuple[str, str]:
    """(output, problem): problem is '' when the script ran to the end."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    try:
        done = subprocess.run(
            [sys.executable, str(path)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
        return out, f"timed out after {TIMEOUT_S} s"
    problem = ""
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        problem = f"exit {done.returncode}: {last}"
    return done.stdout, problem


def figure_row(fig: Figure, output: str, problem: str) -> Row:
    target = f"{fig.op} {fig.target:g}{fig.unit}"
    match = re.search(fig.pattern, output, re.MULTILINE)
    if not match:
        return Row(fig.name, "n/a", target, f"no figure ({problem or 'not printed'})")
    value = float(match.group(1))
    ok = OPS[fig.op](value, fig.target)
    return Row(fig.name, f"{value:g}{fig.unit}", target, "yes" if ok else "NO")


def bench_lines(output: str, known: set[str]) -> list[Row]:
    """Rows for `BENCH name=value target<=x` lines that no regular expression above covers."""
    rows = []
    for line in output.splitlines():
        match = _BENCH_LINE.match(line.strip())
        if match and match.group(1) not in known:
            name, value, op, limit, unit = match.groups()
            ok = OPS[op](float(value), float(limit))
            rows.append(Row(name, f"{value}{unit}", f"{op} {limit}{unit}", "yes" if ok else "NO"))
    return rows


def crash_row() -> Row:
    """Run the slow SIGKILL test and report how many kills it survived."""
    kills = int(os.environ.get("ENABLER_CRASH_KILLS", "200"))
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "slow", CRASH_TEST],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    passed = done.returncode == 0
    value = f"{kills} kills" if passed else "failed"
    return Row("crash-consistency kills", value, f">= {kills} kills", "yes" if passed else "NO")


def scripts(only: set[str]) -> list[Path]:
    found = sorted(p for p in BENCH.glob("*.py") if p.stem not in ("all", "__main__", "__init__"))
    return [p for p in found if not only or p.stem in only]


def table(rows: list[Row]) -> str:
    head = Row("figure", "value", "target", "ok?")
    cols = list(zip(*[(r.figure, r.value, r.target, r.ok) for r in (head, *rows)], strict=True))
    widths = [max(len(v) for v in col) for col in cols]
    lines = []
    for i, row in enumerate((head, *rows)):
        cells = (row.figure, row.value, row.target, row.ok)
        lines.append(
            "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"
        )
        if i == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="comma-separated script names, e.g. roi,search")
    parser.add_argument("--no-crash", action="store_true", help="skip the 200-kill crash test")
    args = parser.parse_args()
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    rows: list[Row] = []
    known = {f.name for f in FIGURES}
    for path in scripts(only):
        print(f"== {path.name}", flush=True)
        start = time.perf_counter()
        output, problem = run_script(path)
        print(output, end="" if output.endswith("\n") else "\n")
        print(f"   ({time.perf_counter() - start:.0f} s){' ' + problem if problem else ''}")
        figs = [f for f in FIGURES if f.script == path.stem]
        rows += [figure_row(f, output, problem) for f in figs]
        rows += bench_lines(output, known)
        if not figs and problem:
            rows.append(Row(path.stem, "n/a", "", problem))
    if not args.no_crash and not only:
        print("== crash consistency (slow test)", flush=True)
        rows.append(crash_row())
    print()
    print(table(rows))
    return 0 if all(r.ok == "yes" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
