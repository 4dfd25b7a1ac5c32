"""Preflight: what must be fixed (errors) or looked at (warnings) before a deck is shown.

Pure rules over facts gathered elsewhere (the deck scan and the library). Errors stop PDF
export unless forced: an unfilled field, text that overflows its frame even after shrinking, a
missing image, a retired module. Warnings are listed: low-resolution images, modules past their
review date or with a newer version, a long deck, fields left in speaker notes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from enabler.domain.frame_layout import TextArea, collisions, harmless_spill, off_slide
from enabler.domain.modules import ModuleState

_FIELD = re.compile(r"\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)|\{#.*?(?:#\}|$)", re.S)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Check(StrEnum):
    UNFILLED_FIELD = "unfilled_field"
    OVERFLOW = "overflow"
    MISSING_IMAGE = "missing_image"
    LOW_RESOLUTION = "low_resolution"
    RETIRED_MODULE = "retired_module"
    STALE_MODULE = "stale_module"
    UNKNOWN_MODULE = "unknown_module"
    OUTDATED_VERSION = "outdated_version"
    TOO_LONG = "too_long"
    NO_PROVENANCE = "no_provenance"
    OFF_SLIDE = "off_slide"
    COLLISION = "collision"
    LOW_CONTRAST = "low_contrast"
    PAST_DUE_STEPS = "past_due_steps"


@dataclass(frozen=True, slots=True)
class Policy:
    """Limits a library may tune (settings key "preflight")."""

    max_slides: int = 30
    min_dpi: float = 150.0
    min_font_scale: float = 0.7  # shrinking below this counts as overflow


@dataclass(frozen=True, slots=True)
class ShapeText:
    slide: int  # 1-based
    shape: str
    text: str
    in_notes: bool = False


@dataclass(frozen=True, slots=True)
class TextFit:
    slide: int
    shape: str
    fits: bool
    scale: float
    needed_pt: float
    available_pt: float
    excerpt: str = ""
    too_wide: bool = False
    approximate: bool = False  # the text's font was not available; a stand-in measured it


@dataclass(frozen=True, slots=True)
class PlacedImage:
    slide: int
    shape: str
    missing: bool = False
    linked: bool = False  # refers to a file outside the deck
    px_width: int = 0
    px_height: int = 0
    placed_width_in: float = 0.0
    placed_height_in: float = 0.0

    @property
    def dpi(self) -> float | None:
        """Effective resolution at the placed size (the lower of the two axes)."""
        if not (self.px_width and self.placed_width_in and self.placed_height_in):
            return None
        return min(self.px_width / self.placed_width_in, self.px_height / self.placed_height_in)


@dataclass(frozen=True, slots=True)
class UsedModule:
    """A module version the deck was built from, and what the library says of it now."""

    key: str
    used_version: int
    state: ModuleState | None = None  # None: no longer in this library
    review_by: dt.date | None = None
    current_version: int | None = None


@dataclass(frozen=True, slots=True)
class LowContrast:
    """Text that reads below 4.5:1 (WCAG AA) on the colour behind it."""

    slide: int  # 1-based
    shape: str
    text: str
    ratio: float


@dataclass(frozen=True, slots=True)
class DeckFacts:
    slides: int
    texts: tuple[ShapeText, ...] = ()
    fits: tuple[TextFit, ...] = ()
    images: tuple[PlacedImage, ...] = ()
    modules: tuple[UsedModule, ...] | None = None  # None: the deck has no provenance
    text_areas: tuple[TextArea, ...] = ()  # where each frame's text is printed
    slide_size: tuple[int, int] | None = None  # EMU; None: where text lands is not checked
    low_contrast: tuple[LowContrast, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    check: Check
    message: str
    slide: int | None = None
    shape: str = ""

    def to_dict(self) -> dict:
        return {
            "severity": self.severity.value,
            "check": self.check.value,
            "slide": self.slide,
            "shape": self.shape,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class PreflightReport:
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        return not self.errors

    def adding(self, findings: tuple[Finding, ...]) -> PreflightReport:
        """This report with `findings` added after its own."""
        return PreflightReport((*self.findings, *findings)) if findings else self

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "findings": [f.to_dict() for f in self.findings],
        }


def _where(slide: int | None, shape: str) -> str:
    if slide is None:
        return "Deck"
    return f"Slide {slide}" + (f", {shape!r}" if shape else "")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_E, _W = Severity.ERROR, Severity.WARNING
# Font metrics and line heights differ from a renderer's by a few per cent: less than a
# quarter of a centimetre (under one line of small text) past the frame is no finding.
OVERFLOW_TOLERANCE_CM = 0.25


def _fields(texts, out: list[Finding]) -> None:
    for item in texts:
        where = _where(item.slide, item.shape)
        for match in _FIELD.finditer(item.text):
            field_text = _short(match.group())
            if item.in_notes:
                message = f"{where} (speaker notes): unfilled field {field_text}."
                out.append(Finding(_W, Check.UNFILLED_FIELD, message, item.slide, item.shape))
                continue
            message = (
                f"{where}: unfilled field {field_text}; give it a value or fix the module's text."
            )
            out.append(Finding(_E, Check.UNFILLED_FIELD, message, item.slide, item.shape))


def _overflow(fits, out: list[Finding], facts: DeckFacts | None = None) -> None:
    areas = {(a.slide, a.shape): a for a in facts.text_areas} if facts else {}
    for fit in fits:
        if fit.fits:
            continue
        if fit.too_wide:
            detail = "a line is wider than the frame"
        else:
            over_cm = (fit.needed_pt - fit.available_pt) * 2.54 / 72
            if over_cm < OVERFLOW_TOLERANCE_CM:  # within the measure's error: not a finding
                continue
            shrunk = f" even at {fit.scale:.0%} size" if fit.scale < 1 else ""
            detail = f"text is {over_cm:.1f} cm taller than its frame{shrunk}"
        message = (
            f"{_where(fit.slide, fit.shape)}: {detail} (“{_short(fit.excerpt, 40)}”). "
            "Shorten the text or split the slide."
        )
        area = areas.get((fit.slide, fit.shape))
        if (
            area is not None
            and area.spill_bottom is not None
            and facts is not None
            and facts.slide_size is not None
            and harmless_spill(area, facts.text_areas, *facts.slide_size)
        ):
            # Drawn in full past its frame, on the slide, over no other text: not an error.
            message += " (It stays on the slide and clear of other text: check it by eye.)"
            out.append(Finding(_W, Check.OVERFLOW, message, fit.slide, fit.shape))
            continue
        if fit.approximate:
            # Measured with a stand-in font: likely, not certain, so it does not block export.
            message += " (Measured with a stand-in for the deck's font: check it by eye.)"
            out.append(Finding(_W, Check.OVERFLOW, message, fit.slide, fit.shape))
            continue
        out.append(Finding(_E, Check.OVERFLOW, message, fit.slide, fit.shape))


def _placement(facts: DeckFacts, out: list[Finding]) -> None:
    """Text past the slide's edge, and texts printed over each other (as a render shows)."""
    if facts.slide_size is None:
        return
    for area, detail in off_slide(facts.text_areas, *facts.slide_size):
        message = (
            f"{_where(area.slide, area.shape)}: the text {detail} "
            f"(“{_short(area.excerpt, 40)}”). Shorten the text or move the frame."
        )
        out.append(Finding(_E, Check.OFF_SLIDE, message, area.slide, area.shape))
    for a, b in collisions(facts.text_areas):
        message = (
            f"{_where(a.slide, a.shape)}: its text is printed over the text of {b.shape!r} "
            f"(“{_short(b.excerpt, 40)}”). Move or shorten one of them."
        )
        out.append(Finding(_W, Check.COLLISION, message, a.slide, a.shape))


