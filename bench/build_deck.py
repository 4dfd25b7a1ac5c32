"""Benchmark: a 30-slide deck through Enabler versus plain python-pptx doing the same work.

Enabler's run covers everything `enabler build` does after the library is open: planning (DB
reads), field templating, layout, notes, provenance, the atomic write and the `decks` record.
The baseline opens the same template and adds the same slides, texts, pictures, tables and
notes with python-pptx directly, then saves. Both run alternately in one process; the ratio of
medians is printed. Target: ≤ 1.3×.

Run: `make bench` or `.venv/bin/python bench/build_deck.py [--rounds N]`.
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
from pptx.util import Inches

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from enabler.domain.modules import ModuleState, SmartLayout
from enabler.render.deck import DEFAULT_TEMPLATE
from enabler.render.smart import LAYOUT_NAMES
from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.demo.library import load_demo
from enabler.store import assets
from enabler.store import modules as module_store
from enabler.store.connection.db import open_db

PROSPECT = "Northwind Health"


def pick_modules(db, slides: int = 30) -> list[str]:
    """Module keys giving `slides` slides: title + agenda + sections + the rest."""
    approved = module_store.list_modules(db, ModuleState.APPROVED)
    sections = [m.key for m in approved if "section" in m.tags]
    others = [m.key for m in approved if "section" not in m.tags]
    need = slides - 2 - len(sections)
    if need > len(others):
        raise SystemExit(f"the demo library has too few modules for {slides} slides")
    return sections + others[:need]


def baseline(db, plan, out: Path) -> None:
    """The same slides with python-pptx only: no templating, DB writes or provenance."""
    prs = Presentation(str(DEFAULT_TEMPLATE))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    title = prs.slides.add_slide(layouts["Title"])
    title.shapes.title.text = f"Brightwave for {plan.prospect.company}"
    phs = {ph.placeholder_format.idx: ph for ph in title.placeholders}
    phs[1].text_frame.text = f"Prepared for {plan.contact.name}, {plan.contact.title}"
    phs[13].text_frame.text = f"{plan.rep} · today"
    if plan.prospect.logo:
        title.shapes.add_picture(
            io.BytesIO(assets.get(db, plan.prospect.logo)),
            Inches(10),
            Inches(5.4),
            height=Inches(1.2),
        )
    agenda = prs.slides.add_slide(layouts["Agenda"])
    agenda.shapes.title.text = "Agenda"
    sections = [
        p.version.content.title
        for p in plan.modules
        if p.version.content.layout is SmartLayout.SECTION
    ]
    agenda.placeholders[1].text_frame.text = "\n".join(sections)
    for planned in plan.modules:
        c = planned.version.content
        slide = prs.slides.add_slide(layouts[LAYOUT_NAMES[c.layout]])
        slide.shapes.title.text = c.title
        phs = {ph.placeholder_format.idx: ph for ph in slide.placeholders}
        texts = [
            c.subtitle,
            "\n".join(c.bullets),
            c.quote,
            c.attribution,
            c.metric,
            c.metric_label,
            c.caption,
        ]
        texts += [t for col in c.columns for t in (col.heading, "\n".join(col.bullets))]
        slots = [i for i, ph in phs.items() if i and ph.has_text_frame]
        for idx, text in zip(slots, [t for t in texts if t], strict=False):
            phs[idx].text_frame.text = text
        if c.table and 1 in phs:
            table = phs[1].insert_table(len(c.table), len(c.table[0])).table
            for r, row in enumerate(c.table):
                for col, cell in enumerate(row):
                    table.cell(r, col).text = cell
        for sha in c.image_refs():
            slide.shapes.add_picture(
                io.BytesIO(assets.get(db, sha)), Inches(1), Inches(2), width=Inches(2)
            )
        if planned.version.talking_points:
            slide.notes_slide.notes_text_frame.text = planned.version.talking_points
    prs.save(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        db = open_db(tmp / "bench.db")
        load_demo(db)
        keys = pick_modules(db)
        plan = plan_deck(db, PROSPECT, keys)
        ours, base = [], []
        for n in range(args.rounds + 1):
            t0 = time.perf_counter()
            result = build_deck(db, plan_deck(db, PROSPECT, keys), tmp / "enabler.pptx")
            t1 = time.perf_counter()
            baseline(db, plan, tmp / "baseline.pptx")
            t2 = time.perf_counter()
            if n:  # the first round warms caches for both
                ours.append(t1 - t0)
                base.append(t2 - t1)
        slides = len(Presentation(str(tmp / "baseline.pptx")).slides)
        assert result.slides == slides == 30, (result.slides, slides)
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(f"30-slide deck, {args.rounds} rounds (median):")
    print(f"  enabler build     {m_ours * 1000:8.1f} ms")
    print(f"  plain python-pptx {m_base * 1000:8.1f} ms")
    print(f"  ratio             {m_ours / m_base:8.2f}×  (target ≤ 1.30×)")


if __name__ == "__main__":
    main()
