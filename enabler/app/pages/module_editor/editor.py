"""Library ▸ Editor: edit a smart module with a live preview for a chosen prospect.

Each change is checked as you type (fields used, unknown fields, broken tags); after a short
pause the unsaved module is rendered for the prospect in the background by the real renderer
(`enabler.services.library.module_preview`). Pictures are chosen from files, checked and stored in
the
background (`module_editor_pictures`). Save (Ctrl+S) adds a new draft version; leaving a module
or closing the window with unsaved changes asks first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from enabler.app import theme
from enabler.app.background import Background
from enabler.app.ops import Operation
from enabler.app.pages.module_editor.dialogs import UnsavedGuard, ask_new_module, ask_unsaved
from enabler.app.pages.module_editor.form import ModuleForm
from enabler.app.pages.module_editor.pictures import PictureChoosing
from enabler.app.pages.module_editor.preview import PreviewPane
from enabler.app.pages.module_editor.work import (
    choices,
    create,
    open_saved,
    picker_labels,
    preview,
    save,
    submit,
)

DEBOUNCE_MS = 300
NEW = "\x00new"  # the combo's "New module…" entry
EMPTY = "Choose a module to edit, or “New module…” to start one."


class ModuleEditorTab(Background, UnsavedGuard, PictureChoosing, QWidget):
    status = Signal(str)
    error = Signal(str)
    changed = Signal()  # a module was saved, created or submitted
    previewed = Signal()  # the preview shows the latest edit (tests wait on it)

    def __init__(self, db_path: Path, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.op: Operation | None = None
        self.ops: list[Operation] = []
        self.opened = None  # the OpenedModule being edited
        self.baseline = None  # the form's values as loaded
        self.preview_op: Operation | None = None
        self._pending = False
        self._wanted: str | None = None  # chosen on the Modules tab before the list arrived
        self.ask_unsaved = lambda: ask_unsaved(self, self.form.text("title"))
        self.ask_new_module = lambda: ask_new_module(self)

        self.module_box = QComboBox()
        self.module_box.setAccessibleName("Module to edit")
        self.module_box.setMinimumContentsLength(30)
        self.module_box.activated.connect(self._module_chosen)
        self.dirty_label = QLabel("● Unsaved changes")
        self.dirty_label.setProperty("role", "problem")  # coloured by enabler.app.theme
        self.save_button = QPushButton("Save")
        self.save_button.setToolTip("Save as a new draft version (Ctrl+S)")
        self.save_button.clicked.connect(lambda: self.save())
        self.submit_button = QPushButton("Submit for review")
        self.submit_button.clicked.connect(self.submit)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Throw away the unsaved changes")
        self.revert_button.clicked.connect(self.revert)
        top = QHBoxLayout()
        for w in (QLabel("Module:"), self.module_box, self.dirty_label):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.revert_button, self.save_button, self.submit_button):
            top.addWidget(w)
        self.state_label = QLabel(EMPTY)
        self.state_label.setAccessibleName("Module state")
        self.state_label.setWordWrap(True)

        self.form = ModuleForm()
        self.form.edited.connect(self._edited)
        self._init_pictures()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.preview = PreviewPane()
        self.preview.prospect_box.currentIndexChanged.connect(lambda _i: self.run_preview())
        splitter = QSplitter()
        splitter.setObjectName("editor-split")  # settings remember it by this name
        splitter.addWidget(scroll)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.state_label)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_preview)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(lambda: self.save())
        self._update_state()

    # background work ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the module and prospect lists; an unsaved edit stays, an untouched module is
        read again (a review on another tab may have changed its state)."""
        self._start(choices, self._set_choices)
        if self.opened is not None and not self.is_dirty():
            key = self.opened.status.key
            self._start(lambda ctx: open_saved(ctx, key), self._reloaded)

    def _reloaded(self, opened) -> None:
        same = self.opened is not None and self.opened.status.key == opened.status.key
        if same and not self.is_dirty():  # typing or another module meanwhile: keep that
            self._loaded(opened)

    def _set_choices(self, choices) -> None:
        self.form.roots = choices.roots
        self.module_box.clear()
        self.module_box.addItem("New module…", NEW)
        for label, key in picker_labels(choices.modules):
            self.module_box.addItem(label, key)
        if self._wanted is not None and self.module_box.findData(self._wanted) >= 0:
            wanted, self._wanted = self._wanted, None
            if self.opened is None or self.opened.status.key != wanted:
                self.choose_module(wanted)
        self._select_current()
        self.preview.set_prospects(list(choices.prospects))

    def _select_current(self) -> None:
        key = self.opened.status.key if self.opened else None
        self.module_box.setCurrentIndex(self.module_box.findData(key) if key else -1)

    def open_when_listed(self, key: str) -> None:
        """Open `key` (asking about unsaved edits) once the picker lists it; a designed slide,
        which the editor cannot open, is left alone."""
        if self.opened is not None and self.opened.status.key == key:
            return
        if self.module_box.findData(key) >= 0:
            self.choose_module(key)
        else:
            self._wanted = key  # the list is loading: _set_choices opens it

    def open_module(self, key: str) -> None:
        """Open `key` without asking about unsaved edits (see `choose_module`)."""
        self._start(lambda ctx: open_saved(ctx, key), self._loaded)

    def _loaded(self, opened) -> None:
        self.opened = opened
        self.form.load(opened.saved)
        self.form.setEnabled(not opened.locked)
        self.baseline = self.form.values()
        self.form.check_fields()
        self._select_current()
        self._update_state()
        self._describe_pictures()
        self.run_preview()

    # choosing a module ---------------------------------------------------------------------------

    def choose_module(self, key: str) -> bool:
        """What choosing `key` in the combo does (asks first about unsaved edits)."""
        index = self.module_box.findData(key)
        if index >= 0:
            self.module_box.setCurrentIndex(index)
            self._module_chosen(index)
        return index >= 0

    def _module_chosen(self, index: int) -> None:
        key = self.module_box.itemData(index)
        if self.opened is not None and key == self.opened.status.key:
            return
        self._select_current()  # until the user has agreed to leave the current one
        self.leave(self._new_module if key == NEW else lambda: self.open_module(key))

    def _new_module(self) -> None:
        answer = self.ask_new_module()
        if answer is not None:
            self.create_module(*answer)

    def create_module(self, key: str, title: str, layout) -> None:
        def created(opened) -> None:
            self.status.emit(f"Created {opened.status.key} as a draft.")
            self._loaded(opened)
            self.refresh()
            self.changed.emit()

        self._start(lambda ctx: create(ctx, key, title, layout), created)

    # editing ------------------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self.opened is not None and self.form.values() != self.baseline

    def _edited(self) -> None:
        self._update_state()
        self.timer.start()

    def _update_state(self) -> None:
        opened, dirty = self.opened, self.is_dirty()
        self.dirty_label.setVisible(dirty)
        self.save_button.setEnabled(dirty and not (opened and opened.locked))
        self.revert_button.setEnabled(dirty)
        self.form.setVisible(opened is not None)
        if opened is None:
            self.submit_button.setEnabled(False)
            return
        from enabler.domain.lifecycle import describe
        from enabler.domain.modules import ModuleState

        s = opened.status
        self.submit_button.setEnabled(not dirty and s.review_state is ModuleState.DRAFT)
        text = f"<b>{s.key}</b> · version {opened.version} · {describe(s)}"
        if opened.locked:
            text += f"<br><span style='color:{theme.colours().problem}'>{opened.locked}</span>"
        self.state_label.setText(text)

    def revert(self) -> None:
        if self.opened is not None:
            self.form.load(self.opened.saved)
            self.baseline = self.form.values()
            self.form.check_fields()  # warnings about the thrown-away text go with it
            self._update_state()
            self._describe_pictures()
            self.run_preview()

    def save(self, after=None) -> None:
        """Save the form as a new draft version; then run `after` (e.g. open another module)."""
        if self.opened is None or self.opened.locked or not self.is_dirty():
            return
        opened, draft = self.opened, self.form.draft()

        def saved(result) -> None:
            outcome, reopened = result
            where = (
                "as a draft revision (reps keep the approved version until it is approved)"
                if outcome.status.has_revision
                else "as the draft"
            )
            number = f"version {outcome.version}" if outcome.version else "the details"
            self.status.emit(f"Saved {number} of {outcome.status.key} {where}.")
            self._loaded(reopened)
            self.changed.emit()
            if after is not None:
                after()

        self._start(lambda ctx: save(ctx, opened, draft), saved)

    def submit(self) -> None:
        if self.opened is None or self.is_dirty():
            return
        opened = self.opened

        def submitted(reopened) -> None:
            self.status.emit(f"{reopened.status.key} is waiting for review.")
            self._loaded(reopened)
            self.changed.emit()

        self._start(lambda ctx: submit(ctx, opened), submitted)

    # live preview -------------------------------------------------------------------------------

    def run_preview(self) -> None:
        """Render what is in the form now for the chosen prospect (one preview at a time)."""
        self.timer.stop()
        prospect_id = self.preview.prospect_id()
        if self.opened is None or prospect_id is None:
            return
        if self.preview_op is not None:
            self._pending = True  # render again with the newest text once this one is done
            return
        content, layout = self.form.content(), self.form.slide_layout()
        notes = self.form.notes.toPlainText()
        op = self._start(
            lambda ctx: preview(ctx, content, layout, prospect_id, notes),
            self._previewed,
            self._preview_failed,
        )
        op.done.connect(self._preview_done)
        self.preview_op = op

    def _previewed(self, preview) -> None:
        if not self._pending:
            self.preview.show_preview(preview)
            self.previewed.emit()

    def _preview_failed(self, message: str) -> None:
        if not self._pending:
            self.preview.show_failure(message)
            self.previewed.emit()

    def _preview_done(self) -> None:
        self.preview_op = None
        if self._pending:
            self._pending = False
            self.run_preview()
