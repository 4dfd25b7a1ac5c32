"""The module editor's background calls: each runs off the GUI thread and imports its
services there (keeps the window's start-up light)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from enabler.domain.refs import ModuleRef, ProspectRef

MAX_FILE_MB = 50  # read no more than this from a chosen file (the image checks follow)
THUMBNAIL_SIDE = 96


@dataclass(frozen=True, slots=True)
class PictureCard:
    """What the editor shows of one stored picture."""

    sha: str
    name: str = ""  # its file name, when known
    size: tuple[int, int] = (0, 0)  # in pixels
    thumbnail: bytes = b""  # a small PNG; empty when the picture cannot be drawn
    problem: str = ""  # why it cannot be shown (e.g. missing from the library)

    @property
    def label(self) -> str:
        if self.problem:
            return self.problem
        name = self.name or f"Picture {self.sha[:8]}"
        width, height = self.size
        return f"{name} · {width}×{height} pixels" if width else name


def choices(ctx):
    from enabler.services.library.authoring import editor_choices

    return editor_choices(ctx.open_db())


def open_saved(ctx, key: str):
    from enabler.services.library.authoring import open_module

    return open_module(ctx.open_db(), ModuleRef.by_name(key))


def create(ctx, key, title, layout):
    from enabler.services.library import authoring as module_authoring
    from enabler.services.library import governance

    db = ctx.open_db()
    status = module_authoring.create_module(db, governance.require_profile(db), key, title, layout)
    return module_authoring.open_module(db, status.module_id)


def save(ctx, opened, draft):
    from enabler.services.library import authoring as module_authoring
    from enabler.services.library import governance

    db = ctx.open_db()
    result = module_authoring.save_module(db, governance.require_profile(db), opened, draft)
    return result, module_authoring.open_module(db, opened.status.module_id)


def submit(ctx, opened):
    from enabler.services.library import authoring as module_authoring
    from enabler.services.library import governance

    db = ctx.open_db()
    status = opened.status
    governance.submit(
        db, governance.require_profile(db), status.module_id, expected=status.row_version
    )
    return module_authoring.open_module(db, status.module_id)


def preview(ctx, content, layout, prospect_id, notes):
    from enabler.services.library.module_preview import preview_module

    return preview_module(
        ctx.open_db(), content, layout, ProspectRef.by_id(prospect_id), talking_points=notes
    )


def store_pictures(ctx, paths):
    """Read, check and store the picture files `paths`; one bad file stores none of them (one
    transaction)."""
    from enabler.services.images import add_images, stored_image

    files = [(Path(p).name, _read(Path(p))) for p in paths]
    db = ctx.open_db()
    shas = add_images(db, files)  # raises InvalidInput
    return tuple(
        _card(sha, name, stored_image(db, sha)[0])
        for sha, (name, _) in zip(shas, files, strict=True)
    )


def describe_pictures(ctx, shas):
    """A card for each stored picture `shas`; a missing one says so instead of failing."""
    from enabler.errors import NotFound
    from enabler.services.images import stored_image

    db = ctx.open_db()
    cards = []
    for sha in dict.fromkeys(shas):
        try:
            blob, name = stored_image(db, sha)
        except NotFound as exc:
            cards.append(PictureCard(sha, problem=str(exc)))
            continue
        cards.append(_card(sha, name, blob))
    return tuple(cards)


def _read(path: Path) -> bytes:
    from enabler.errors import InvalidInput

    try:
        if path.stat().st_size > MAX_FILE_MB * 1024 * 1024:
            raise InvalidInput(
                f"{path.name}: the file is larger than {MAX_FILE_MB} MB; choose a smaller picture."
            )
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InvalidInput(f"{path.name}: the file cannot be read ({reason}).") from None


def _card(sha: str, name: str, blob: bytes) -> PictureCard:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as im:
            size = im.size
            im.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
            out = io.BytesIO()
            im.convert("RGBA").save(out, format="PNG")
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        return PictureCard(sha, name, problem=f"{name or 'This picture'} cannot be shown ({exc}).")
    return PictureCard(sha, name, size, out.getvalue())


def picker_labels(statuses) -> list[tuple[str, str]]:
    """(label, key) per module for the editor's picker: each title once — two modules that share
    a title are told apart by their key — and the state when it is not simply approved."""
    from collections import Counter

    from enabler.domain.modules import ModuleState

    titles = Counter(s.title.casefold() for s in statuses)
    labels = []
    for s in statuses:
        label = s.title if titles[s.title.casefold()] == 1 else f"{s.title} ({s.key})"
        if s.state is not ModuleState.APPROVED:
            label += f"   [{s.state.value.replace('_', ' ')}]"
        labels.append((label, s.key))
    return labels
