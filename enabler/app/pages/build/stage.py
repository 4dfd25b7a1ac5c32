"""The centre of the Build page: a large picture of the selected slide over the filmstrip.

The filmstrip (`BuildThumbs`) holds every slide the plan would build; the stage shows the one
selected there, large, with its number and title. Choosing a module in the plan selects its
first slide; choosing a slide selects its module (see `BuildThumbs.select_module`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

EMPTY = "Choose a prospect on the left: the deck recommended for them appears here."


class SlideStage(QWidget):
    """A large preview of one slide of the deck being planned."""

    def __init__(self, thumbs, parent=None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self.row = -1
        self._image = QImage()
        self.picture = QLabel(EMPTY)
        self.picture.setAccessibleName("Selected slide")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setWordWrap(True)
        self.picture.setProperty("role", "empty")
        self.picture.setMinimumSize(320, 180)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.caption = QLabel("")
        self.caption.setAccessibleName("Selected slide caption")
        self.caption.setProperty("role", "muted")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)
        layout.addWidget(thumbs)
        thumbs.model.modelReset.connect(self._previews_changed)
        thumbs.view.selectionModel().currentChanged.connect(
            lambda cur, _prev: self.show_slide(cur.row())
        )

    def _previews_changed(self) -> None:
        rows = self.thumbs.model.rowCount()
        self.show_slide(min(max(self.row, 0), rows - 1) if rows else -1)

    def show_module(self, key: str | None) -> None:
        """Show the first slide of module `key` (chosen in the plan)."""
        model = self.thumbs.model
        for row in range(model.rowCount()):
            if key and model.item(row).module_key == key:
                self.thumbs.view.setCurrentIndex(model.index(row))  # shows it via currentChanged
                return

    def show_slide(self, row: int) -> None:
        model = self.thumbs.model
        self.row = row
        if not 0 <= row < model.rowCount():
            self._image = QImage()
            self.picture.setPixmap(QPixmap())
            self.picture.setText(EMPTY if self.thumbs.page.prospect is None else "")
            self.caption.setText("")
            return
        item = model.item(row)
        self._image = QImage.fromData(item.png, "PNG")
        self.caption.setText(f"Slide {item.number} of {model.rowCount()}: {item.label}")
        self._draw()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._draw()

    def _draw(self) -> None:
        if self._image.isNull():
            return
        size = self.picture.size()
        scaled = self._image.scaled(
            size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        self.picture.setPixmap(QPixmap.fromImage(scaled))
