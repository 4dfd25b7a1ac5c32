"""Generated slides from the objection library and battlecards (see `generated.py`).

- "Why us versus X": one Two Column slide per competitor in play, from its battlecard — how we
  are different (each claim with its proof) and the questions worth asking every vendor. The
  speaker notes carry the internal side: their likely pitch, how to neutralise it, and where
  they are strong.
- Objection appendix: what the prospect raised or we answered ("What we heard"), then the
  likely ones under their own title, each with the approved answer and proof, as native tables
  on the Table layout, a few per slide. Parked objections never appear.

Both read plain data the deck's context provider put in the template context
(`ctx["battlecards"]`, `ctx["objections"]`) and add no slide when it is empty, so a build never
fails for lack of data. Library text is plain text (no `{{ fields }}`); only the module's own
title and headings go through `fill`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pptx.util import Pt

from enabler.domain.modules import SmartContent
from enabler.errors import RenderError
from enabler.render.layout import placement
from enabler.render.smart import (
    drop_empty_placeholders,
    insert_table,
    set_lines,
    slots,
    substitute_slot,
)
from enabler.render.text import xml_safe

WHY_US_LAYOUT = "Two Column"
APPENDIX_LAYOUT = "Table"
WHY_US_HEADINGS = ("How we are different", "Questions worth asking every vendor")
APPENDIX_HEADERS = ("What we heard", "Our answer", "Proof")
# Likely objections nobody raised yet: worded so the deck never puts words in the buyer's mouth.
ANTICIPATED_TITLE = "Questions teams like yours often ask"
ANTICIPATED_HEADERS = ("Question", "Our answer", "Proof")
MAX_DIFFERENTIATORS = 4
MAX_LANDMINES = 4
ROWS_PER_SLIDE = 4
MAX_APPENDIX_ROWS = 12
_COLUMN_SHARES = (0.28, 0.44, 0.28)


def _layout(layouts: Mapping, name: str):
    if name not in layouts:
        raise RenderError(
            f"The brand template lacks the {name!r} layout. "
            "Rebuild it with `python templates/make_brand.py`."
        )
    return layouts[name]


def _slot(found: dict, idx: int, slide):
    """The layout's slot `idx`, or a stand-in when an installed template lacks it."""
    if idx not in found:
        found[idx] = substitute_slot(slide, idx, set(found))
    return found[idx]


def _headings(content: SmartContent, fill: Callable[[str], str], defaults) -> list[str]:
    given = [fill(c.heading) for c in content.columns[: len(defaults)]]
    return [g or d for g, d in zip(given + [""] * len(defaults), defaults, strict=False)]


def _set_differentiators(text_frame, items) -> None:
    """One paragraph per differentiator: the claim in bold, then " — proof"."""
    text_frame.text = ""
    for n, item in enumerate(items):
        para = text_frame.paragraphs[0] if n == 0 else text_frame.add_paragraph()
        claim = para.add_run()
        claim.text = xml_safe(item.get("claim", ""))
        claim.font.bold = True
        if item.get("proof"):
            para.add_run().text = xml_safe(f" — {item['proof']}")


def _why_us_notes(card: Mapping) -> str:
    lines = []
    for pitch in card.get("pitches", ()):
        lines.append(f"They will say: {pitch.get('claim', '')}")
        if pitch.get("neutralise"):
            lines.append(f"Get ahead of it: {pitch['neutralise']}")
    if card.get("strengths"):
        lines.append("Where they are strong (do not argue): " + "; ".join(card["strengths"]))
    return xml_safe("\n".join(lines))


def why_us_slides(prs, layouts: Mapping, content: SmartContent, ctx: Mapping, fill) -> list:
    """One "why us versus X" slide per battlecard in `ctx["battlecards"]`."""
    cards = ctx.get("battlecards") or []
    if not cards:
        return []
    title = fill(content.title)
    headings = _headings(content, fill, WHY_US_HEADINGS)
    added = []
    for card in cards:
        slide = prs.slides.add_slide(_layout(layouts, WHY_US_LAYOUT))
        placement.bind(slide, WHY_US_LAYOUT)
        found = slots(slide)
        versus = xml_safe(f"{title} versus {card['competitor']}")
        _slot(found, 0, slide).text_frame.text = versus
        diffs = card.get("differentiators", ())[:MAX_DIFFERENTIATORS]
        landmines = [xml_safe(q) for q in card.get("landmines", ())[:MAX_LANDMINES]]
        set_lines(_slot(found, 1, slide).text_frame, [headings[0]])
        _set_differentiators(_slot(found, 2, slide).text_frame, diffs)
        if landmines:
            set_lines(_slot(found, 3, slide).text_frame, [headings[1]])
            set_lines(_slot(found, 4, slide).text_frame, landmines)
        notes = _why_us_notes(card)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        drop_empty_placeholders(slide)
        added.append(slide)
    return added


def _answer_rows(ctx: Mapping, group: str) -> list[tuple[str, str, str]]:
    """Rows of one group: "heard" (raised or answered) or "anticipated" (likely, open)."""
    rows = []
    for item in ctx.get("objections") or []:
        if item.get("group", "heard") != group:
            continue
        if not (item.get("reframe") or item.get("proof")):
            continue  # nothing approved to show
        rows.append((item.get("text", ""), item.get("reframe", ""), item.get("proof", "")))
    return [(xml_safe(a), xml_safe(b), xml_safe(c)) for a, b, c in rows[:MAX_APPENDIX_ROWS]]


def _fill_table(slot, headers: list[str], rows) -> None:
    frame = insert_table(slot, len(rows) + 1, len(headers))
    table = frame.table
    for n, share in enumerate(_COLUMN_SHARES):
        table.columns[n].width = int(frame.width * share)
    for r, row in enumerate([headers, *rows]):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(13 if r == 0 else 11)
                    run.font.bold = r == 0 or c == 0


def objection_appendix_slides(
    prs, layouts: Mapping, content: SmartContent, ctx: Mapping, fill
) -> list:
    """The prospect's objections with approved answers, ROWS_PER_SLIDE per Table slide: what
    we heard under the module's title, then the likely ones under a title of their own that
    does not claim the buyer said them."""
    heard, anticipated = _answer_rows(ctx, "heard"), _answer_rows(ctx, "anticipated")
    headers = list(APPENDIX_HEADERS)
    if content.table and len(content.table[0]) == len(APPENDIX_HEADERS):
        headers = [fill(h) or d for h, d in zip(content.table[0], APPENDIX_HEADERS, strict=True)]
    added = _table_slides(prs, layouts, fill(content.title), headers, heard)
    likely = [ANTICIPATED_HEADERS[0], *headers[1:]]
    added += _table_slides(prs, layouts, ANTICIPATED_TITLE, likely, anticipated)
    return added


def _table_slides(prs, layouts: Mapping, title: str, headers: list[str], rows) -> list:
    added = []
    for start in range(0, len(rows), ROWS_PER_SLIDE):
        slide = prs.slides.add_slide(_layout(layouts, APPENDIX_LAYOUT))
        placement.bind(slide, APPENDIX_LAYOUT)
        found = slots(slide)
        _slot(found, 0, slide).text_frame.text = title + (" (continued)" if start else "")
        _fill_table(_slot(found, 1, slide), headers, rows[start : start + ROWS_PER_SLIDE])
        drop_empty_placeholders(slide)
        added.append(slide)
    return added
