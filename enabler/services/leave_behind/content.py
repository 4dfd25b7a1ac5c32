"""What goes into a leave-behind: the prospect's priorities in their words, how approved
modules answer each, references, next steps and the rep's contact. Plain data, no markup.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field

import sqlite_utils
from PIL import Image

from enabler.domain.modules import Module, ModuleState, SmartContent, SmartLayout
from enabler.domain.prospects import Insight, Prospect
from enabler.domain.recommend.keywords import keywords
from enabler.errors import EnablerError
from enabler.export.html_pdf import data_url
from enabler.render.templating import engine as templating
from enabler.store import assets
from enabler.store import modules as module_store

PRIORITY_KINDS = {"pain", "goal"}
MAX_PRIORITIES = 6
MAX_REFERENCES = 4
_LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


@dataclass(frozen=True, slots=True)
class SectionItem:
    heading: str = ""
    text: str = ""
    bullets: tuple[str, ...] = ()
    note: str = ""  # small print: a source, an attribution
    kind: str = ""  # how to show it: "" (text and bullets), "quote", "metric"


@dataclass(frozen=True, slots=True)
class Priority:
    text: str
    source: str = ""  # who said it and when, for quoted insights
    quoted: bool = False  # their exact words (an insight), not our summary


@dataclass(frozen=True, slots=True)
class Library:
    """Approved modules with their current content, looked up once per document."""

    items: tuple[tuple[Module, SmartContent], ...]
    # Why modules were left out of this document (a template that fails to fill), one line each.
    skipped: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, db: sqlite_utils.Database, prospect: Prospect) -> Library:
        out = []
        for module in module_store.list_modules(db, ModuleState.APPROVED):
            if not module.fits_industry(prospect.industry) or module.current_version_id is None:
                continue
            content = module_store.get_version(db, module.current_version_id).content
            if content is not None:
                out.append((module, content))
        return cls(tuple(out))


def _fill(text: str, ctx: Mapping, where: str, skipped: list[str]) -> str | None:
    """The text with its fields filled, or None when it cannot be (missing field, bad or too
    costly template); why goes to `skipped`, once per module."""
    try:
        return templating.render(text, ctx, where)
    except EnablerError as exc:
        if not any(line.startswith(f"{where}:") for line in skipped):
            skipped.append(f"{exc} Left out of the leave-behind.")
        return None


def priorities(prospect: Prospect, insights: list[Insight]) -> list[Priority]:
    """Their pains and goals: quoted insights first, then the ones on the prospect record."""
    out: list[Priority] = []
    seen: set[str] = set()
    for insight in insights:
        if insight.kind.value not in PRIORITY_KINDS or not insight.text.strip():
            continue
        when = insight.date.strftime("%d %b %Y").lstrip("0") if insight.date else ""
        if insight.date and insight.date.isoformat() in insight.source:
            when = ""  # the source already says when
        source = ", ".join(part for part in (insight.source, when) if part)
        out.append(Priority(insight.text.strip(), source, quoted=True))
        seen.add(insight.text.strip().casefold())
    for text in (*prospect.pains, *prospect.goals):
        if text.strip() and text.strip().casefold() not in seen:
            out.append(Priority(text.strip()))
            seen.add(text.strip().casefold())
    return out[:MAX_PRIORITIES]


def _points(content: SmartContent) -> list[str]:
    if content.bullets:
        return list(content.bullets)
    if content.columns:
        return [b for col in content.columns for b in col.bullets]
    if content.metric:
        return [f"{content.metric} {content.metric_label}".strip()]
    return [t for t in (content.subtitle, content.caption, content.quote) if t]


def _searchable(module: Module, content: SmartContent) -> frozenset[str]:
    return keywords(" ".join([*content.texts(), *module.tags]))


def answers(library: Library, wanted: list[Priority], ctx: Mapping) -> list[SectionItem]:
    """For each priority, the approved module that speaks to it most directly."""
    candidates = [
        (module, content, _searchable(module, content))
        for module, content in library.items
        if not (module.is_section or module.is_closing)
        and content.layout not in (SmartLayout.SECTION, SmartLayout.LOGO_STRIP)
    ]
    out, used = [], set()
    for priority in wanted:
        words = keywords(priority.text)
        scored = [
            (len(words & found), -module.id, module, content)
            for module, content, found in candidates
            if module.id not in used and words & found
        ]
        if not scored:
            continue
        _, _, module, content = max(scored, key=lambda s: (s[0], s[1]))
        where = f"Module {module.key!r}"
        title = _fill(content.title, ctx, where, library.skipped)
        points = [_fill(p, ctx, where, library.skipped) for p in _points(content)[:4]]
        if title is None or any(p is None for p in points):
            continue
        used.add(module.id)
        out.append(SectionItem(priority.text, title, tuple(p for p in points if p)))
    return out


MIN_REFERENCES = 2  # fewer than this from the closest customers: add from the next tier


def _industry_tier(module: Module) -> int:
    """Of modules fitting the prospect (`Library.load`): 0 made for their industry alone, 1 for
    several with theirs among them, 2 for any industry."""
    if not module.industries:
        return 2
    return 0 if len(module.industries) == 1 else 1


def _closest_customers(library: Library) -> list[tuple[Module, SmartContent]]:
    """Proof modules from customers most like the prospect: their industry first, broader ones
    only while there are too few (a bank's quote never stands in for a hospital's)."""
    proof = [
        (m, c) for m, c in library.items if {"case-study", "proof", "references"} & set(m.tags)
    ]
    chosen: list[tuple[Module, SmartContent]] = []
    for tier in (0, 1, 2):
        if len(chosen) >= MIN_REFERENCES:
            break
        chosen += [(m, c) for m, c in proof if _industry_tier(m) == tier]
    return chosen


def references(library: Library, ctx: Mapping) -> list[SectionItem]:
    """Customer proof: headline metrics and quotes from approved case-study modules, from
    customers in the prospect's industry first."""
    metrics, quotes = [], []
    for module, content in _closest_customers(library):
        where = f"Module {module.key!r}"
        title = _fill(content.title, ctx, where, library.skipped)
        if title is None:
            continue  # a title that cannot be filled: the module is left out, with a warning
        if content.layout is SmartLayout.QUOTE and content.quote:
            quote = _fill(content.quote, ctx, where, library.skipped)
            if quote:
                who = _fill(content.attribution, ctx, where, library.skipped) or ""
                quotes.append(SectionItem(title, quote, note=who, kind="quote"))
        elif content.layout is SmartLayout.BIG_NUMBER and content.metric:
            metric = _fill(content.metric, ctx, where, library.skipped)
            if metric:
                label = _fill(content.metric_label, ctx, where, library.skipped) or ""
                metrics.append(SectionItem(metric, label, note=title, kind="metric"))
    # Alternating metric and quote reads better than all of one kind first.
    mixed = [x for pair in zip(metrics, quotes, strict=False) for x in pair]
    mixed += metrics[len(quotes) :] + quotes[len(metrics) :]
    return mixed[:MAX_REFERENCES]


def next_steps(library: Library, prospect: Prospect, ctx: Mapping) -> list[str]:
    """The closing module for the prospect's stage, as a list of steps."""
    for module, content in library.items:
        if module.is_closing and prospect.stage in module.stages and content.bullets:
            where = f"Module {module.key!r}"
            steps = [_fill(b, ctx, where, library.skipped) for b in content.bullets]
            if all(s is not None for s in steps):
                return [s for s in steps if s]
    return []


def logo_url(db: sqlite_utils.Database, sha: str) -> str:
    """The prospect's logo as a data: URL (raster images only), or ''."""
    if not sha or not assets.exists(db, sha):
        return ""
    blob = assets.get(db, sha)
    try:
        with Image.open(io.BytesIO(blob)) as im:
            mime = _LOGO_TYPES.get(im.format or "")
    except Exception:  # Pillow raises many types for bad data; any means "no logo"
        return ""
    return data_url(blob, mime) if mime else ""
