"""Benchmark: 10 decks → PDF through the warm converter versus one cold soffice per deck.

Every side starts from nothing: a warm side starts its LibreOffice(s) inside the timing and
converts all ten; the cold side runs `soffice --convert-to pdf` once per deck with one private
profile (created by its first run, as each warm office creates its own). Timed: one warm office
(what a single conversion uses), and the pool of warm offices `enabler pdf` uses for a batch
(two on a machine with two cores or more). Same decks, same fonts, same machine, one process.
Target: warm ≥ 4× faster than cold. Also times one leave-behind.

Run: `make bench` or `.venv/bin/python bench/pdf.py`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enabler.export import soffice as lo
from enabler.export.libreoffice import Converter
from enabler.export.pool import ConverterPool, default_workers
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.demo.library import load_demo
from enabler.services.leave_behind.document import build_leave_behind
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db

DECKS = 10
TARGET = 4.0


def make_decks(db, folder: Path) -> list[Path]:
    companies = [p.company for p in prospect_store.list_prospects(db)]
    decks = []
    for n in range(DECKS):
        company = companies[n % len(companies)]
        path = folder / f"deck-{n:02d}.pptx"
        build_deck(db, plan_deck(db, company), path)
        decks.append(path)
    return decks


def run_pool(decks: list[Path], out: Path, workers: int) -> float:
    """Ten decks as one batch across `workers` warm offices, their starts included."""
    pool = ConverterPool(workers, timeout=300)
    start = time.perf_counter()
    results = pool.convert_many([(d, out / f"{d.stem}.pdf") for d in decks])
    elapsed = time.perf_counter() - start
    pool.close()
    if any(r.pdf is None for r in results):
        raise SystemExit("pooled conversion failed")
    return elapsed


def run_warm(decks: list[Path], out: Path) -> tuple[float, float]:
    """(total including the one start, time for the conversions alone)."""
    converter = Converter(timeout=300)
    if converter.mode != "warm":
        raise SystemExit("no Python with LibreOffice's uno module: install python3-uno")
    start = time.perf_counter()
    first = converter.convert(decks[0], out / f"{decks[0].stem}.pdf")
    started = time.perf_counter()
    results = converter.convert_many([(d, out / f"{d.stem}.pdf") for d in decks[1:]])
    end = time.perf_counter()
    converter.close()
    failed = [r for r in results if r.pdf is None]
    if failed or not first:
        raise SystemExit(f"warm conversion failed: {failed[0].error}")
    # Steady state: the nine conversions after the first, scaled to ten decks.
    return end - start, (end - started) * DECKS / (DECKS - 1)


def run_cold(decks: list[Path], out: Path, work: Path) -> float:
    soffice = lo.find_soffice()
    env = lo.office_env(lo.write_fontconfig(work))
    profile = work / "cold-profile"
    start = time.perf_counter()
    for deck in decks:
        lo.cold_convert(soffice, deck, out, profile, env, timeout=300)
    return time.perf_counter() - start


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="enabler-bench-pdf-"))
    try:
        db = open_db(work / "lib.db")
        load_demo(db)
        decks = make_decks(db, work)
        (work / "warm").mkdir()
        (work / "cold").mkdir()
        warm, steady = run_warm(decks, work / "warm")
        workers = max(2, default_workers())
        pooled = run_pool(decks, work / "warm", workers)
        cold = run_cold(decks, work / "cold", work)
        start = time.perf_counter()
        result = build_leave_behind(db, "Northwind Health", work / "leave-behind.pdf")
        leave_behind = time.perf_counter() - start
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ratio = cold / warm
    print(f"{DECKS} demo decks → PDF, one run each:")
    print(f"  warm converter       {warm:7.2f} s  ({warm / DECKS:.2f} s per deck, incl. its start)")
    print(f"  cold soffice/deck    {cold:7.2f} s  ({cold / DECKS:.2f} s per deck)")
    print(f"  ratio                {ratio:7.2f}×  (target ≥ {TARGET:.0f}×)")
    print(f"  ratio, warm started  {cold / steady:7.2f}×  (once LibreOffice is up)")
    print(f"  pool of {workers} warm     {pooled:7.2f} s  (the batch as `enabler pdf` runs it)")
    print(f"  ratio, pool          {cold / pooled:7.2f}×  (target ≥ {TARGET:.0f}×)")
    print(f"leave-behind ({result.pages} pages)  {leave_behind:5.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