def _images(images, policy: Policy, out: list[Finding]) -> None:
    for image in images:
        where, slide, shape = _where(image.slide, image.shape), image.slide, image.shape
        if image.missing:
            message = f"{where}: the image is missing or unreadable; replace it."
            out.append(Finding(_E, Check.MISSING_IMAGE, message, slide, shape))
        elif image.linked:
            message = f"{where}: the image is linked to an outside file, not embedded; insert it."
            out.append(Finding(_E, Check.MISSING_IMAGE, message, slide, shape))
        elif image.dpi is not None and image.dpi < policy.min_dpi:
            message = (
                f"{where}: the image is {image.dpi:.0f} dpi at its placed size (below "
                f"{policy.min_dpi:.0f}); it may look blurred. Use a larger image."
            )
            out.append(Finding(_W, Check.LOW_RESOLUTION, message, slide, shape))


def _modules(modules, today: dt.date, out: list[Finding]) -> None:
    if modules is None:
        message = "Deck: no Enabler provenance inside, so module states could not be checked."
        out.append(Finding(_W, Check.NO_PROVENANCE, message))
        return
    for m in modules:
        name = f"Module {m.key!r} (v{m.used_version})"
        if m.state is None:
            message = f"{name} is not in this library; its status cannot be checked."
            out.append(Finding(_W, Check.UNKNOWN_MODULE, message))
            continue
        if m.state is ModuleState.RETIRED:
            message = f"{name} has been retired by marketing; rebuild the deck without it."
            out.append(Finding(_E, Check.RETIRED_MODULE, message))
        elif m.state is not ModuleState.APPROVED:
            message = f"{name} is no longer approved (now {m.state.value}); rebuild the deck."
            out.append(Finding(_E, Check.RETIRED_MODULE, message))
        if m.review_by is not None and m.review_by < today:
            message = (
                f"{name} was due for review on {m.review_by.isoformat()}; its claims may be "
                "out of date."
            )
            out.append(Finding(_W, Check.STALE_MODULE, message))
        if m.current_version is not None and m.current_version > m.used_version:
            message = f"{name} has a newer version (v{m.current_version}); rebuild to use it."
            out.append(Finding(_W, Check.OUTDATED_VERSION, message))


