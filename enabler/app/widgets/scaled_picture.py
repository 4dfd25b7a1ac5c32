"""A picture that narrows with its pane, keeping its shape, and never grows past its own size."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy


class ScaledPicture(QLabel):
    """A QLabel for one picture: a narrow pane shows it smaller instead of scrolling sideways."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._source = QPixmap()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(1)

    def setPixmap(self, pixmap: QPixmap) -> None:
        self._source = QPixmap(pixmap)
        self._fit()

    def clear(self) -> None:
        self._source = QPixmap()
        super().clear()

    def minimumSizeHint(self) -> QSize:
        return QSize(1, super().minimumSizeHint().height())  # any width will do: it narrows

    def sizeHint(self) -> QSize:
        if self._source.isNull():
            return super().sizeHint()
        return QSize(self._source.width(), self.pixmap().height())

    def source(self) -> QPixmap:
        """The picture as given, before any narrowing."""
        return self._source

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._source.isNull() and self.pixmap().width() != self._shown_width():
            self._fit()

    def _shown_width(self) -> int:
        if not self.isVisible() or self.width() <= 1:
            return self._source.width()
        return min(self.width(), self._source.width())

    def _fit(self) -> None:
        if self._source.isNull():
            super().clear()
            return
        width = self._shown_width()
        shown = (
            self._source
            if width == self._source.width()
            else self._source.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        )
        super().setPixmap(shown)
        self.setFixedHeight(shown.height())
