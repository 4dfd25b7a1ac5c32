"""A picture of the chosen module's slide on Library ▸ Modules: its current version, filled for
a sample prospect so its fields read as they would in a deck.

Drawn off the GUI thread by the Build page's machinery (`services.slide_previews.preview_plan`
on a one-module plan: the same renderer, designed slides included, sketched with Pillow and
cached by a hash of what it reads). Pictures shown are kept too, so re-selecting a module shows
its slide at once while a check for changes runs behind it. Only the latest request is shown:
a reply for a module chosen before is ignored. A slide that cannot be drawn says why.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from enabler.app.ops import Cancelled, Operation
from enabler.app.pages.library.jobs import Jobs
from enabler.app.widgets.scaled_picture import ScaledPicture
from enabler.domain.refs import ModuleRef

EMPTY = "A picture of its slide appears here."
DRAWING = "Drawing the slide…"
SAMPLE_COMPANY = "Example Company"  # fills the fields while the library has no prospect
WIDTH = 480  # pixels rendered; shown scaled to fit SHOWN
SHOWN = QSize(384, 216)
KEPT = 32  # pictures kept for instant re-selection


@dataclass(frozen=True, slots=True)
class SlidePicture:
    """The first slide a module's current version adds, and what it was filled with."""

    key: str
    version: int  # the version's number
    title: str  # the slide's label, its fields filled
    png: bytes
    prospect: str  # the company the fields were filled for
    sample: bool  # True: no prospect in the library, an example one was used
    slides: int  # how many slides the module adds
    gaps: tuple[str, ...] = ()  # fields with no value for the prospect, drawn as [name]


def render_slide(ctx, key: str) -> SlidePicture:
    """The job: the module's current version on a one-module plan for the first prospect."""
    from enabler.errors import RenderError
    from enabler.services.deck.plan_fields import plan_fields, unfilled
    from enabler.services.listings import sample_plan
    from enabler.services.slides.previews import PreviewsCancelled, preview_plan

    db = ctx.open_db()
    sample = sample_plan(db, ModuleRef.by_name(key), SAMPLE_COMPANY)
    plan, module, version = sample.plan, sample.module, sample.version
    prospect = plan.prospect
    try:
        slides = preview_plan(db, plan, width=WIDTH, cancelled=lambda: ctx.cancelled)
    except PreviewsCancelled:
        raise Cancelled from None
    own = [s for s in slides if s.module_key == module.key]
    if not own:
        raise RenderError(f"{module.title} adds no slide for {prospect.company} to show.")
    gaps = tuple(f.name for f in unfilled(plan_fields(db, plan)))
    return SlidePicture(
        key=module.key,
        version=version.number,
        title=own[0].label,
        png=own[0].png,
        prospect=prospect.company,
        sample=sample.sample,
        slides=len(own),
        gaps=gaps,
    )


def caption(p: SlidePicture) -> str:
    """'Version 2, filled for Alder Precision (the first prospect).' and what is missing."""
    if p.sample:
        said = f"Version {p.version}, filled for an example prospect, {p.prospect}."
    else:
        said = f"Version {p.version}, filled for {p.prospect} (the first prospect)."
    if p.slides > 1:
        said += f" The first of its {p.slides} slides."
    if p.gaps:
        said += f" No value for {', '.join(p.gaps)}: shown in [brackets]."
    return said


class SlidePreviewPane(Jobs, QWidget):
    """The picture and a caption saying whose values fill it (or why there is no picture)."""

    error = Signal(str)
    shown = Signal(str)  # the module key whose picture or sentence is now shown

    def __init__(self, db_path: Path, ops: list | None = None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._init_jobs(ops)
        self.key: str | None = None
        self.picture: SlidePicture | None = None
        self._kept: OrderedDict[str, tuple[SlidePicture, QPixmap]] = OrderedDict()
        self._request = 0  # only the reply to the latest request is shown
        self._pending: Operation | None = None
        self.image = ScaledPicture()
        self.image.setAccessibleName("Slide preview")
        self.image.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.caption = QLabel(EMPTY)
        self.caption.setAccessibleName("Slide preview caption")
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.image)
        layout.addWidget(self.caption)
        self.clear()

    def clear(self) -> None:
        """Nothing selected: no picture, the empty state."""
        self.key = None
        self._request += 1
        self._cancel_pending()
        self._no_picture(EMPTY)

    def show_module(self, key: str | None) -> None:
        """Show `key`'s slide: at once if it was drawn before, and (re)drawn in the background."""
        if key is None:
            self.clear()
            return
        self.key = key
        self._request += 1
        self._cancel_pending()
        kept = self._kept.get(key)
        if kept is not None:
            self._display(*kept)
        else:
            self._no_picture(DRAWING)
        request = self._request
        self._pending = self._refresh(
            lambda ctx: render_slide(ctx, key),
            lambda p: self._drawn(request, p),
            lambda message: self._failed(request, key, message),
        )

    def refresh(self) -> None:
        """Draw the shown module again (a cache hit unless something it shows changed)."""
        if self.key is not None:
            self.show_module(self.key)

    # replies ---------------------------------------------------------------------------------

    def _drawn(self, request: int, p: SlidePicture) -> None:
        if request != self._request:
            return  # another module (or a newer draw) was asked for meanwhile
        pixmap = _pixmap(p.png)
        self._kept[p.key] = (p, pixmap)
        self._kept.move_to_end(p.key)
        while len(self._kept) > KEPT:
            self._kept.popitem(last=False)
        self._display(p, pixmap)
        self.shown.emit(p.key)

    def _failed(self, request: int, key: str, message: str) -> None:
        if request != self._request:
            return
        self._kept.pop(key, None)  # its picture is no longer what the module shows
        self._no_picture(f"No preview: {message}")
        self.shown.emit(key)

    def _display(self, p: SlidePicture, pixmap: QPixmap) -> None:
        self.picture = p
        self.image.setPixmap(pixmap)
        self.image.setToolTip(p.title)
        self.image.setAccessibleDescription(f"The slide “{p.title}” of {p.key}")
        self.image.show()
        self.caption.setText(caption(p))

    def _no_picture(self, sentence: str) -> None:
        self.picture = None
        self.image.clear()
        self.image.setToolTip("")
        self.image.setAccessibleDescription("")
        self.image.hide()
        self.caption.setText(sentence)

    def _cancel_pending(self) -> None:
        if self._pending is not None and self._pending.running:
            self._pending.cancel()  # its reply would be ignored anyway
        self._pending = None


def _pixmap(png: bytes) -> QPixmap:
    image = QImage.fromData(png, "PNG")
    return QPixmap.fromImage(
        image.scaled(
            SHOWN, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    )
