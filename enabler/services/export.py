"""Deck → PDF: preflight each deck, then convert through the warm LibreOffice."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.preflight import PreflightReport
from enabler.errors import EnablerError, ExportFailed, Fix, Hint, InvalidInput
from enabler.export.libreoffice import Conversion, Converter
from enabler.export.page_cache import PdfPageCache
from enabler.export.pool import ConverterPool, shared_converter
from enabler.services.deck.preflight import check_deck
from enabler.services.output_guard import check_outputs


@dataclass(frozen=True, slots=True)
class PdfExport:
    """One deck's outcome: the PDF written, or why not (preflight errors or a failure)."""

    deck: Path
    pdf: Path | None
    preflight: PreflightReport | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.pdf is not None


def pdf_path_for(deck: Path) -> Path:
    """The PDF beside its deck: deck.pptx → deck.pdf."""
    return deck.with_suffix(".pdf")


def blocked_message(report: PreflightReport) -> str:
    n = len(report.errors)
    first = report.errors[0].message
    return (
        f"preflight found {n} error{'s' if n != 1 else ''} (first: {first}) — fix "
        f"{'them' if n != 1 else 'it'}, or export anyway"
    )


def export_pdfs(
    decks: list[Path | str],
    *,
    out: Path | str | None = None,
    db: sqlite_utils.Database | None = None,
    force: bool = False,
    converter: Converter | ConverterPool | None = None,
) -> list[PdfExport]:
    """Preflight and convert each deck; one deck's failure does not stop the others.

    `out` names the PDF when there is one deck; otherwise each PDF goes beside its deck.
    Preflight errors block a deck's PDF unless `force`.
    """
    paths = [Path(d).expanduser() for d in decks]
    if not paths:
        raise InvalidInput("Name at least one .pptx deck to convert.")
    if out is not None and len(paths) > 1:
        raise InvalidInput(
            "One output file names a single PDF; give one deck, or no output file to write "
            "each PDF beside its deck.",
            hint=Hint(Fix.GIVE, "single_out"),
        )
    targets = [Path(out).expanduser() if out is not None else pdf_path_for(d) for d in paths]
    check_outputs(targets, db=db, inputs=paths)
    converter = converter or shared_converter()
    results: dict[int, PdfExport] = {}
    jobs, reports = [], {}
    for n, (deck, target) in enumerate(zip(paths, targets, strict=True)):
        try:
            report = check_deck(deck, db)
        except EnablerError as exc:
            results[n] = PdfExport(deck, None, None, str(exc))
            continue
        reports[n] = report
        if report.errors and not force:
            results[n] = PdfExport(deck, None, report, blocked_message(report))
        else:
            jobs.append((n, deck, target))
    if len(jobs) == 1:  # one deck, perhaps exported before: only its changed slides render
        done = [_convert_reusing_pages(converter, jobs[0][1], jobs[0][2])]
    else:  # decks that passed preflight convert as one batch (in parallel when the pool allows)
        done = converter.convert_many([(deck, target) for _, deck, target in jobs])
    for (n, deck, _), outcome in zip(jobs, done, strict=True):
        results[n] = PdfExport(deck, outcome.pdf, reports[n], outcome.error)
    return [results[n] for n in range(len(paths))]


def deck_to_pdf(
    deck: Path | str,
    report: PreflightReport | None,
    *,
    force: bool = False,
    converter: Converter | ConverterPool | None = None,
    db: sqlite_utils.Database | None = None,
    reuse_pages: bool = True,
) -> Path:
    """The PDF beside a just-built deck whose preflight report is known.

    With `reuse_pages`, a deck exported before renders only the slides that changed since.
    """
    deck = Path(deck)
    check_outputs([pdf_path_for(deck)], db=db, inputs=[deck])
    if report is not None and report.errors and not force:
        raise ExportFailed(
            f"No PDF for {deck.name}: {blocked_message(report)}.", hint=Hint(Fix.CONFIRM, "force")
        )
    converter = converter or shared_converter()
    if not reuse_pages:
        return converter.convert(deck, pdf_path_for(deck))
    return PdfPageCache(converter).export(deck, pdf_path_for(deck)).pdf


def _convert_reusing_pages(
    converter: Converter | ConverterPool, deck: Path, target: Path
) -> Conversion:
    try:
        return Conversion(deck, PdfPageCache(converter).export(deck, target).pdf)
    except EnablerError as exc:
        return Conversion(deck, None, str(exc))
