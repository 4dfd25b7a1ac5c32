"""The module editor's form: title, layout, facets, owner, review date, the layout's texts and
its pictures.

The form holds text and the sha256s of stored pictures; `draft()` turns it into a `ModuleDraft`
for the services. The fields
the texts use are checked as you type (parsing only) and unknown fields and broken tags are
listed under the form.
"""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from enabler.app import theme
from enabler.app.pages.module_editor.pictures import ImagePicker, LogoPicker
from enabler.app.pages.module_editor.work import PictureCard
from enabler.domain.module_form import (
    FIELDS,
    LAYOUT_PICTURES,
    Pictures,
    content_from_form,
    form_fields,
    form_pictures,
    form_values,
)
from enabler.domain.modules import SmartLayout, Stage


def _split(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _layout_label(layout: SmartLayout) -> str:
    return layout.value.replace("_", " ").capitalize()


class ModuleForm(QWidget):
    edited = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.roots: frozenset[str] = frozenset()
        self.base_content: dict = {}
        self.check = None  # the last FieldCheck
        self.layout_box = QComboBox()
        self.layout_box.setAccessibleName("Layout")
        for layout in SmartLayout:
            self.layout_box.addItem(_layout_label(layout), layout.value)  # Qt keeps str
        self.layout_box.currentIndexChanged.connect(self._layout_changed)
        self.stages = {s: QCheckBox(s.label) for s in Stage}
        stage_row = QHBoxLayout()
        for stage, box in self.stages.items():
            box.setAccessibleName(f"Stage {stage.label}")
            box.toggled.connect(self._changed)
            stage_row.addWidget(box)
        self.industries = self._line("Industries", "Comma-separated; empty means every industry")
        self.competitors = self._line("Competitors", "Comma-separated; only when these are in play")
        self.owner = self._line("Owner", "Who answers questions about this module")
        self.has_review = QCheckBox("Review by")
        self.has_review.setAccessibleName("Has a review-by date")
        self.review_by = QDateEdit(calendarPopup=True)
        self.review_by.setAccessibleName("Review by")
        self.review_by.setDisplayFormat("yyyy-MM-dd")
        self.has_review.toggled.connect(self.review_by.setEnabled)
        self.has_review.toggled.connect(self._changed)
        self.review_by.dateChanged.connect(self._changed)
        review_row = QHBoxLayout()
        review_row.addWidget(self.has_review)
        review_row.addWidget(self.review_by, 1)

        self.texts: dict[str, QLineEdit | QPlainTextEdit] = {}
        for f in FIELDS.values():
            widget = QPlainTextEdit() if f.multiline else QLineEdit()
            widget.setAccessibleName(f.label)
            widget.setPlaceholderText(f.hint or "Text; use fields such as {{ prospect.company }}")
            if f.multiline:
                widget.setTabChangesFocus(True)
                widget.setFixedHeight(90)
            widget.textChanged.connect(self._changed)
            self.texts[f.name] = widget
        self.cards: dict[str, PictureCard] = {}  # what the pickers know of each picture
        self.image_picker = ImagePicker(self.cards)
        self.image_picker.edited.connect(self._changed)
        self.logo_picker = LogoPicker(self.cards)
        self.logo_picker.edited.connect(self._changed)
        self.notes = QPlainTextEdit(placeholderText="Speaker notes for the rep (optional)")
        self.notes.setAccessibleName("Talking points")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.notes.textChanged.connect(self._changed)
        self.fields_label = QLabel()
        self.fields_label.setAccessibleName("Fields used")
        self.fields_label.setWordWrap(True)

        self.rows = QFormLayout(self)
        self.rows.addRow("Title", self.texts["title"])
        self.rows.addRow("Layout", self.layout_box)
        for name, f in FIELDS.items():
            if name != "title":
                self.rows.addRow(f.label, self.texts[name])
        self.rows.addRow("Picture", self.image_picker)
        self.rows.addRow("Logos", self.logo_picker)
        self.rows.addRow("Talking points", self.notes)
        self.rows.addRow("Stages", stage_row)
        self.rows.addRow("Industries", self.industries)
        self.rows.addRow("Competitors", self.competitors)
        self.rows.addRow("Owner", self.owner)
        self.rows.addRow("", review_row)
        self.rows.addRow(self.fields_label)
        self._show_fields()

    def _line(self, name: str, hint: str) -> QLineEdit:
        line = QLineEdit(placeholderText=hint)
        line.setAccessibleName(name)
        line.textChanged.connect(self._changed)
        return line

    # state ---------------------------------------------------------------------------------

    def slide_layout(self) -> SmartLayout:
        return SmartLayout(self.layout_box.currentData())

    def text(self, name: str) -> str:
        widget = self.texts[name]
        return widget.toPlainText() if isinstance(widget, QPlainTextEdit) else widget.text()

    def set_text(self, name: str, value: str) -> None:
        widget = self.texts[name]
        if isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value)
        else:
            widget.setText(value)

    def load(self, draft) -> None:
        """Show a `ModuleDraft` (no `edited` signal: nothing was typed)."""
        self.blockSignals(True)
        try:
            self.base_content = dict(draft.content)
            layout = SmartLayout(draft.content.get("layout", SmartLayout.BULLETS.value))
            self.layout_box.setCurrentIndex(self.layout_box.findData(layout.value))
            for name, value in form_values(draft.content).items():
                self.set_text(name, value)
            pictures = form_pictures(draft.content)
            self.image_picker.load(pictures.image)
            self.logo_picker.load(pictures.logos)
            self.notes.setPlainText(draft.talking_points)
            for stage, box in self.stages.items():
                box.setChecked(stage.value in draft.stages)
            self.industries.setText(", ".join(draft.industries))
            self.competitors.setText(", ".join(draft.competitors))
            self.owner.setText(draft.owner)
            self.has_review.setChecked(draft.review_by is not None)
            self.review_by.setEnabled(draft.review_by is not None)
            when = draft.review_by or dt.date.today() + dt.timedelta(days=180)
            self.review_by.setDate(QDate(when.year, when.month, when.day))
        finally:
            self.blockSignals(False)
        self._show_fields()

    def values(self) -> tuple:
        """Everything typed, to tell whether the form differs from what was loaded."""
        texts = tuple(self.text(f.name) for f in form_fields(self.slide_layout()))
        review = self.review_by.date().toPython() if self.has_review.isChecked() else None
        stages = tuple(s for s, box in self.stages.items() if box.isChecked())
        return (
            self.slide_layout(),
            texts,
            self.pictures().shown(self.slide_layout()),
            self.notes.toPlainText(),
            stages,
            _split(self.industries.text()),
            _split(self.competitors.text()),
            self.owner.text().strip(),
            review,
        )

    def pictures(self) -> Pictures:
        return Pictures(self.image_picker.sha, self.logo_picker.shas())

    def unknown_pictures(self) -> tuple[str, ...]:
        """The pictures shown whose thumbnail and name are not known yet."""
        return tuple(s for s in self.pictures().refs() if s not in self.cards)

    def show_cards(self, cards) -> None:
        self.cards.update((card.sha, card) for card in cards)
        self.image_picker.refresh()
        self.logo_picker.refresh()

    def content(self) -> dict:
        values = {name: self.text(name) for name in FIELDS}
        return content_from_form(self.slide_layout(), values, self.base_content, self.pictures())

    def draft(self):
        from enabler.services.library.authoring import ModuleDraft

        _layout, _texts, _pictures, notes, stages, industries, competitors, owner, review = (
            self.values()
        )
        return ModuleDraft(
            self.content(),
            notes,
            tuple(s.value for s in stages),
            industries,
            competitors,
            owner,
            review,
        )

    # reactions -----------------------------------------------------------------------------

    def _layout_changed(self) -> None:
        self._show_fields()
        self._changed()

    def _show_fields(self) -> None:
        shown = {f.name for f in form_fields(self.slide_layout())}
        for name, widget in self.texts.items():
            self.rows.setRowVisible(widget, name in shown)
        pictures = LAYOUT_PICTURES.get(self.slide_layout(), ())
        self.rows.setRowVisible(self.image_picker, "image" in pictures)
        self.rows.setRowVisible(self.logo_picker, "logos" in pictures)

    def _changed(self) -> None:
        if self.signalsBlocked():
            return
        self.check_fields()
        self.edited.emit()

    def check_fields(self) -> None:
        """List the fields the texts use; flag unknown ones and tags that do not parse."""
        from enabler.services.deck.field_check import check_fields

        sources = [self.text(f.name) for f in form_fields(self.slide_layout())]
        check = check_fields([*sources, self.notes.toPlainText()], self.roots)
        self.check = check
        e = html.escape
        parts = [f"<b>Fields:</b> {e(', '.join(check.fields)) or 'none'}"]
        red = theme.colours().problem
        if check.unknown:
            parts.append(
                f"<span style='color:{red}'><b>Unknown fields</b> (no deck can fill them): "
                f"{e(', '.join(check.unknown))}</span>"
            )
        parts += [f"<span style='color:{red}'>Tag error: {e(err)}</span>" for err in check.errors]
        self.fields_label.setText("<br>".join(parts))
