"""The module editor's pictures: an image+text slide's picture and a logo strip's logos.

The pickers hold the sha256s of stored assets and show each one's thumbnail and name. Choosing
a file is the editor tab's part (`PictureChoosing`): it asks for the file, then a background call
reads, checks and stores it (`module_editor_work.store_pictures`) before the picker takes it,
so a bad file changes nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from enabler.app.pages.module_editor.dialogs import ask_logos, ask_picture
from enabler.app.pages.module_editor.work import PictureCard, describe_pictures, store_pictures

THUMBNAIL = QSize(96, 96)
SHA_ROLE = Qt.ItemDataRole.UserRole + 1


def _pixmap(card: PictureCard | None) -> QPixmap:
    pixmap = QPixmap()
    if card is not None and card.thumbnail:
        pixmap.loadFromData(card.thumbnail)
    return pixmap


def _button(text: str, name: str, slot) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.clicked.connect(slot)
    return button


class ImagePicker(QWidget):
    """The picture of an image+text slide: thumbnail, name and size, Choose… and Remove."""

    edited = Signal()
    wanted = Signal()  # the user asked to choose a file

    def __init__(self, cards: dict[str, PictureCard], parent=None) -> None:
        super().__init__(parent)
        self.cards = cards  # shared with the form: what is known of each stored picture
        self.sha = ""
        self.thumbnail = QLabel()
        self.thumbnail.setAccessibleName("Picture thumbnail")
        self.thumbnail.setFixedSize(THUMBNAIL)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = QLabel()
        self.label.setAccessibleName("Picture")
        self.label.setWordWrap(True)
        self.choose_button = _button("Choose picture…", "Choose picture", self.wanted.emit)
        self.remove_button = _button("Remove picture", "Remove picture", self.remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.thumbnail)
        row.addWidget(self.label, 1)
        row.addLayout(buttons)
        self.refresh()

    def load(self, sha: str) -> None:
        """Show `sha` as loaded (no `edited`)."""
        self.sha = sha
        self.refresh()

    def choose(self, card: PictureCard) -> None:
        self.cards[card.sha] = card
        self._set(card.sha)

    def remove(self) -> None:
        self._set("")

    def _set(self, sha: str) -> None:
        if sha != self.sha:
            self.sha = sha
            self.refresh()
            self.edited.emit()

    def refresh(self) -> None:
        card = self.cards.get(self.sha)
        if not self.sha:
            self.label.setText("No picture: choose one to show beside the text.")
        else:
            self.label.setText(card.label if card else "Loading the picture…")
        self.thumbnail.setPixmap(_pixmap(card) if self.sha else QPixmap())
        self.remove_button.setEnabled(bool(self.sha))


class LogoPicker(QWidget):
    """A logo strip's logos in order: Add…, Remove, Up and Down."""

    edited = Signal()
    wanted = Signal()  # the user asked to add files

    def __init__(self, cards: dict[str, PictureCard], parent=None) -> None:
        super().__init__(parent)
        self.cards = cards
        self.model = QStandardItemModel(self)
        self.view = QListView()
        self.view.setAccessibleName("Logos")
        self.view.setModel(self.model)
        self.view.setIconSize(QSize(64, 64))
        self.view.setFixedHeight(180)
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.add_button = _button("Add…", "Add logos", self.wanted.emit)
        self.remove_button = _button("Remove", "Remove logo", self.remove)
        self.up_button = _button("Up", "Move logo up", lambda: self.move(-1))
        self.down_button = _button("Down", "Move logo down", lambda: self.move(1))
        buttons = QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.view, 1)
        row.addLayout(buttons)
        self._update_buttons()

    def shas(self) -> tuple[str, ...]:
        return tuple(self.model.item(n).data(SHA_ROLE) for n in range(self.model.rowCount()))

    def load(self, shas: tuple[str, ...]) -> None:
        """Show `shas` as loaded (no `edited`)."""
        self.model.clear()
        for sha in shas:
            self.model.appendRow(self._item(sha))
        self._update_buttons()

    def add(self, cards: tuple[PictureCard, ...]) -> None:
        """Append the logos not in the strip yet and select the last one."""
        count = self.model.rowCount()
        for card in cards:
            self.cards[card.sha] = card
            if card.sha not in self.shas():
                self.model.appendRow(self._item(card.sha))
        if self.model.rowCount() > count:
            self.select(self.model.rowCount() - 1)
            self.edited.emit()

    def select(self, row: int) -> None:
        self.view.setCurrentIndex(self.model.index(row, 0))

    def remove(self) -> None:
        row = self.view.currentIndex().row()
        if row >= 0:
            self.model.removeRow(row)
            self._update_buttons()
            self.edited.emit()

    def move(self, step: int) -> None:
        """Move the selected logo `step` places (-1 is towards the left of the strip)."""
        row = self.view.currentIndex().row()
        target = row + step
        if row < 0 or not 0 <= target < self.model.rowCount():
            return
        self.model.insertRow(target, self.model.takeRow(row))
        self.select(target)
        self.edited.emit()

    def refresh(self) -> None:
        for n in range(self.model.rowCount()):
            self._show(self.model.item(n))

    def _item(self, sha: str) -> QStandardItem:
        item = QStandardItem()
        item.setData(sha, SHA_ROLE)
        self._show(item)
        return item

    def _show(self, item: QStandardItem) -> None:
        card = self.cards.get(item.data(SHA_ROLE))
        item.setText(card.label if card else "Loading the logo…")
        item.setIcon(QIcon(_pixmap(card)))

    def _update_buttons(self) -> None:
        row, count = self.view.currentIndex().row(), self.model.rowCount()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)


class PictureChoosing:
    """Mixed into the editor tab (a `Background` widget with `form` and `opened`): asks for
    picture files and hands them, checked and stored, to the form's pickers.

    `ask_picture() -> Path | None` and `ask_logos() -> list[Path]` are attributes, so tests
    give the files without a dialog.
    """

    def _init_pictures(self) -> None:
        self.ask_picture = lambda: ask_picture(self)
        self.ask_logos = lambda: ask_logos(self)
        self.form.image_picker.wanted.connect(self.choose_picture)
        self.form.logo_picker.wanted.connect(self.add_logos)

    def choose_picture(self) -> None:
        """Ask for a file; once checked and stored it becomes the slide's picture."""
        path = self.ask_picture()
        if path:
            self._store_pictures([path], lambda cards: self.form.image_picker.choose(cards[0]))

    def add_logos(self) -> None:
        """Ask for files; once all are checked and stored they join the logo strip."""
        paths = self.ask_logos()
        if paths:
            self._store_pictures(list(paths), self.form.logo_picker.add)

    def _store_pictures(self, paths, use) -> None:
        if self.opened is None or self.opened.locked:
            return
        key = self.opened.status.key

        def stored(cards) -> None:
            if self.opened is not None and self.opened.status.key == key:  # still the module
                use(cards)

        self._start(lambda ctx: store_pictures(ctx, paths), stored)

    def _describe_pictures(self) -> None:
        """Fetch thumbnails and names for the pictures the form shows but does not know yet."""
        missing = self.form.unknown_pictures()
        if missing:
            self._start(lambda ctx: describe_pictures(ctx, missing), self.form.show_cards)
