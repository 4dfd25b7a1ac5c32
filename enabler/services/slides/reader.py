"""Read the slides of a PowerPoint file into `SlideSource`s: no library access, no thumbnails.

The file goes through the package guard first; each slide is cut out as a single-slide package,
its title, notes, text and `{{ fields }}` read, and what the guard removed noted on the slides
it came from. The slide import runs this in a limited child process (`isolated_read`).
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from lxml import etree
from pptx import Presentation

from enabler.domain.designed import SlideSource, slide_title, unknown_fields
from enabler.errors import InvalidInput
from enabler.render.designed.extract import cut_slide, fingerprint, normalise_slide
from enabler.render.designed.slide_package import SlidePackage
from enabler.render.ooxml import slide_creation_id
from enabler.render.templating import fields as field_scan
from enabler.render.templating.engine import refusals
from enabler.render.templating.tags import paragraph_text, paragraphs, tag_sources
from enabler.services.slides.package_guard import CheckedPackage, read_package

Progress = Callable[[int, int, str], None]  # (slides done, slides in all, current slide title)


def open_presentation(checked: CheckedPackage):
    """python-pptx's view of a checked package, or a one-line error."""
    try:
        return Presentation(io.BytesIO(checked.blob))
    except (KeyError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise InvalidInput(
            f"{checked.name}: PowerPoint content could not be read ({type(exc).__name__}: "
            f"{str(exc)[:80]}); open the file in PowerPoint, save it again and retry."
        ) from None
    except (etree.XMLSyntaxError, zipfile.BadZipFile):
        raise InvalidInput(
            f"{checked.name}: a part of the file is damaged; save it again in PowerPoint."
        ) from None


def _identity(slide, stem: str, taken: set[str]) -> str:
    """PowerPoint's creation id survives renames and re-ordering; else file name + slide id."""
    creation = slide_creation_id(slide._element)
    identity = f"p14:{creation}" if creation else ""
    if not identity or identity in taken:
        identity = f"{stem.casefold()}#{slide.slide_id}"
    taken.add(identity)
    return identity


def _read_slide(prs, slide, number: int, stem: str, taken: set[str], extra_roots) -> SlideSource:
    problems = normalise_slide(slide)
    title_shape = slide.shapes.title
    candidates = [title_shape.text_frame.text] if title_shape is not None else []
    candidates += [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
    blob = cut_slide(prs, slide)
    package = SlidePackage(blob)
    roots = package.text_roots()
    sources = [source for root in roots for source in tag_sources(root)]
    scanned = field_scan.scan(sources)
    refused = [f"tag would be refused at build: {r}" for t in sources for r in refusals(t)]
    text = "\n".join(t for t in (paragraph_text(p) for p in paragraphs(roots[0])) if t.strip())
    return SlideSource(
        number=number,
        identity=_identity(slide, stem, taken),
        title=slide_title(candidates, f"{stem} slide {number}"),
        blob=blob,
        fingerprint=fingerprint(package),
        fields=scanned.fields,
        unknown_fields=unknown_fields(scanned.fields, extra_roots),
        problems=(
            *problems,
            *(f"tag does not parse: {e}" for e in scanned.errors),
            *refused,
        ),
        notes=notes,
        text=text[:20_000],
    )


def _removals_by_slide(prs, checked: CheckedPackage) -> dict[int, tuple[str, ...]]:
    """What the guard removed, as notes on the slides it came from (file-wide: slide 1)."""
    if not checked.removed:
        return {}
    owners: dict[str, list[int]] = {}
    for number, slide in enumerate(prs.slides, start=1):
        parts = [slide.part, slide.slide_layout.part, slide.slide_layout.slide_master.part]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.part)
        for part in parts:
            owners.setdefault(str(part.partname), []).append(number)
    out: dict[int, list[str]] = {}
    for removal in checked.removed:
        for number in owners.get(removal.part, [1]):
            out.setdefault(number, []).append(str(removal))
    return {number: tuple(notes) for number, notes in out.items()}


def read_slides(
    path: Path | str,
    *,
    extra_roots: frozenset[str] = frozenset(),
    progress: Progress | None = None,
) -> list[SlideSource]:
    """Check the file and cut out its slides (no library access, no thumbnails)."""
    checked = read_package(path)
    prs = open_presentation(checked)
    total = len(prs.slides)
    if not total:
        raise InvalidInput(f"{checked.name}: the file has no slides to import.")
    stem, out = Path(path).stem, []
    taken: set[str] = set()
    removals = _removals_by_slide(prs, checked)
    for number, slide in enumerate(prs.slides, start=1):
        try:
            source = _read_slide(prs, slide, number, stem, taken, extra_roots)
            notes = removals.get(number, ())
            out.append(dataclasses.replace(source, problems=notes + source.problems))
        except (KeyError, ValueError, AttributeError, IndexError, etree.XMLSyntaxError) as exc:
            raise InvalidInput(
                f"{checked.name}: slide {number} could not be read ({type(exc).__name__}); "
                "save the file again in PowerPoint and retry."
            ) from None
        if progress is not None:
            progress(number, total, out[-1].title)
    return out
