"""Build one deck per prospect for a whole campaign, in parallel across the machine's cores.

Each worker process opens the library itself and keeps it (and, with PDFs, one warm
LibreOffice) for all the decks it builds. One prospect's failure is its own result; the others
go on. Results come back as each deck finishes, through `on_result`.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import util as mp_util
from pathlib import Path

import sqlite_utils

from enabler.domain.deck.storyline import DEFAULT_TOP
from enabler.domain.file_names import unique_stems
from enabler.domain.modules import Stage
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ModuleRef, ProspectRef
from enabler.errors import EnablerError, Fix, Hint, InvalidInput
from enabler.store import prospects as prospect_store

# Told of each deck as it finishes: (its outcome, decks finished, decks in the batch).
BatchProgress = Callable[["DeckOutcome", int, int], None]


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """What every deck of the batch shares."""

    module_refs: tuple[ModuleRef | str, ...] | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    rep: str = ""
    top: int = DEFAULT_TOP
    make_pdf: bool = False
    force: bool = False  # PDF even when preflight finds errors


@dataclass(frozen=True, slots=True)
class DeckJob:
    prospect_id: int
    company: str
    out: Path


@dataclass(frozen=True, slots=True)
class DeckOutcome:
    """One prospect's result: the deck (and PDF) written, or why not."""

    company: str
    out: Path
    path: Path | None = None
    pdf: Path | None = None
    slides: int = 0
    errors: int = 0  # preflight
    warnings: int = 0
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.path is not None and not self.error


def select_prospects(
    db: sqlite_utils.Database,
    refs: Sequence[ProspectRef] = (),
    *,
    everyone: bool = False,
    stage: str | None = None,
    industry: str | None = None,
) -> list[Prospect]:
    """The prospects named (in order, each once) or, with `everyone`, all of them; then only
    those at `stage` and in `industry` (case-insensitive) when given."""
    if not everyone and not refs:
        raise InvalidInput(
            "Name a prospect, or choose all of them.", hint=Hint(Fix.GIVE, "prospects")
        )
    chosen = prospect_store.list_prospects(db) if everyone else []
    seen = {p.id for p in chosen}
    for ref in refs:
        prospect = prospect_store.find(db, ref)
        if prospect.id not in seen:
            seen.add(prospect.id)
            chosen.append(prospect)
    if stage:
        wanted = _stage(stage)
        chosen = [p for p in chosen if p.stage is wanted]
    if industry:
        chosen = [p for p in chosen if p.industry.casefold() == industry.strip().casefold()]
    if not chosen:
        raise InvalidInput(
            "No prospect matches the stage and industry given.", hint=Hint(Fix.GIVE, "batch_filter")
        )
    return chosen


def _stage(text: str) -> Stage:
    key = text.strip().casefold().replace("-", "_").replace(" ", "_")
    for stage in Stage:
        if key in (stage.value, stage.label.casefold().replace(" ", "_")):
            return stage
    names = ", ".join(s.value for s in Stage)
    raise InvalidInput(f"Unknown stage {text!r}; use one of {names}.")


def plan_jobs(prospects: Sequence[Prospect], out_dir: Path) -> list[DeckJob]:
    """One job per prospect, each writing `<company>.pptx` (unique in the batch) in `out_dir`."""
    stems = unique_stems([p.company for p in prospects], fallback="prospect")
    return [
        DeckJob(p.id, p.company, out_dir / f"{stem}.pptx")
        for p, stem in zip(prospects, stems, strict=True)
    ]


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def build_batch(
    db_path: Path,
    jobs: Sequence[DeckJob],
    options: BatchOptions,
    *,
    workers: int | None = None,
    on_result: BatchProgress | None = None,
) -> list[DeckOutcome]:
    """Build every job; results in job order. `on_result` hears each as it finishes."""
    if not jobs:
        return []
    for out_dir in {job.out.parent for job in jobs}:
        if not out_dir.is_dir():
            raise InvalidInput(f"The folder {out_dir} does not exist. Create it first.")
    workers = max(1, min(workers or default_jobs(), len(jobs)))
    total = len(jobs)
    report = on_result or (lambda _outcome, _done, _total: None)
    if workers == 1:
        _worker_start(str(db_path), options)
        try:
            outcomes = []
            for job in jobs:
                outcomes.append(_build_one(job))
                report(outcomes[-1], len(outcomes), total)
            return outcomes
        finally:
            _worker_stop()
    results: dict[int, DeckOutcome] = {}
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_worker_start,
        initargs=(str(db_path), options),
    ) as pool:
        futures: dict[Future, int] = {pool.submit(_build_one, job): n for n, job in enumerate(jobs)}
        for future in as_completed(futures):
            n = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the worker itself died (killed, out of memory)
                outcome = DeckOutcome(jobs[n].company, jobs[n].out, error=_unexpected(exc))
            results[n] = outcome
            report(outcome, len(results), total)
    return [results[n] for n in range(len(jobs))]


