"""Benchmark: peak memory of building a 300-slide deck from real customer slides.

Setup (not timed): every slide of the real decks in ../shared/corpus/real/pptx (read in place)
is imported as a designed module and approved; the plan cycles through them to 300 slides.
Measured: the peak resident set (ru_maxrss) of a fresh process running `enabler build` on that
plan (render, preflight, write, library record), against a plain python-pptx process that
opens each corpus deck and adds 300 slides with text and notes to the brand template, in the
same run. Target: < 300 MB.

Run: `make bench` or `.venv/bin/python bench/memory.py [--slides N]`.
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from cli_start import _env  # noqa: E402

from enabler.domain.prospects import Prospect  # noqa: E402
from enabler.errors import EnablerError  # noqa: E402
from enabler.services.slides.import_slides import import_slides  # noqa: E402
from enabler.store import prospects as prospect_store  # noqa: E402
from enabler.store.connection.db import open_db, transaction  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "real" / "pptx"
COMPANY = "Northwind Health"
TARGET_MB = 300

BUILD = r"""
import resource, sys
from pathlib import Path
from enabler.services.deck.build import build_deck, plan_deck
from enabler.store.connection.db import open_db
db = open_db(Path(sys.argv[1]))
keys = Path(sys.argv[2]).read_text().split()
result = build_deck(db, plan_deck(db, sys.argv[3], keys), Path(sys.argv[4]))
print(result.slides, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

PLAIN = r"""
import resource, sys
from pathlib import Path
from pptx import Presentation
sources = [Presentation(str(p)) for p in sorted(Path(sys.argv[1]).glob("*.pptx"))[:4]]
prs = Presentation(sys.argv[2])
layout = prs.slide_layouts[1]
for i in range(int(sys.argv[4])):
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = f"Slide {i + 1}"
    slide.placeholders[1].text_frame.text = "First point\nSecond point\nThird point"
    slide.notes_slide.notes_text_frame.text = f"Talking points for slide {i + 1}"
prs.save(sys.argv[3])
print(len(prs.slides), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def setup(tmp: Path) -> tuple[Path, list[str]]:
    path = tmp / "lib.db"
    db = open_db(path)
    with transaction(db):
        prospect_store.create(db, Prospect(id=0, company=COMPANY, industry="Healthcare"))
    keys: list[str] = []
    for deck in sorted(CORPUS.glob("*.pptx")):
        try:
            result = import_slides(db, deck, thumbnails=False)
        except EnablerError as exc:  # a deck the import refuses is simply not used
            print(f"  (skipped {deck.name}: {exc})", file=sys.stderr)
            continue
        keys += [s.module_key for s in result.slides if s.module_key]
    with db.conn:
        db.execute("UPDATE modules SET state = 'approved'")
    db.conn.close()
    return path, keys


def _peak(cmd: list[str], env: dict) -> tuple[int, float]:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"failed: {done.stderr.strip()[-600:]}")
    slides, kib = done.stdout.split()[-2:]
    return int(slides), int(kib) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=300)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    with tempfile.TemporaryDirectory(prefix="enabler-bench-mem-") as tmp:
        tmp = Path(tmp)
        env = _env(tmp / "pycache")
        db, keys = setup(tmp)
        # The title slide comes first (no agenda: designed slides are no sections); real slides,
        # cycled, make up the rest.
        plan = list(itertools.islice(itertools.cycle(keys), args.slides - 1))
        (tmp / "keys.txt").write_text("\n".join(plan))
        slides, ours = _peak(
            [
                sys.executable,
                "-c",
                BUILD,
                str(db),
                str(tmp / "keys.txt"),
                COMPANY,
                str(tmp / "deck.pptx"),
            ],
            env,
        )
        plain_slides, base = _peak(
            [
                sys.executable,
                "-c",
                PLAIN,
                str(CORPUS),
                str(ROOT / "templates" / "brand.pptx"),
                str(tmp / "plain.pptx"),
                str(args.slides),
            ],
            env,
        )
    print(f"{slides}-slide deck from {len(keys)} real corpus slides (cycled), peak RSS:")
    print(f"  enabler build                     {ours:7.0f} MB  (target < {TARGET_MB} MB)")
    print(f"  plain python-pptx, {plain_slides} slides      {base:7.0f} MB")
    print(f"  ratio                             {ours / base:7.2f}×")
    print(f"BENCH build_300_slides_peak_rss={ours:.0f} target<{TARGET_MB}MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
