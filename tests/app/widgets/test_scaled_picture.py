"""A picture in a narrow pane shrinks to fit it instead of pushing the pane wider."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPixmap

from enabler.app.widgets.scaled_picture import ScaledPicture


def _pixmap(width: int, height: int) -> QPixmap:
    pixmap = QPixmap(width, height)
    pixmap.fill(QColor("teal"))
    return pixmap


class DescribeScaledPicture:
    def it_narrows_with_its_pane_keeping_its_shape_and_never_grows(self, qtbot):
        picture = ScaledPicture()
        qtbot.addWidget(picture)
        picture.show()
        picture.resize(200, 50)
        picture.setPixmap(_pixmap(384, 216))
        assert picture.pixmap().width() == 200 and picture.pixmap().height() in (112, 113)
        assert picture.minimumSizeHint().width() <= 200  # it does not hold the pane open
        picture.resize(1000, 50)
        qtbot.waitUntil(lambda: picture.pixmap().width() == 384)
        assert picture.pixmap().height() == 216 and picture.source().width() == 384

    def it_keeps_the_picture_whole_until_it_is_shown(self, qtbot):
        picture = ScaledPicture()
        qtbot.addWidget(picture)
        picture.setPixmap(_pixmap(384, 216))
        assert picture.pixmap().width() == 384
        assert picture.minimumSizeHint().width() == 1  # set while hidden: still holds nothing open
        picture.clear()
        assert picture.pixmap().isNull() and picture.source().isNull()
