"""Benchmark: assemble 100 designed slides (pictures and charts) versus plain python-pptx.

Setup (not timed): a 100-slide designer deck is generated with python-pptx on the brand template,
each slide with a tagged title, a picture (ten distinct ones, reused), a column chart with its
workbook and a tagged chart title, a text box and notes; it is imported into a fresh library and
its modules are approved.

Timed, once each after a warm-up: Enabler renders the plan (copying the 100 slides with their
parts, filling every field) and serialises the deck; the baseline opens the same template and
creates equivalent content directly with python-pptx (slides, texts, pictures, charts with
workbooks, notes) and serialises it. The ratio is printed; target ≤ 2×. The full `build_deck`
(preflight, atomic write, library record) is timed too, for information.

Run: `make bench` or `.venv/bin/python bench/designed_slides.py [--slides N]`.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enabler.domain.prospects import Prospect
from enabler.render.deck import DEFAULT_TEMPLATE, to_bytes
from enabler.render.integrity import check_integrity
from enabler.services.deck.build import build_deck, plan_deck, render_plan
from enabler.services.slides.import_slides import import_slides
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import open_db, transaction

COMPANY = "Northwind Health"
COLOURS = ["teal", "navy", "orange", "purple", "olive", "maroon", "gold", "gray", "pink", "green"]


def pictures() -> list[bytes]:
    out = []
    for colour in COLOURS:
        buf = io.BytesIO()
        Image.new("RGB", (800, 500), colour).save(buf, format="PNG")
        out.append(buf.getvalue())
    return out


def chart_data(n: int) -> CategoryChartData:
    data = CategoryChartData()
    data.categories = ["Now", "Year 1", "Year 2", "Year 3"]
    data.add_series("Hours", (120 + n, 80 + n, 40 + n, 20 + n))
    return data


def add_slide(prs, n: int, picture: bytes, company: str) -> None:
    """One slide of the benchmark's content, with `company` where the designer put a tag."""
    layout = {lay.name: lay for lay in prs.slide_layouts}["Title Only"]
    slide = prs.slides.add_slide(layout)
    slide.shapes.title.text = f"Result {n} for {company}"
    slide.shapes.add_picture(io.BytesIO(picture), Inches(8.2), Inches(1.8), width=Inches(4))
    frame = slide.shapes.add_chart(
        XL_CHART_TYPE.COLUMN_CLUSTERED,
        Inches(0.6),
        Inches(1.6),
        Inches(7),
        Inches(4.6),
        chart_data(n),
    )
    frame.chart.has_title = True
    frame.chart.chart_title.text_frame.text = f"Hours saved at {company}"
    box = slide.shapes.add_textbox(Inches(8.2), Inches(5), Inches(4), Inches(1))
    box.text_frame.text = f"Prepared for {company}"
    slide.notes_slide.notes_text_frame.text = f"Walk {company} through result {n}."


def designer_deck(path: Path, slides: int) -> Path:
    prs = Presentation(str(DEFAULT_TEMPLATE))
    images = pictures()
    for n in range(slides):
        add_slide(prs, n, images[n % len(images)], "{{ prospect.company }}")
    prs.save(str(path))
    return path


def baseline(slides: int) -> bytes:
    """Equivalent content straight from python-pptx: title slide plus the designed slides."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    title = prs.slides.add_slide({lay.name: lay for lay in prs.slide_layouts}["Title"])
    title.shapes.title.text = f"Brightwave for {COMPANY}"
    images = pictures()
    for n in range(slides):
        add_slide(prs, n, images[n % len(images)], COMPANY)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def setup(tmp: Path, slides: int):
    db = open_db(tmp / "bench.db")
    with transaction(db):
        prospect_store.create(db, Prospect(id=0, company=COMPANY, industry="Healthcare"))
    t0 = time.perf_counter()
    result = import_slides(db, designer_deck(tmp / "designer.pptx", slides), thumbnails=False)
    import_s = time.perf_counter() - t0
    with db.conn:
        db.execute("UPDATE modules SET state = 'approved'")
    return db, [s.module_key for s in result.slides], import_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slides", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db, keys, import_s = setup(tmp, args.slides)
        plan = plan_deck(db, COMPANY, keys)
        to_bytes(render_plan(db, plan_deck(db, COMPANY, keys[:3])))
        baseline(3)  # warm-up: imports, caches and template parsing for both sides

        t0 = time.perf_counter()
        ours = to_bytes(render_plan(db, plan))
        t1 = time.perf_counter()
        theirs = baseline(args.slides)
        t2 = time.perf_counter()
        build = build_deck(db, plan, tmp / "deck.pptx")
        t3 = time.perf_counter()

        assert check_integrity(ours).ok and check_integrity(theirs).ok
        assert len(Presentation(io.BytesIO(theirs)).slides) == args.slides + 1
        # the title slide and the designed slides, then the closing slide a talk ends on
        assert build.slides in (args.slides + 1, args.slides + 2)
    ours_s, base_s = t1 - t0, t2 - t1
    print(f"{args.slides} designed slides with pictures and charts (one run each):")
    print(f"  import (setup, not compared)  {import_s * 1000:8.0f} ms")
    print(f"  enabler assemble + save       {ours_s * 1000:8.0f} ms")
    print(f"  plain python-pptx             {base_s * 1000:8.0f} ms")
    print(f"  enabler full build_deck       {(t3 - t2) * 1000:8.0f} ms  (preflight, write, record)")
    print(f"  ratio                         {ours_s / base_s:8.2f}×  (target ≤ 2×)")
    print(f"  deck sizes: enabler {len(ours) // 1024} KB, python-pptx {len(theirs) // 1024} KB")


if __name__ == "__main__":
    main()
