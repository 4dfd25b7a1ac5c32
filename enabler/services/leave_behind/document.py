"""The leave-behind: a designed PDF a rep sends after the call (HTML + CSS → WeasyPrint).

Cover, their priorities in their words, how we address each, then every section a feature
contributes through SECTION_PROVIDERS (ROI summary with its chart, answers to the objections
they raised…), references, next steps and the rep's contact. Without any provider the document
is still complete: the fixed sections stand on their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ProspectRef
from enabler.errors import EnablerError
from enabler.export import html_pdf
from enabler.export.file_kind import require_extension
from enabler.services.deck.context import template_context
from enabler.services.leave_behind import content
from enabler.services.leave_behind.content import SectionItem
from enabler.services.objections.checklists import leave_behind_objections
from enabler.services.output_guard import check_outputs
from enabler.services.roi.business_case import leave_behind_roi
from enabler.store import prospects as prospect_store
from enabler.store import settings

TEMPLATE_DIR = "leave_behind"
MAX_ANTICIPATED = 3  # likely questions in the leave-behind: the top few, not the whole list


@dataclass(frozen=True, slots=True)
class LeaveBehindSection:
    """A section contributed by a feature. Text only: the template escapes every string.

    `chart_svg` is a whole SVG document, shown as an image (its own references go through the
    same locked-down fetcher as everything else).
    """

    key: str
    title: str
    intro: str = ""
    items: tuple[SectionItem, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()  # first row is the header
    chart_svg: str = ""
    chart_title: str = ""
    notes: tuple[str, ...] = ()
    placement: str = "main"  # "end": after every other section (extras that fill the last page)


def roi_section(db: sqlite_utils.Database, prospect: Prospect) -> LeaveBehindSection | None:
    """The business case (enabler.services.roi.business_case): headline figures and cumulative cash
    chart."""
    roi = leave_behind_roi(db, prospect)
    if not roi:
        return None
    rows = [("", roi.get("scenario", "Expected") or "Expected", "Before risk adjustment")]
    rows += [(h["label"], h["value"], h.get("unadjusted", "")) for h in roi.get("headline", ())]
    return LeaveBehindSection(
        key="roi",
        title=roi.get("title") or "Your business case",
        intro="The figures below come from the numbers your team shared with us.",
        table=tuple(rows),
        chart_svg=roi.get("chart_svg", ""),
        chart_title=roi.get("chart_title", ""),
        notes=tuple(roi.get("notes", ())) + tuple(roi.get("flags", ())),
    )


def _answer_items(answers: list[dict]) -> tuple[SectionItem, ...]:
    return tuple(
        SectionItem(
            heading=o["objection"],
            text=" ".join(p for p in (o.get("acknowledge", ""), o.get("answer", "")) if p),
            bullets=tuple(p for p in (o.get("proof", ""),) if p),
            note=o.get("category", ""),
        )
        for o in answers
    )


def objections_section(db: sqlite_utils.Database, prospect: Prospect) -> LeaveBehindSection | None:
    """Approved answers to what the buyer raised or we answered (the deck's rule)."""
    heard = leave_behind_objections(db, prospect, "heard")
    if not heard:
        return None
    return LeaveBehindSection(
        key="objections",
        title="Your questions, answered",
        intro="The concerns your team raised, and our answers.",
        items=_answer_items(heard),
    )


def anticipated_section(db: sqlite_utils.Database, prospect: Prospect) -> LeaveBehindSection | None:
    """Likely questions nobody raised yet, under a title that does not claim they did."""
    likely = (leave_behind_objections(db, prospect, "anticipated") or [])[:MAX_ANTICIPATED]
    if not likely:
        return None
    return LeaveBehindSection(
        key="anticipated",
        title="Questions teams like yours often ask",
        intro="Not raised in our conversations so far; answered here in case they come up.",
        items=_answer_items(likely),
        placement="end",
    )


# Each provider adds one section, or None when it has nothing for this prospect.
# Signature: (db, prospect) -> LeaveBehindSection | None. Add one line per feature.
SectionProvider = Callable[[sqlite_utils.Database, Prospect], LeaveBehindSection | None]
SECTION_PROVIDERS: tuple[SectionProvider, ...] = (
    roi_section,
    objections_section,
    anticipated_section,
)


@dataclass(frozen=True, slots=True)
class LeaveBehindResult:
    path: Path
    company: str
    pages: int
    sections: tuple[str, ...]  # section titles, in order
    warnings: tuple[str, ...] = ()  # modules or sections left out, and why


def document_data(
    db: sqlite_utils.Database, prospect: Prospect, rep: str = "", today: dt.date | None = None
) -> dict:
    """Everything the template shows, as plain values."""
    today = today or dt.date.today()
    contacts = prospect_store.contacts(db, prospect.id)
    contact = contacts[0] if contacts else None
    rep = rep or prospect.owner_rep
    plan = DeckPlan(prospect=prospect, modules=(), contact=contact, rep=rep, date=today)
    ctx = template_context(db, plan)
    library = content.Library.load(db, prospect)
    wanted = content.priorities(prospect, prospect_store.insights(db, prospect.id))
    vendor = settings.get(db, "vendor", {}) or {}
    rep_card = (settings.get(db, "reps", {}) or {}).get(rep, {})
    extra = [s for s in _provided_sections(db, prospect, library.skipped) if s]
    return {
        "vendor": {
            "name": vendor.get("name", ""),
            "tagline": vendor.get("tagline", ""),
            "website": vendor.get("website", ""),
        },
        "prospect": {
            "company": prospect.company,
            "industry": prospect.industry,
            "logo": content.logo_url(db, prospect.logo),
        },
        "contact": {"name": contact.name, "title": contact.title} if contact else None,
        "date": today.strftime("%d %B %Y").lstrip("0"),
        "priorities": wanted,
        "answers": content.answers(library, wanted, ctx),
        "sections": [_section_view(s) for s in extra],
        "references": content.references(library, ctx),
        "next_steps": content.next_steps(library, prospect, ctx),
        "warnings": library.skipped,
        # A meeting already past is never announced as the next conversation.
        "next_meeting": prospect.next_meeting.strftime("%d %B %Y").lstrip("0")
        if prospect.next_meeting and prospect.next_meeting >= today
        else "",
        "rep": {
            "name": rep,
            "title": rep_card.get("title", ""),
            "email": rep_card.get("email", ""),
            "phone": rep_card.get("phone", ""),
        },
    }


def _provided_sections(
    db: sqlite_utils.Database, prospect: Prospect, skipped: list[str]
) -> list[LeaveBehindSection | None]:
    """Each provider's section; one that fails is left out with a warning, not the document."""
    out = []
    for provider in SECTION_PROVIDERS:
        try:
            out.append(provider(db, prospect))
        except EnablerError as exc:
            skipped.append(f"{exc} Left out of the leave-behind.")
    return out


def _section_view(section: LeaveBehindSection) -> dict:
    chart = html_pdf.data_url(section.chart_svg.encode("utf-8"), "image/svg+xml")
    return {
        "key": section.key,
        "title": section.title,
        "intro": section.intro,
        "entries": section.items,
        "header": section.table[0] if section.table else (),
        "rows": section.table[1:],
        "chart": chart if section.chart_svg else "",
        "chart_title": section.chart_title,
        "notes": section.notes,
        "placement": section.placement,
    }


def section_titles(data: dict) -> tuple[str, ...]:
    titles = ["Cover"]
    if data["priorities"]:
        titles.append("Your priorities")
    if data["answers"]:
        titles.append("How we address them")
    titles += [s["title"] for s in data["sections"] if s["placement"] != "end"]
    titles += [s["title"] for s in data["sections"] if s["placement"] == "end"]
    titles.append("Next steps")
    if data["references"]:
        titles.append("References")
    titles.append("Contact")
    return tuple(titles)


def render_leave_behind(data: dict) -> str:
    return html_pdf.render_html(TEMPLATE_DIR, "leave_behind.html", data)


def build_leave_behind(
    db: sqlite_utils.Database,
    prospect_ref: ProspectRef,
    out: Path | str,
    rep: str = "",
    today: dt.date | None = None,
    fetcher=None,
) -> LeaveBehindResult:
    """Write the prospect's leave-behind PDF to `out` (atomically); `out` must end in .pdf."""
    check_outputs([out], db=db)
    out = require_extension(out, ".pdf")
    prospect = prospect_store.find(db, prospect_ref)
    data = document_data(db, prospect, rep, today)
    html = render_leave_behind(data)
    result = html_pdf.write_pdf(html, TEMPLATE_DIR, out, fetcher)
    return LeaveBehindResult(
        result.path,
        prospect.company,
        result.pages,
        section_titles(data),
        tuple(data["warnings"]),
    )
