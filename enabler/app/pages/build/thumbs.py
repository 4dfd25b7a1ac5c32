"""The Build page's live slide thumbnails: the deck the plan would build, slide by slide.

Rendered off the GUI thread (`enabler.services.slides.previews`, cached) a moment after the plan
or a field value changes; a newer change cancels a render still running. Clicking a thumbnail
selects its module in the plan.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QListView, QVBoxLayout, QWidget

from enabler.app.ops import Cancelled, Operation
from enabler.app.runner import Runner
from enabler.domain.refs import ProspectRef

DEBOUNCE_MS = 400
ICON = QSize(160, 90)  # 16:9, the filmstrip
PICTURE_WIDTH = 800  # the large preview of the selected slide is drawn from the same picture


class ThumbModel(QAbstractListModel):
    """`SlidePreview`s with their pictures; pixmaps are made on the GUI thread, once."""

    def __init__(self, parent=None, icon: QSize = ICON) -> None:
        super().__init__(parent)
        self.icon = icon
        self._items: list = []
        self._pixmaps: list[QPixmap] = []

    def set_previews(self, previews) -> None:
        self.beginResetModel()
        self._items = list(previews)
        self._pixmaps = [self._pixmap(p.png) for p in self._items]
        self.endResetModel()

    def _pixmap(self, png: bytes) -> QPixmap:
        image = QImage.fromData(png, "PNG")
        mode, smooth = (
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        return QPixmap.fromImage(image.scaled(self.icon, mode, smooth))

    def item(self, row: int):
        return self._items[row]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.number}. {item.label}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pixmaps[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Slide {item.number}: {item.label}" + (
                f" (module {item.module_key})" if item.module_key else ""
            )
        if role == Qt.ItemDataRole.UserRole:
            return item.module_key
        return None


class BuildThumbs(QWidget):
    """A strip of slide thumbnails under the plan, with a one-line state."""

    rendered = Signal(int)  # slides shown (tests and the status bar)

    def __init__(self, page, fields) -> None:
        super().__init__(page)
        self.page = page
        self.fields = fields
        self.op: Operation | None = None
        self.runner = Runner(page.db_path, self)
        self.model = ThumbModel(self)
        self.view = QListView()
        self.view.setAccessibleName("Slide thumbnails")
        self.view.setViewMode(QListView.ViewMode.IconMode)
        self.view.setFlow(QListView.Flow.LeftToRight)
        self.view.setWrapping(False)
        self.view.setIconSize(ICON)
        self.view.setGridSize(QSize(ICON.width() + 16, ICON.height() + 40))
        self.view.setUniformItemSizes(True)
        self.view.setMovement(QListView.Movement.Static)
        self.view.setWordWrap(True)
        self.view.setFixedHeight(ICON.height() + 64)
        self.view.setModel(self.model)
        self.view.clicked.connect(self.select_module)
        self.view.activated.connect(self.select_module)  # Enter on a thumbnail, too
        self.state = QLabel("Slide previews appear here once a prospect is chosen.")
        self.state.setAccessibleName("Preview state")
        self.exact = QCheckBox("Exact (LibreOffice)")
        self.exact.setAccessibleName("Render previews with LibreOffice")
        self.exact.setToolTip(
            "Draw the previews with LibreOffice, exactly as the PDF will look. Slower: a few "
            "seconds per change. Off, they are sketched in a fraction of a second."
        )
        self.exact.toggled.connect(self.schedule)
        top = QHBoxLayout()
        top.addWidget(self.state, 1)
        top.addWidget(self.exact)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        plan = page.plan
        for sig in (plan.rowsInserted, plan.rowsRemoved, plan.rowsMoved, plan.modelReset):
            sig.connect(self.schedule)
        fields.overrides_changed.connect(self.schedule)

    def schedule(self) -> None:
        """Render a moment after the last change, so a burst of edits renders once."""
        if self.op is not None and self.op.running:
            self.op.cancel()  # read-only and stale: its answer would be dropped anyway
        self._timer.start()

    def refresh(self) -> None:
        prospect, keys = self.page.prospect, self.page.plan.module_keys()
        if prospect is None or not keys:
            self.model.set_previews([])
            self.state.setText("Add modules to the plan to see its slides.")
            return
        pid, overrides = ProspectRef.by_id(prospect.id), self.fields.overrides()
        exact = self.exact.isChecked()

        def work(ctx):
            from enabler.services.deck.build import plan_deck
            from enabler.services.slides.previews import Fidelity, PreviewsCancelled, preview_plan

            db = ctx.open_db()
            plan = plan_deck(db, pid, keys, overrides=overrides)
            fidelity = Fidelity.LIBREOFFICE if exact else Fidelity.SKETCH
            try:
                return preview_plan(
                    db,
                    plan,
                    width=PICTURE_WIDTH,
                    fidelity=fidelity,
                    cancelled=lambda: ctx.cancelled,
                )
            except PreviewsCancelled:
                raise Cancelled from None  # reported as cancelled, not as a failure

        self.state.setText("Rendering previews…")
        self.op = self.runner.refresh(work, self._loaded, self._failed)  # replaces an older one

    def _loaded(self, previews) -> None:
        self.model.set_previews(previews)
        self.state.setText(f"{len(previews)} slides. Click one to select its module.")
        self.rendered.emit(len(previews))

    def _failed(self, message: str) -> None:
        self.state.setText(f"No previews: {message}")  # a convenience: say why, no dialog

    def select_module(self, index) -> None:
        key = self.model.data(index, Qt.ItemDataRole.UserRole)
        keys = self.page.plan.module_keys()
        if key and key in keys:
            self.page.plan_view.setCurrentIndex(self.page.plan.index(keys.index(key)))
            self.page.plan_view.setFocus()
