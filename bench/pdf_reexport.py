"""Benchmark: PDF re-export after a one-field change against a full export of the same deck.

The Northwind Health demo deck is exported once; then the rep on the deck changes (one field:
the title slide and the closing slide show it) and the deck is exported again, either whole
(the anchor: one warm LibreOffice conversion) or through the page cache (only the changed
slides rendered, in one small deck, and spliced into the previous PDF). Both sides use the same
warm converter, already started, in alternating rounds; each figure is a median. The last
re-export is checked against the full export: same pdftoppm PNGs and the same pdftotext.
Target: re-export ≥ 4× faster.

Run: `make bench` or `.venv/bin/python bench/pdf_reexport.py [--rounds N]`.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enabler.export.libreoffice import Converter
from enabler.export.page_cache import PdfPageCache
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.demo.library import load_demo
from enabler.store.connection.db import open_db

COMPANY = "Northwind Health"
TARGET = 4.0


def _pages(pdf: Path, folder: Path) -> tuple[list[str], bytes]:
    folder.mkdir()
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(folder / "p")], check=True)
    pngs = [hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.png"))]
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True).stdout
    return pngs, text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="enabler-bench-reexport-"))
    converter = Converter(timeout=300)
    try:
        if converter.mode != "warm":
            raise SystemExit("no Python with LibreOffice's uno module: install python3-uno")
        db = open_db(work / "lib.db")
        load_demo(db)
        before, after = work / "before.pptx", work / "after.pptx"
        build_deck(db, plan_deck(db, COMPANY), before)
        build_deck(db, plan_deck(db, COMPANY, rep="Zed Quinn"), after)
        cache = PdfPageCache(converter, work / "cache")
        converter.convert(before, work / "warm-up.pdf")  # LibreOffice started, fonts loaded
        full_times, re_times, rendered = [], [], ()
        for _ in range(args.rounds):
            start = time.perf_counter()
            converter.convert(after, work / "full.pdf")
            full_times.append(time.perf_counter() - start)
            cache.export(before, work / "deck.pdf")  # the export before the change
            start = time.perf_counter()
            rendered = cache.export(after, work / "deck.pdf").rendered
            re_times.append(time.perf_counter() - start)
        same = _pages(work / "full.pdf", work / "full") == _pages(work / "deck.pdf", work / "re")
    finally:
        converter.close()
        shutil.rmtree(work, ignore_errors=True)
    full, again = statistics.median(full_times), statistics.median(re_times)
    ratio = full / again
    print(f"{COMPANY} deck, rep changed (slides {', '.join(map(str, rendered))} differ), ")
    print(f"{args.rounds} alternating rounds on one warm LibreOffice (median):")
    print(f"  full export            {full * 1000:7.0f} ms")
    print(f"  re-export, page cache  {again * 1000:7.0f} ms")
    print(f"  ratio, re-export       {ratio:7.2f}×  (target ≥ {TARGET:.0f}×)")
    print(f"  same PNGs and text as the full export: {'yes' if same else 'NO'}")
    print(f"BENCH pdf_reexport_ratio={ratio:.2f} target>={TARGET:g}×")
    print(f"BENCH pdf_reexport_same={1 if same else 0} target>=1")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
