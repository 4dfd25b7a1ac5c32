"""Benchmark: sketching every slide of a 30-slide plan versus python-pptx opening and saving it.

The Build page redraws its thumbnails after each plan edit, so the sketch should cost little
more than touching the deck at all. Both runs use the same rendered deck in one process,
alternating; the ratio of medians is printed, cold (the sketch's caches cleared each round) and
warm (layers, pictures and text lines cached, as when a plan edit redraws the deck). Also
shown: a whole uncached `preview_plan` (render + sketch), a cache hit, and with
`--libreoffice` one high-fidelity render for scale.

Run: `make bench` or `.venv/bin/python bench/previews.py [--rounds N] [--libreoffice]`.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pptx import Presentation

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.build_deck import PROSPECT, pick_modules
from enabler.render.deck import to_bytes
from enabler.render.sketch.draw import clear_caches, sketch_slide
from enabler.services.deck.build import plan_deck, render_plan
from enabler.services.demo.library import load_demo
from enabler.services.slides.preview_cache import PreviewCache
from enabler.services.slides.previews import Fidelity, preview_plan
from enabler.store.connection.db import open_db


def sketch_all(blob: bytes, cold: bool = True) -> int:
    if cold:  # as for a deck never sketched before: no cached layers, pictures or lines
        clear_caches()
    prs = Presentation(io.BytesIO(blob))
    return sum(len(sketch_slide(slide)) > 0 for slide in prs.slides)


def open_and_save(blob: bytes) -> None:
    Presentation(io.BytesIO(blob)).save(io.BytesIO())


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--libreoffice", action="store_true", help="also time one LO render")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        load_demo(db)
        plan = plan_deck(db, PROSPECT, pick_modules(db))
        blob = to_bytes(render_plan(db, plan))
        ours, base, warm, whole = [], [], [], []
        for n in range(args.rounds + 1):
            t0 = time.perf_counter()
            slides = sketch_all(blob)
            t1 = time.perf_counter()
            open_and_save(blob)
            t2 = time.perf_counter()
            sketch_all(blob, cold=False)
            t3 = time.perf_counter()
            preview_plan(db, plan, cache=PreviewCache(None))  # fresh cache: a real render
            t4 = time.perf_counter()
            if n:  # the first round loads fonts and the OS file cache for all
                ours.append(t1 - t0)
                base.append(t2 - t1)
                warm.append(t3 - t2)
                whole.append(t4 - t3)
        assert slides == 30, slides
        cache = PreviewCache(None)
        preview_plan(db, plan, cache=cache)
        t0 = time.perf_counter()
        preview_plan(db, plan, cache=cache)
        hit = time.perf_counter() - t0
        lo = None
        if args.libreoffice:
            t0 = time.perf_counter()
            preview_plan(db, plan, cache=PreviewCache(None), fidelity=Fidelity.LIBREOFFICE)
            lo = time.perf_counter() - t0
    ratio = statistics.median(ours) / statistics.median(base)
    print(f"30-slide plan, {args.rounds} rounds (median):")
    print(f"  sketch 30 slides (480 px)   {median_ms(ours):8.1f} ms  (cold: nothing cached)")
    print(f"  python-pptx open + save     {median_ms(base):8.1f} ms")
    print(f"  ratio                       {ratio:8.2f}×")
    print(f"  sketch again, warm          {median_ms(warm):8.1f} ms  (as after a plan edit)")
    warm_ratio = statistics.median(warm) / statistics.median(base)
    print(f"  ratio, warm                 {warm_ratio:8.2f}×")
    print(f"  preview_plan, uncached      {median_ms(whole):8.1f} ms  (render + sketch)")
    print(f"  preview_plan, cache hit     {hit * 1000:8.1f} ms  (plan context + hash)")
    if lo is not None:
        print(f"  preview_plan, LibreOffice   {lo * 1000:8.1f} ms  (PDF + pdftoppm, one run)")


if __name__ == "__main__":
    main()
