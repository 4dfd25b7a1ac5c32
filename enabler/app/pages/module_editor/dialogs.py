"""Questions the module editor asks: what the new module is, which picture files to use, and
what to do with unsaved edits (and when to ask)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
)

from enabler.domain.modules import SmartLayout


class Unsaved(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent, title: str) -> Unsaved:
    """Save, discard or keep editing `title`'s unsaved changes."""
    buttons = (
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    answer = QMessageBox.question(
        parent,
        "Unsaved changes",
        f"“{title}” has changes that are not saved. Save them as a new draft version?",
        buttons,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return Unsaved.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


class NewModuleDialog(QDialog):
    """Key, title and layout of a new smart module (the services check them)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New smart module")
        self.key = QLineEdit(placeholderText="e.g. pricing-overview")
        self.key.setAccessibleName("Module key")
        self.title = QLineEdit(placeholderText="What reps see in the library")
        self.title.setAccessibleName("Module title")
        self.layout_box = QComboBox()
        self.layout_box.setAccessibleName("Layout")
        for layout in SmartLayout:
            self.layout_box.addItem(layout.value.replace("_", " ").capitalize(), layout.value)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Key", self.key)
        form.addRow("Title", self.title)
        form.addRow("Layout", self.layout_box)
        form.addRow(buttons)

    def answer(self) -> tuple[str, str, SmartLayout]:
        return self.key.text(), self.title.text(), SmartLayout(self.layout_box.currentData())


def ask_new_module(parent) -> tuple[str, str, SmartLayout] | None:
    dialog = NewModuleDialog(parent)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None


PICTURE_FILES = "Pictures (*.png *.jpg *.jpeg *.gif);;All files (*)"


def ask_picture(parent) -> Path | None:
    """The picture file for an image+text slide, or None."""
    path, _ = QFileDialog.getOpenFileName(parent, "Choose a picture", "", PICTURE_FILES)
    return Path(path) if path else None


def ask_logos(parent) -> list[Path]:
    """Logo files to add to a logo strip (none when the user cancels)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, "Add logos", "", PICTURE_FILES)
    return [Path(p) for p in paths]


class UnsavedGuard:
    """Mixed into the editor (before QWidget): asks before unsaved edits would be lost, when
    another module is chosen, the tab is closed or the main window is closed.

    The editor provides `is_dirty()`, `ask_unsaved() -> Unsaved`, `revert()` and
    `save(after=callback)`.
    """

    _watched = None

    def leave(self, then) -> bool:
        """Run `then` once unsaved edits are saved or discarded; False if the user stays."""
        if not self.is_dirty():
            then()
            return True
        answer = self.ask_unsaved()
        if answer is Unsaved.SAVE:
            self.save(after=then)
        elif answer is Unsaved.DISCARD:
            self.revert()
            then()
        return answer is not Unsaved.CANCEL

    def showEvent(self, event) -> None:
        super().showEvent(event)
        window = self.window()  # the main window's close must ask too
        if window is not self and window is not self._watched:
            window.installEventFilter(self)
            self._watched = window

    def eventFilter(self, watched, event) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Close:
            return not self._may_close(event, watched.close)
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:
        if self._may_close(event, self.close):
            super().closeEvent(event)

    def _may_close(self, event, close_again) -> bool:
        """Ask about unsaved edits; False (the event ignored) while closing must wait."""
        if not self.is_dirty():
            return True
        answer = self.ask_unsaved()
        if answer is Unsaved.DISCARD:
            self.revert()
            return True
        event.ignore()
        if answer is Unsaved.SAVE:
            self.save(after=close_again)  # closes again once saved
        return False
