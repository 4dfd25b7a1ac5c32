"""Benchmark: a campaign of 100 decks in one `enabler build --all` call.

Setup (not timed): the demo library plus copies of its prospects, 100 in all, and the approved
modules that make a 20-slide deck. Timed, whole processes, alternating:
- `enabler build --all --modules … --out-dir D` (parallel workers, preflight, library records);
- a plain python-pptx script writing 100 twenty-slide decks (title, bullets, notes) in one
  process. Target: ≤ 1.5×.
With `--pdf` (fewer decks, LibreOffice is slow): `enabler build … --pdf` against the LibreOffice
floor, one cold `soffice --convert-to pdf` given every deck of the batch at once (the build
itself is not in the floor, so a ratio near 1 means the PDFs cost no more than LibreOffice's own
batch). Python's bytecode cache goes to a private folder, as an installed package has one.

Run: `make bench` or `.venv/bin/python bench/batch_build.py [--decks N] [--pdf-decks N]`.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from build_deck import pick_modules  # noqa: E402 - bench/build_deck.py
from cli_start import _env  # noqa: E402

from enabler.export import soffice as lo  # noqa: E402
from enabler.services.demo.library import load_demo  # noqa: E402
from enabler.store import prospects as prospect_store  # noqa: E402
from enabler.store.connection.db import open_db, transaction  # noqa: E402

PLAIN_DECKS = r"""
import sys
from pathlib import Path
from pptx import Presentation
template, out, decks = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
for d in range(decks):
    prs = Presentation(template)
    layout = prs.slide_layouts[1]
    for i in range(20):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = f"Deck {d + 1}, slide {i + 1}"
        slide.placeholders[1].text_frame.text = "First point\nSecond point\nThird point"
        slide.notes_slide.notes_text_frame.text = f"Talking points for slide {i + 1}"
    prs.save(str(out / f"deck-{d:03d}.pptx"))
"""


def setup(tmp: Path, decks: int) -> tuple[Path, list[str]]:
    path = tmp / "lib.db"
    db = open_db(path)
    load_demo(db)
    demo = prospect_store.list_prospects(db)
    with transaction(db):
        for n in range(decks - len(demo)):
            p = demo[n % len(demo)]
            copy = dataclasses.replace(p, id=0, company=f"{p.company} {n + 2}", crm_id="")
            made = prospect_store.create(db, copy)
            for contact in prospect_store.contacts(db, p.id):
                prospect_store.add_contact(
                    db, dataclasses.replace(contact, id=0, prospect_id=made.id)
                )
    keys = pick_modules(db, 20)[:18]  # + the title and agenda slides = 20
    db.conn.close()
    return path, keys


def _run(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(
            f"{cmd[:4]} failed: {done.stdout.strip()[-600:]} {done.stderr.strip()[-300:]}"
        )
    return time.perf_counter() - start


def _fresh(folder: Path) -> Path:
    for f in folder.glob("*"):
        f.unlink()
    folder.mkdir(exist_ok=True)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decks", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pdf-decks", type=int, default=6, help="0 skips the PDF figure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="enabler-bench-batch-") as tmp:
        tmp = Path(tmp)
        env = _env(tmp / "pycache")
        db, keys = setup(tmp, args.decks)
        ours_dir, base_dir = tmp / "ours", tmp / "plain"
        ours = [
            sys.executable,
            "-m",
            "enabler",
            "build",
            "--db",
            str(db),
            "--all",
            "--modules",
            ",".join(keys),
            "--out-dir",
            str(ours_dir),
        ]
        plain = [
            sys.executable,
            "-c",
            PLAIN_DECKS,
            str(ROOT / "templates" / "brand.pptx"),
            str(base_dir),
            str(args.decks),
        ]
        a, b = [], []
        for n in range(args.rounds + 1):
            t_ours = _run(ours, env) if _fresh(ours_dir) else 0.0
            t_base = _run(plain, env) if _fresh(base_dir) else 0.0
            if n:  # the first round writes the bytecode caches
                a.append(t_ours)
                b.append(t_base)
        built = sorted(ours_dir.glob("*.pptx"))
        assert len(built) == args.decks, len(built)
        from pptx import Presentation

        assert len(Presentation(str(built[0])).slides) == 20
        m_ours, m_base = statistics.median(a), statistics.median(b)
        ratio = m_ours / m_base
        print(f"{args.decks} twenty-slide decks, whole processes, {args.rounds} rounds (median):")
        print(f"  enabler build --all ({os.cpu_count()} cores) {m_ours:7.2f} s")
        print(f"  plain python-pptx, one process   {m_base:7.2f} s")
        print(f"  ratio                            {ratio:7.2f}×  (target ≤ 1.5×)")
        print(f"BENCH batch_decks_ratio={ratio:.2f} target<=1.5×")
        if args.pdf_decks and lo.find_uno_python():
            pdf_figure(tmp, db, keys, env, args.pdf_decks)
    return 0


def pdf_figure(tmp: Path, db: Path, keys: list[str], env: dict, decks: int) -> None:
    names = [p.company for p in prospect_store.list_prospects(open_db(db))][:decks]
    out = _fresh(tmp / "pdf")
    cmd = [
        sys.executable,
        "-m",
        "enabler",
        "build",
        "--db",
        str(db),
        "--modules",
        ",".join(keys),
        "--out-dir",
        str(out),
        "--pdf",
    ]
    for name in names:
        cmd += ["--prospect", name]
    ours = _run(cmd, env)
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == decks, pdfs
    floor_dir = tmp / "floor"
    floor_dir.mkdir()
    office_env = lo.office_env(lo.write_fontconfig(tmp / "lo"))
    cold = [
        lo.find_soffice(),
        f"-env:UserInstallation={(tmp / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(floor_dir),
        *map(str, sorted(out.glob("*.pptx"))),
    ]
    subprocess.run(
        [*cold[:2], "--headless", "--terminate_after_init"],
        env=office_env,
        check=False,
        capture_output=True,
    )  # the profile exists, as the pool's do
    start = time.perf_counter()
    subprocess.run(cold, env=office_env, check=True, capture_output=True)
    floor = time.perf_counter() - start
    assert len(list(floor_dir.glob("*.pdf"))) == decks
    ratio = ours / floor
    print(f"{decks} decks with --pdf (one run each):")
    print(f"  enabler build --pdf (build + PDFs) {ours:7.2f} s")
    print(f"  one soffice given every deck       {floor:7.2f} s  (the LibreOffice floor)")
    print(f"  ratio                              {ratio:7.2f}×  (target ≤ 1.5×)")
    print(f"BENCH batch_pdf_vs_floor={ratio:.2f} target<=1.5×")


if __name__ == "__main__":
    sys.exit(main())
