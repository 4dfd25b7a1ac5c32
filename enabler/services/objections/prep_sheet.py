"""The rep prep sheet: one page with the checklist, the approved answers and the battlecards.

The page budget is one page whatever the data: the sheet is prepared at a few levels of
detail, most detailed first, and the first that fits is written. Long notes and texts are
clipped on the sheet only; the library keeps them whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.objections import ChecklistItem, ObjectionChecklist, ObjectionState
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ProspectRef
from enabler.export.html_pdf import render_html
from enabler.export.prep_sheet import FittedPdf, write_fitting_pdf
from enabler.render.text import xml_safe
from enabler.services.objections.checklists import battlecards_in_play, checklist, proof_titles
from enabler.services.output_guard import check_outputs
from enabler.store import settings

TEMPLATE = "prep_sheet"  # templates/prep_sheet/
PAGE = "prep_sheet.html"
# On the sheet, what needs attention comes first.
SHEET_ORDER = (
    ObjectionState.RAISED,
    ObjectionState.OPEN,
    ObjectionState.PARKED,
    ObjectionState.ANSWERED,
)


@dataclass(frozen=True, slots=True)
class Detail:
    """How much of everything one rendering shows."""

    density: str  # CSS class on <body>: "", "compact" or "tight"
    max_items: int
    text_chars: int
    note_chars: int
    reason_chars: int
    max_answers: int
    answer_states: tuple[ObjectionState, ...]
    max_cards: int
    card_items: int
    strengths: bool


RAISED_OR_OPEN = (ObjectionState.RAISED, ObjectionState.OPEN)
RAISED_ONLY = (ObjectionState.RAISED,)
DETAILS = (  # most detailed first
    Detail(
        density="",
        max_items=20,
        text_chars=240,
        note_chars=200,
        reason_chars=120,
        max_answers=4,
        answer_states=RAISED_OR_OPEN,
        max_cards=3,
        card_items=4,
        strengths=True,
    ),
    Detail(
        density="compact",
        max_items=16,
        text_chars=160,
        note_chars=140,
        reason_chars=90,
        max_answers=3,
        answer_states=RAISED_OR_OPEN,
        max_cards=2,
        card_items=3,
        strengths=True,
    ),
    Detail(
        density="tight",
        max_items=12,
        text_chars=120,
        note_chars=80,
        reason_chars=0,
        max_answers=3,
        answer_states=RAISED_ONLY,
        max_cards=2,
        card_items=2,
        strengths=False,
    ),
    Detail(
        density="tight",
        max_items=8,
        text_chars=90,
        note_chars=50,
        reason_chars=0,
        max_answers=2,
        answer_states=RAISED_ONLY,
        max_cards=1,
        card_items=2,
        strengths=False,
    ),
)


def clip(text: str, limit: int) -> str:
    """One line of at most `limit` characters, XML-safe, with … when cut."""
    flat = " ".join(xml_safe(text or "").split())
    if limit <= 0:
        return ""
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _sheet_items(cl: ObjectionChecklist) -> list[ChecklistItem]:
    return sorted(cl.items, key=lambda i: SHEET_ORDER.index(i.state))


def _answers(db, cl: ObjectionChecklist, d: Detail) -> list[dict]:
    out = []
    for item in _sheet_items(cl):
        obj = item.objection
        if item.state not in d.answer_states or obj is None or not obj.answer.parts():
            continue
        parts = [(label, clip(text, d.text_chars)) for label, text in obj.answer.parts()]
        titles = [p["title"] for p in proof_titles(db, obj.proof_modules)]
        out.append({"text": clip(obj.text, d.text_chars), "parts": parts, "proof_modules": titles})
    return out[: d.max_answers]


def _card(card, d: Detail) -> dict:
    n, c = d.card_items, d.text_chars
    won, lost = card.record
    return {
        "competitor": clip(card.competitor, 60),
        "summary": clip(card.summary, c),
        "record": f"Won {won} · Lost {lost}" if card.win_loss else "",
        "differentiators": [
            {"claim": clip(x.claim, c), "proof": clip(x.proof, c)} for x in card.differentiators[:n]
        ],
        "pitches": [
            {"claim": clip(p.claim, c), "neutralise": clip(p.neutralise, c)}
            for p in card.pitches[: max(1, n // 2)]
        ],
        "landmines": [clip(q, c) for q in card.landmines[:n]],
        "strengths": [clip(s, c) for s in card.strengths] if d.strengths else [],
    }


def sheet_data(
    db: sqlite_utils.Database, cl: ObjectionChecklist, d: Detail, today: dt.date
) -> dict:
    """Everything the template shows, clipped to the detail level; plain, XML-safe values."""
    p = cl.prospect
    items = _sheet_items(cl)
    cards = battlecards_in_play(db, cl)
    vendor = settings.get(db, "vendor", {}) or {}
    return {
        "density": d.density,
        "vendor": clip(vendor.get("product") or vendor.get("name") or "Enabler", 60),
        "generated": today.isoformat(),
        "prospect": {
            "company": clip(p.company, 80),
            "industry": clip(p.industry, 60),
            "stage": p.stage.label,
            "next_meeting": p.next_meeting.isoformat() if p.next_meeting else "",
            "rep": clip(p.owner_rep, 60),
            "competitors": [clip(c, 40) for c in cl.competitors],
        },
        "progress": {"label": cl.progress.label},
        "items": [
            {
                "text": clip(i.text, d.text_chars),
                "state": i.state.value,
                "state_label": i.state.label,
                "category": i.category.label,
                "reason": clip(i.reason, d.reason_chars),
                "note": clip(i.note, d.note_chars),
                "date": i.changed_on.isoformat() if i.changed_on else "",
            }
            for i in items[: d.max_items]
        ],
        "more_items": max(0, len(items) - d.max_items),
        "answers": _answers(db, cl, d),
        "battlecards": [_card(c, d) for c in cards[: d.max_cards]],
        "more_cards": max(0, len(cards) - d.max_cards),
    }


def write_prep_sheet(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    out: Path | str,
    today: dt.date | None = None,
) -> FittedPdf:
    """Write the one-page prep sheet PDF for `prospect` (a Prospect or a ref to one) to `out`."""
    check_outputs([out], db=db)
    cl = checklist(db, prospect)
    today = today or dt.date.today()
    pages = [render_html(TEMPLATE, PAGE, sheet_data(db, cl, d, today)) for d in DETAILS]
    return write_fitting_pdf(pages, TEMPLATE, out, max_pages=1)
