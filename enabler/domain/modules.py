"""Library modules: what marketing approves and reps assemble into decks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """Funnel stage a module (or a prospect) belongs to."""

    AWARENESS = "awareness"
    CONSIDERATION = "consideration"
    DECISION = "decision"
    POST_SALE = "post_sale"

    @property
    def label(self) -> str:
        return self.value.replace("_", "-").capitalize()


class ModuleState(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    RETIRED = "retired"


class ModuleKind(StrEnum):
    SMART = "smart"
    DESIGNED = "designed"


class SmartLayout(StrEnum):
    """How a smart module's content is laid out; each maps to a brand-template layout."""

    SECTION = "section"
    BULLETS = "bullets"
    TWO_COLUMN = "two_column"
    QUOTE = "quote"
    BIG_NUMBER = "big_number"
    IMAGE_TEXT = "image_text"
    TABLE = "table"
    LOGO_STRIP = "logo_strip"
    CLOSING = "closing"
    OBJECTION_APPENDIX = "objection_appendix"  # generated: answers to the prospect's objections
    WHY_US = "why_us"  # generated: one "why us versus X" slide per competitor in play
    CRITERIA = "criteria"  # generated: the prospect's evaluation criteria and where we stand
    PATH_TO_DECISION = "path_to_decision"  # generated: the mutual action plan as a timeline
    ROI_SUMMARY = "roi_summary"  # generated: business-case headline figures and assumptions
    ROI_CASHFLOW = "roi_cashflow"  # generated: net benefit by year and cumulative cash charts
    ROI_TORNADO = "roi_tornado"  # generated: NPV sensitivity per driver (tornado chart)


@dataclass(frozen=True, slots=True)
class Column:
    heading: str
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SmartContent:
    """Structured content of a smart module. Which fields matter depends on the layout."""

    layout: SmartLayout
    title: str
    subtitle: str = ""
    bullets: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    quote: str = ""
    attribution: str = ""
    metric: str = ""
    metric_label: str = ""
    image: str = ""  # sha256 of an asset
    caption: str = ""
    table: tuple[tuple[str, ...], ...] = ()  # first row is the header
    logos: tuple[str, ...] = ()  # sha256 of assets

    def texts(self) -> list[str]:
        """Every piece of text that goes through templating, in reading order."""
        out = [self.title, self.subtitle, *self.bullets]
        for col in self.columns:
            out += [col.heading, *col.bullets]
        out += [self.quote, self.attribution, self.metric, self.metric_label, self.caption]
        for row in self.table:
            out += list(row)
        return [t for t in out if t]

    def image_refs(self) -> list[str]:
        return [s for s in (self.image, *self.logos) if s]


class SlideFormatting(StrEnum):
    """How a designed slide looks in a deck, as PowerPoint's *Reuse slides* offers."""

    SOURCE = "source"  # keep source formatting: its own layout, master and theme
    DECK = "deck"  # use the deck's template: closest layout, colours kept readable

    @property
    def label(self) -> str:
        return (
            "keep source formatting"
            if self is SlideFormatting.SOURCE
            else "use the deck's template"
        )


@dataclass(frozen=True, slots=True)
class ModuleVersion:
    """An immutable version of a module's content."""

    id: int
    module_id: int
    number: int
    kind: ModuleKind
    content: SmartContent | None
    talking_points: str = ""
    created_at: dt.datetime | None = None
    created_by: str = ""
    source_blob: str = ""  # sha256 of the source slide for designed modules
    fields: tuple[str, ...] = ()  # {{ fields }} a designed slide uses, e.g. "prospect.company"
    condition: str = ""  # designed: show only when this sandbox expression holds
    repeat: str = ""  # designed: one slide per item of this list (dotted path, e.g. "contacts")
    thumbnail: str = ""  # designed: sha256 of a PNG preview, when LibreOffice made one
    formatting: SlideFormatting = SlideFormatting.SOURCE  # designed: whose look it keeps


@dataclass(frozen=True, slots=True)
class Module:
    """A governed library entry; its content lives in versions."""

    id: int
    key: str
    title: str
    state: ModuleState
    owner: str
    stages: tuple[Stage, ...] = ()
    industries: tuple[str, ...] = ()  # empty = every industry
    personas: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    review_by: dt.date | None = None
    current_version_id: int | None = None

    def fits_industry(self, industry: str) -> bool:
        return not self.industries or industry.casefold() in {i.casefold() for i in self.industries}

    @property
    def is_section(self) -> bool:
        return "section" in self.tags

    @property
    def is_closing(self) -> bool:
        return "closing" in self.tags


def content_from_dict(data: dict) -> SmartContent:
    """Build SmartContent from its JSON form (as stored, or as written in a demo file)."""
    known = set(SmartContent.__slots__)
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"unknown content fields: {', '.join(sorted(unknown))}")
    return SmartContent(
        layout=SmartLayout(data["layout"]),
        title=str(data.get("title", "")),
        subtitle=str(data.get("subtitle", "")),
        bullets=tuple(str(b) for b in data.get("bullets", ())),
        columns=tuple(
            Column(str(c.get("heading", "")), tuple(str(b) for b in c.get("bullets", ())))
            for c in data.get("columns", ())
        ),
        quote=str(data.get("quote", "")),
        attribution=str(data.get("attribution", "")),
        metric=str(data.get("metric", "")),
        metric_label=str(data.get("metric_label", "")),
        image=str(data.get("image", "")),
        caption=str(data.get("caption", "")),
        table=tuple(tuple(str(c) for c in row) for row in data.get("table", ())),
        logos=tuple(str(s) for s in data.get("logos", ())),
    )


def content_to_dict(content: SmartContent) -> dict:
    """The JSON form of SmartContent, leaving out empty fields."""
    data: dict = {"layout": content.layout.value, "title": content.title}
    for name in SmartContent.__slots__:
        if name in ("layout", "title"):
            continue
        value = getattr(content, name)
        if not value:
            continue
        if name == "columns":
            value = [{"heading": c.heading, "bullets": list(c.bullets)} for c in value]
        elif name == "table":
            value = [list(row) for row in value]
        elif isinstance(value, tuple):
            value = list(value)
        data[name] = value
    return data