def _contrast(items, out: list[Finding]) -> None:
    for item in items:
        message = (
            f"{_where(item.slide, item.shape)}: “{_short(item.text, 40)}” reads at "
            f"{item.ratio:.1f}:1 on what is behind it (readable text needs 4.5:1); change its "
            "colour, or keep the module's source formatting."
        )
        out.append(Finding(_W, Check.LOW_CONTRAST, message, item.slide, item.shape))


def check(facts: DeckFacts, policy: Policy | None = None, today: dt.date | None = None):
    """Judge a deck's facts; findings in deck order, deck-level ones last."""
    policy = policy or Policy()
    today = today or dt.date.today()
    findings: list[Finding] = []
    _fields(facts.texts, findings)
    _overflow(facts.fits, findings, facts)
    _placement(facts, findings)
    _images(facts.images, policy, findings)
    _contrast(facts.low_contrast, findings)
    findings.sort(key=lambda f: (f.slide or 0, f.severity is not Severity.ERROR))
    if facts.slides > policy.max_slides:
        findings.append(
            Finding(
                Severity.WARNING,
                Check.TOO_LONG,
                f"Deck: {facts.slides} slides is more than {policy.max_slides}; consider "
                "cutting it down.",
            )
        )
    _modules(facts.modules, today, findings)
    return PreflightReport(tuple(findings))


def policy_from(settings: dict | None) -> Policy:
    """A Policy from the library's "preflight" setting; unknown keys are ignored."""
    settings = settings or {}
    base = Policy()
    return Policy(
        max_slides=int(settings.get("max_slides", base.max_slides)),
        min_dpi=float(settings.get("min_dpi", base.min_dpi)),
        min_font_scale=float(settings.get("min_font_scale", base.min_font_scale)),
    )
