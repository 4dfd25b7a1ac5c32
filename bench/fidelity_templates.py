"""Fidelity on customer templates: the demo deck built on real templates, checked as rendered.

For each real template in the corpus (and our own `templates/brand.pptx`) it installs the
template into a fresh demo library, builds the demo prospect's default deck on it, renders the
deck with LibreOffice and reads the words back with `pdftotext -bbox-layout`. It prints, per
template, the pages with words printed over each other and the words (partly) off the page, and
what `enabler check` (preflight) said. Contact sheets go to the git-ignored `out/fidelity/`.

Run: `make fidelity` or `.venv/bin/python bench/fidelity_templates.py [--prospect NAME]`.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enabler.export.libreoffice import Converter
from enabler.export.pdf_words import pdf_words
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.demo.library import load_demo
from enabler.services.slides.templates import install_template
from enabler.store.connection.db import open_db

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "real" / "pptx"
TEMPLATES = (
    "poi__bug59273.potx",
    "poi__ececapstonespring2012.pptx",
    "onlyoffice__new-ar-SA.pptx",
)
OUT = ROOT / "out" / "fidelity"


def contact_sheet(pdf: Path, sheet: Path, columns: int = 4) -> None:
    """All pages of `pdf` at 30 dpi, tiled into one PNG."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", "30", "-png", str(pdf), f"{tmp}/p"], check=True, timeout=300
        )
        pages = [Image.open(p).convert("RGB") for p in sorted(Path(tmp).glob("p*.png"))]
        if not pages:
            return
        w = max(p.width for p in pages)
        h = max(p.height for p in pages)
        rows = (len(pages) + columns - 1) // columns
        out = Image.new("RGB", (columns * (w + 6), rows * (h + 6)), "white")
        for n, page in enumerate(pages):
            out.paste(page, ((n % columns) * (w + 6), (n // columns) * (h + 6)))
        out.save(sheet)


def run_one(label: str, template: Path | None, prospect: str, work: Path, conv: Converter):
    db = open_db(work / f"{label}.db")
    load_demo(db)
    if template is not None:
        install_template(db, template)
    result = build_deck(db, plan_deck(db, prospect), OUT / f"{label}.pptx")
    pdf = conv.convert(result.path, OUT / f"{label}.pdf")
    pages = pdf_words(pdf)
    overlap = [p.number for p in pages if p.collisions()]
    off = [(p.number, w.text) for p in pages for w in p.off_page()]
    contact_sheet(pdf, OUT / f"{label}.png")
    report = result.preflight
    flagged = len(report.errors) if report is not None else 0
    return len(pages), overlap, off, flagged


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prospect", default="Northwind Health")
    parser.add_argument("--verbose", action="store_true", help="list the pages and words")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    cases = [("brand", None)] + [(Path(t).stem, CORPUS / t) for t in TEMPLATES]
    print(f"Demo deck for {args.prospect} on each template (LibreOffice render):")
    head = ("template", "pages", "overlap pages", "words off", "check errors")
    print("  {:30} {:>5} {:>13} {:>9} {:>12}".format(*head))
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        conv = Converter()
        try:
            for label, template in cases:
                if template is not None and not template.is_file():
                    print(f"  {label:30} missing: {template}")
                    continue
                n, overlap, off, flagged = run_one(label, template, args.prospect, Path(tmp), conv)
                bad += len(overlap) + len(off)
                print(f"  {label:30} {n:5} {len(overlap):13} {len(off):9} {flagged:12}")
                if args.verbose and (overlap or off):
                    print(f"      overlapping on pages {overlap}; off the page: {off[:12]}")
        finally:
            conv.close()
    print(f"Contact sheets: {OUT.relative_to(ROOT)}/")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
