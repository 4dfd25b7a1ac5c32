"""Designed slides brought in from PowerPoint: what an import found and did, in plain data."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

# Fields every deck can fill, by root; a root mapped to None accepts any attribute.
CORE_FIELDS: dict[str, frozenset[str] | None] = {
    "prospect": frozenset(
        {
            "company",
            "industry",
            "stage",
            "domain",
            "employees",
            "revenue",
            "region",
            "pains",
            "goals",
            "competitors",
            "top_pain",
            "top_goal",
            "current_vendor",
            "next_meeting",
            "currency",
        }
    ),
    "contact": frozenset({"name", "first_name", "title", "role", "persona"}),
    "contacts": None,
    "item": None,  # the current item of a repeating slide
    "repeat": frozenset({"index", "count"}),
    "rep": None,
    "vendor": None,
    "fields": None,
    "today": frozenset(),
}


class ImportStatus(StrEnum):
    CREATED = "created"  # a new draft module
    UPDATED = "updated"  # a new version of the module imported from this slide before
    UNCHANGED = "unchanged"  # same content as the module's latest version: nothing added
    SKIPPED = "skipped"  # the module cannot take a new version now (reason given)


@dataclass(frozen=True, slots=True)
class SlideSource:
    """One slide read from a file, checked and cut out as a single-slide package."""

    number: int  # 1-based position in the file
    identity: str  # stable across re-imports of the same file
    title: str
    blob: bytes  # the single-slide .pptx
    fingerprint: str  # changes only when the slide's content changes
    fields: tuple[str, ...] = ()
    unknown_fields: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()  # tags that do not parse, content dropped for safety…
    notes: str = ""
    text: str = ""  # every text on the slide, for search
    thumbnail: bytes | None = None


@dataclass(frozen=True, slots=True)
class ImportedSlide:
    number: int
    title: str
    status: ImportStatus
    module_id: int | None = None
    module_key: str = ""
    version: int | None = None
    fields: tuple[str, ...] = ()
    unknown_fields: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    thumbnail: bool = False
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ImportResult:
    source: str
    slides: tuple[ImportedSlide, ...] = field(default_factory=tuple)

    def count(self, status: ImportStatus) -> int:
        return sum(1 for s in self.slides if s.status is status)


def unknown_fields(fields: tuple[str, ...], extra_roots: frozenset[str] = frozenset()) -> tuple:
    """Fields no deck can fill: an unknown root, or an unknown attribute of a known one."""
    out = []
    for name in fields:
        root, _, rest = name.partition(".")
        if root in extra_roots:
            continue
        if root not in CORE_FIELDS:
            out.append(name)
            continue
        allowed = CORE_FIELDS[root]
        if allowed is not None and rest and rest.split(".")[0] not in allowed:
            out.append(name)
    return tuple(out)


def module_key(title: str, identity: str) -> str:
    """A readable, stable key: the title's words plus a short hash of the slide identity."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:40].rstrip("-")
    digest = hashlib.sha256(identity.encode()).hexdigest()[:6]
    return f"{words or 'slide'}-{digest}"


def slide_title(candidates: list[str], fallback: str) -> str:
    """The first non-empty candidate on one line, or `fallback`."""
    for text in candidates:
        line = " ".join(text.split())
        if line:
            return line[:120]
    return fallback
