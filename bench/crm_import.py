"""Benchmark: memory and time of `enabler import-crm --dry-run` on large CSV exports.

Generates, in a temporary folder, a 64 MB Salesforce-style CSV of tiny rows (a company name
and an account id), and a file of exactly as many rows as an import takes (`MAX_ROWS`).
Each dry run runs in its own child process, whose peak resident memory (from `wait4`) and
wall time are printed beside a baseline measured in the same run: a child that only reads
the same file with `csv.reader`. The 64 MB file has more rows than an import takes, so the
dry run must stop with a clear message once it has streamed past the limit, not read it all
into memory first. Target: peak < 300 MB for both.

Run: `make bench` or `.venv/bin/python bench/crm_import.py [--mb 64]`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from enabler.services.crm.csv_read import MAX_ROWS  # noqa: E402

TARGET_MB = 300.0
BASELINE = (
    "import csv, sys\n"
    "with open(sys.argv[1], encoding='utf-8', newline='') as fh:\n"
    "    print(sum(1 for _ in csv.reader(fh)))\n"
)


def write_export(path: Path, *, size: int | None = None, rows: int | None = None) -> int:
    """Tiny rows `Co 1,0015g1` until `size` bytes or `rows` rows; returns the row count."""
    n = 0
    written = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        header = "Account Name,Account ID\r\n"
        fh.write(header)
        written += len(header)
        while (size is None or written < size - 32) and (rows is None or n < rows):
            line = f"Co {n},0015g{n:07d}\r\n"
            fh.write(line)
            written += len(line)
            n += 1
    return n


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(peak RSS in MB, seconds, exit code, last line of stderr) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT
    )
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    peak_mb = usage.ru_maxrss / 1024  # kilobytes on Linux
    last = (err.strip().splitlines() or [""])[-1]
    return peak_mb, seconds, proc.returncode, last


def measure(label: str, path: Path, env: dict[str, str]) -> float:
    dry = [sys.executable, "-m", "enabler", "import-crm", str(path), "--dry-run"]
    base = [sys.executable, "-c", BASELINE, str(path)]
    b_mb, b_s, _, _ = run_child(base, env)
    d_mb, d_s, code, message = run_child(dry, env)
    size_mb = path.stat().st_size / 2**20
    print(f"{label} ({size_mb:.1f} MB)")
    print(f"  csv.reader baseline   peak {b_mb:7.1f} MB   {b_s:6.2f} s")
    print(f"  import-crm --dry-run  peak {d_mb:7.1f} MB   {d_s:6.2f} s   exit {code}")
    if message:
        print(f"    {message}")
    print(f"  ratio                 memory {d_mb / b_mb:.1f}×   time {d_s / b_s:.1f}×")
    return d_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=64.0, help="size of the large file in MB")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enabler-bench-crm-") as tmp:
        folder = Path(tmp)
        env = {**os.environ, "ENABLER_DB": str(folder / "library.db")}
        big = folder / "tiny-rows.csv"
        rows = write_export(big, size=int(opts.mb * 1_000_000))
        at_cap = folder / "at-cap.csv"
        write_export(at_cap, rows=MAX_ROWS)
        print(f"{rows:,} tiny rows in the large file; an import takes at most {MAX_ROWS:,}.")
        big_mb = measure("large file, refused past the row limit", big, env)
        cap_mb = measure(f"{MAX_ROWS:,} rows, planned in full", at_cap, env)
    print(f"BENCH crm_dry_run_64mb_peak={big_mb:.1f} target<{TARGET_MB:g}MB")
    print(f"BENCH crm_dry_run_max_rows_peak={cap_mb:.1f} target<{TARGET_MB:g}MB")


if __name__ == "__main__":
    main()
