"""Generated slides from a prospect's decision worksheets (see `generated.py`).

- Criteria (here): the buyer's criteria as a native table on the Title Only layout, heaviest
  weight first, each status cell filled with its colour, and a panel with the weighted fit and
  the count per status. Speaker notes list the weak spots with our honest answer to each known
  gap.
- Path to decision (`decision_timeline.py`): the mutual action plan as a timeline of native
  shapes.

Both read the plain data the worksheet context provider put in the template context
(`ctx["criteria"]`, `ctx["action_plan"]`) and add no slide when it is empty, so a build never
fails for lack of data. Only the module's own title goes through `fill`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from enabler.domain.modules import SmartContent
from enabler.render.colour.ink import Ink, readable_ink, set_ink
from enabler.render.slides.decision_timeline import path_to_decision_slides
from enabler.render.slides.worksheet_shapes import (
    BODY_TOP,
    INK,
    LEFT,
    PAPER,
    TEXT,
    add_filled,
    add_text,
    clip,
    label,
    title_only_slide,
)

__all__ = ["criteria_slides", "path_to_decision_slides"]

ROWS_PER_SLIDE = 8
MAX_LABEL, MAX_EVIDENCE = 80, 70  # two lines each at 11 pt: eight rows fit the slide
CRITERIA_HEADERS = ("Criterion", "Weight", "Status", "Evidence")
_COLUMN_INCHES = (3.9, 0.9, 1.4, 2.9)
STATUS_COLOURS = {
    "met": MSO_THEME_COLOR.ACCENT_6,
    "partly": MSO_THEME_COLOR.ACCENT_2,
    "gap": MSO_THEME_COLOR.ACCENT_5,
    "unknown": MSO_THEME_COLOR.BACKGROUND_2,
}
LEGEND = {"met": "met", "partly": "partly met", "gap": "gap", "unknown": "not assessed"}


def slide_rows(data: Mapping) -> list[Mapping]:
    """Heaviest weight first: the buyer's priorities lead; ties keep weak spots first."""
    return sorted(data.get("items") or [], key=lambda i: -int(i.get("weight", 0)))


def _style_cell(cell, *, header: bool, column: int, ink: Ink | None = None) -> None:
    cell.vertical_anchor = MSO_ANCHOR.MIDDLE
    for para in cell.text_frame.paragraphs:
        if column in (1, 2):
            para.alignment = PP_ALIGN.CENTER
        for run in para.runs:
            run.font.size = Pt(13 if header else 11)
            run.font.bold = header or column == 2
            if ink is not None:
                set_ink(run.font, ink)


def _criteria_table(slide, rows: list[Mapping]) -> None:
    height = Inches(0.5) * (len(rows) + 1)
    width = Inches(sum(_COLUMN_INCHES))
    frame = slide.shapes.add_table(len(rows) + 1, 4, LEFT, BODY_TOP, width, height)
    frame.name = "Criteria table"
    table = frame.table
    for n, share in enumerate(_COLUMN_INCHES):
        table.columns[n].width = Inches(share)
    for c, header in enumerate(CRITERIA_HEADERS):
        table.cell(0, c).text = header
        _style_cell(table.cell(0, c), header=True, column=c)
    for r, item in enumerate(rows, start=1):
        texts = (
            clip(item["label"], MAX_LABEL),
            str(item["weight"]),
            item["status_label"],
            clip(item["evidence"], MAX_EVIDENCE),
        )
        for c, text in enumerate(texts):
            table.cell(r, c).text = text
        status = table.cell(r, 2)
        status.fill.solid()
        status.fill.fore_color.theme_color = STATUS_COLOURS[item["status"]]
        ink = None
        if item["status"] != "unknown":  # white on the status colour where it reads at 4.5:1
            ink = readable_ink(slide, STATUS_COLOURS[item["status"]], (PAPER, INK, TEXT))
        for c in range(4):
            _style_cell(table.cell(r, c), header=False, column=c, ink=ink if c == 2 else None)


def _fit_panel(slide, data: Mapping) -> None:
    x, top = Inches(10.1), BODY_TOP
    ring = add_filled(
        slide,
        MSO_SHAPE.OVAL,
        (x + Inches(0.35), top, Inches(1.9), Inches(1.9)),
        PAPER,
        outline=MSO_THEME_COLOR.ACCENT_1,
        name="Fit score",
    )
    ring.line.width = Pt(6)
    percent = data.get("fit_percent")
    label(ring, "–" if percent is None else f"{percent}%", 30, INK)
    add_text(
        slide,
        (x, top + Inches(2.0), Inches(2.6), Inches(0.4)),
        ["weighted fit"],
        size=14,
        colour=INK,
        align=PP_ALIGN.CENTER,
    )
    counts = data.get("counts") or {}
    y = top + Inches(2.6)
    for status, text in LEGEND.items():
        add_filled(
            slide,
            MSO_SHAPE.ROUNDED_RECTANGLE,
            (x + Inches(0.2), y + Inches(0.08), Inches(0.3), Inches(0.24)),
            STATUS_COLOURS[status],
            outline=INK if status == "unknown" else None,
            name=f"Legend {status}",
        )
        box = (x + Inches(0.6), y, Inches(2.0), Inches(0.4))
        add_text(slide, box, [f"{counts.get(status, 0)} {text}"], name=f"Count {status}")
        y += Inches(0.45)


def _notes(data: Mapping) -> str:
    """The weak spots, worst first, with our honest answer to each known gap (rep-only)."""
    weak = set(data.get("weak_spots") or [])
    lines = []
    for item in data.get("items") or []:
        if item["ref"] not in weak:
            continue
        lines.append(f"{item['label']} ({item['status_label']}, weight {item['weight']})")
        lines += [f"  Known gap: {g['gap']} Our answer: {g['answer']}" for g in item["known_gaps"]]
        if item.get("note"):
            lines.append(f"  Note: {item['note']}")
    return "Weak spots, worst first:\n" + "\n".join(lines) if lines else ""


def criteria_slides(prs, layouts: Mapping, content: SmartContent, ctx: Mapping, fill) -> list:
    """The prospect's criteria, at most ROWS_PER_SLIDE per slide (split evenly), with the fit
    panel on each."""
    data = ctx.get("criteria") or {}
    rows = slide_rows(data)
    if not rows:
        return []
    title = fill(content.title)
    notes = _notes(data)
    per_slide = math.ceil(len(rows) / math.ceil(len(rows) / ROWS_PER_SLIDE))  # even split
    added = []
    for start in range(0, len(rows), per_slide):
        slide = title_only_slide(prs, layouts, title + (" (continued)" if start else ""))
        _criteria_table(slide, rows[start : start + per_slide])
        _fit_panel(slide, data)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        added.append(slide)
    return added
