"""Files handed to the app (dropped on the window, chosen in a dialog) → designed-slide imports.

The shells (the desktop app here, the CLI's `import-slides`) call this so the checks a user
meets are the same everywhere: a folder, a missing file or a file that is not a PowerPoint deck
is refused with a sentence before anything is read, and only marketing may change the library.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from enabler.domain.designed import ImportResult
from enabler.errors import Fix, Hint, InvalidInput, NotFound
from enabler.store import users

TEMPLATE_SUFFIXES = (".potx", ".thmx")


def check_slide_file(path: Path | str) -> Path:
    """The path, unless it is plainly not importable (a folder, missing, a template).

    What the file holds is checked by `package_guard` when it is read: a .ppt, a text file or a
    corrupt zip gets its sentence there, whatever its name ends with."""
    path = Path(path)
    if path.is_dir():
        raise InvalidInput(
            f"{path.name} is a folder. Drop PowerPoint files (.pptx) themselves, not a folder."
        )
    if not path.exists():
        raise NotFound(f"{path} does not exist (was it moved or deleted?).")
    suffix = path.suffix.lower()
    if suffix in TEMPLATE_SUFFIXES:
        raise InvalidInput(
            f"{path.name} is a template, not slides: install it as the template to build "
            "decks on it.",
            hint=Hint(Fix.DO_FIRST, "install_template", path.name),
        )
    return path


def import_actor(db: sqlite_utils.Database) -> str:
    """The local profile's name ("" without a profile); a sales profile may not import."""
    profile = users.get_profile(db)
    if profile is None:
        return ""
    profile.require_marketing("import slides into the library")
    return profile.name


def import_slide_files(
    db: sqlite_utils.Database,
    paths: list[Path | str],
    *,
    thumbnails: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[ImportResult]:
    """Import each file in turn, each in its own transaction. Every file is checked first,
    so a bad file in the lot stops the drop before any file is imported."""
    checked = [check_slide_file(p) for p in paths]
    if not checked:
        raise InvalidInput("Nothing to import: drop one or more .pptx files.")
    from enabler.services.slides.import_slides import import_slides
    from enabler.services.slides.package_guard import read_package

    actor = import_actor(db)
    for path in checked[1:]:  # the first is checked as it is imported, before any write
        read_package(path)
    return [
        import_slides(
            db,
            path,
            owner=actor or "Marketing",
            actor=actor,
            thumbnails=thumbnails,
            progress=progress,
        )
        for path in checked
    ]


def summary(results: list[ImportResult]) -> str:
    """One line for a status bar: what each import did."""
    from enabler.domain.designed import ImportStatus

    parts = []
    for result in results:
        counts = ", ".join(f"{result.count(s)} {s.value}" for s in ImportStatus if result.count(s))
        parts.append(f"{result.source}: {counts or 'no slides'}")
    return "Imported " + "; ".join(parts) + ". New slides are drafts: submit them for review."
