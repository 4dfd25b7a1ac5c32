"""Preflight a deck: scan it, ask the library about its modules, apply the rules.

A deck named on the command line (`enabler check`, `enabler pdf`) may come from anywhere, so it
is read as an import is: through the package guard (zip bombs, zip-slip, links, DTDs…), in a
child process with memory and time limits (`isolated_read`). Only the scan comes back.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import sqlite_utils
from pptx import Presentation
from pptx.exc import PackageNotFoundError

from enabler.domain.preflight import (
    DeckFacts,
    Policy,
    PreflightReport,
    UsedModule,
    check,
    policy_from,
)
from enabler.errors import InvalidInput, NotFound
from enabler.export.deck_scan import DeckScan, scan
from enabler.store import modules as module_store
from enabler.store import settings


def library_policy(db: sqlite_utils.Database | None) -> Policy:
    return policy_from(settings.get(db, "preflight", {}) if db is not None else None)


def used_modules(db: sqlite_utils.Database | None, record: dict | None):
    """What the library says now of each module version named in the deck's provenance."""
    if record is None:
        return None
    out = []
    for item in record.get("modules", ()):
        key, used = str(item.get("key", "?")), int(item.get("version", 0))
        if db is None:
            out.append(UsedModule(key, used))
            continue
        try:
            module = module_store.get_module(db, item.get("key") or item.get("module_id"))
        except NotFound:
            out.append(UsedModule(key, used))
            continue
        current = None
        if module.current_version_id is not None:
            current = module_store.get_version(db, module.current_version_id).number
        out.append(UsedModule(key, used, module.state, module.review_by, current))
    return tuple(out)


def check_presentation(
    prs,
    db: sqlite_utils.Database | None = None,
    policy: Policy | None = None,
    today: dt.date | None = None,
    modules: tuple[UsedModule, ...] | None = None,
) -> PreflightReport:
    """Preflight an open python-pptx Presentation (e.g. right after a build).

    `modules` saves the library look-ups when the caller already knows them (a fresh build).
    """
    policy = policy or library_policy(db)
    return _judge(scan(prs, min_scale=policy.min_font_scale), db, policy, today, modules)


def _judge(found: DeckScan, db, policy: Policy, today, modules) -> PreflightReport:
    facts = DeckFacts(
        slides=found.slides,
        texts=found.texts,
        fits=found.fits,
        images=found.images,
        modules=modules if modules is not None else used_modules(db, found.provenance),
        text_areas=found.text_areas,
        slide_size=found.slide_size,
        low_contrast=found.low_contrast,
    )
    return check(facts, policy, today)


def open_deck(path: Path | str):
    """Open a .pptx for checking, with a clear error for what is not one."""
    path = Path(path).expanduser()
    if not path.is_file():
        raise NotFound(f"{path} does not exist. Check the path.")
    try:
        return Presentation(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InvalidInput(
            f"{path} is not a readable PowerPoint deck ({exc}). Re-save it as .pptx."
        ) from exc


def scan_deck_file(path: str, min_scale: float) -> DeckScan:
    """Check the file with the package guard, open it and scan it (the isolated child's work)."""
    from enabler.services.slides.package_guard import read_package
    from enabler.services.slides.reader import open_presentation

    return scan(open_presentation(read_package(path)), min_scale=min_scale)


def check_deck(
    path: Path | str,
    db: sqlite_utils.Database | None = None,
    policy: Policy | None = None,
    today: dt.date | None = None,
    *,
    isolate: bool = True,
) -> PreflightReport:
    """Preflight the deck at `path`; module checks use `db` when given. The file is guarded and
    read in a limited child process unless `isolate` is False (then only guarded)."""
    from enabler.services.slides.isolated_read import run_isolated

    path = Path(path).expanduser()
    if not path.is_file():
        raise NotFound(f"{path} does not exist. Check the path.")
    policy = policy or library_policy(db)
    if isolate:
        found = run_isolated(
            scan_deck_file,
            str(path),
            policy.min_font_scale,
            name=path.name,
            outcome="it was not checked",
        )
    else:
        found = scan_deck_file(str(path), policy.min_font_scale)
    return _judge(found, db, policy, today, None)


def planned_modules(plan) -> tuple[UsedModule, ...]:
    """The modules of a DeckPlan as preflight sees them, straight from the plan."""
    return tuple(
        UsedModule(
            p.module.key, p.version.number, p.module.state, p.module.review_by, p.version.number
        )
        for p in plan.modules
    )