def _context():
    # fork shares the parent's imports with the workers (they start in milliseconds); with
    # other threads running, fork could copy a held lock, so spawn is used instead.
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _unexpected(exc: BaseException) -> str:
    return f"unexpected {type(exc).__name__}: {exc}. Re-run this prospect alone for details."


# -- inside a worker process -------------------------------------------------------------------

_worker: dict = {}


def _worker_start(db_path: str, options: BatchOptions) -> None:
    from enabler.store.connection.db import open_db

    _worker.clear()
    _worker["db"] = open_db(Path(db_path))
    _worker["options"] = options
    if options.make_pdf:
        from enabler.export.libreoffice import Converter

        converter = Converter()
        _worker["converter"] = converter
        # Pool workers leave through os._exit, past atexit: stop LibreOffice on the way out.
        mp_util.Finalize(None, converter.close, exitpriority=10)


def _worker_stop() -> None:
    converter = _worker.pop("converter", None)
    if converter is not None:
        converter.close()
    db = _worker.pop("db", None)
    if db is not None:
        db.conn.close()


def _build_one(job: DeckJob) -> DeckOutcome:
    from enabler.services.deck.build import build_deck, plan_deck
    from enabler.services.export import deck_to_pdf

    db, options = _worker["db"], _worker["options"]
    try:
        plan = plan_deck(
            db,
            ProspectRef.by_id(job.prospect_id),
            list(options.module_refs) if options.module_refs else None,
            dict(options.overrides),
            rep=options.rep,
            top=options.top,
        )
        result = build_deck(db, plan, job.out)
    except EnablerError as exc:
        return DeckOutcome(job.company, job.out, error=str(exc))
    except Exception as exc:
        return DeckOutcome(job.company, job.out, error=_unexpected(exc))
    report = result.preflight
    errors = len(report.errors) if report else 0
    warnings = len(report.warnings) if report else 0
    done = DeckOutcome(job.company, job.out, result.path, None, result.slides, errors, warnings)
    if not options.make_pdf:
        return done
    try:
        pdf = deck_to_pdf(
            result.path,
            report,
            force=options.force,
            converter=_worker["converter"],
            reuse_pages=False,  # new decks, each once: nothing to reuse
        )
    except EnablerError as exc:
        return _with(done, error=f"deck written, no PDF: {exc}")
    return _with(done, pdf=pdf)


def _with(outcome: DeckOutcome, **changes) -> DeckOutcome:
    return dataclasses.replace(outcome, **changes)


def build_campaign(
    db_path: Path | None,
    out_dir: Path,
    options: BatchOptions,
    refs: Sequence[ProspectRef] = (),
    *,
    everyone: bool = False,
    stage: str | None = None,
    industry: str | None = None,
    workers: int | None = None,
    on_result: BatchProgress | None = None,
) -> list[DeckOutcome]:
    """Choose the prospects, name their files in `out_dir` and build them all."""
    from enabler.store.connection.db import open_db
    from enabler.store.connection.paths import default_db_path

    db_path = Path(db_path) if db_path is not None else default_db_path()
    db = open_db(db_path)
    try:
        chosen = select_prospects(db, refs, everyone=everyone, stage=stage, industry=industry)
    finally:
        db.conn.close()  # never carried into the worker processes
    return build_batch(
        db_path, plan_jobs(chosen, out_dir), options, workers=workers, on_result=on_result
    )
