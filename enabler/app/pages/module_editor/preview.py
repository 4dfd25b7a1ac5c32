"""The module editor's live preview: a prospect to fill for, the slide sketch, the filled texts
and any problems as sentences."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from enabler.app import theme

NO_PROSPECTS = "Add a prospect on the Prospects page to preview modules for them."


class PreviewPane(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.prospect_box = QComboBox()
        self.prospect_box.setAccessibleName("Preview for prospect")
        self.image = QLabel()
        self.image.setAccessibleName("Slide preview")
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.hide()
        self.texts = QLabel("Open a module to see it filled for a prospect.")
        self.texts.setAccessibleName("Filled texts")
        self.texts.setTextFormat(Qt.TextFormat.RichText)
        self.texts.setWordWrap(True)
        self.texts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.texts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems = QLabel()
        self.problems.setAccessibleName("Preview problems")
        self.problems.setWordWrap(True)
        self.problems.setProperty("role", "problem")  # coloured by enabler.app.theme
        self.pptx: bytes | None = None  # the last one-slide deck (tests open it)
        row = QHBoxLayout()
        row.addWidget(QLabel("Preview for"))
        row.addWidget(self.prospect_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.image)
        layout.addWidget(self.problems)
        layout.addWidget(self.texts, 1)

    def prospect_id(self) -> int | None:
        prospect = self.prospect_box.currentData()
        return prospect.id if prospect is not None else None

    def set_prospects(self, prospects) -> None:
        current = self.prospect_id()
        self.prospect_box.blockSignals(True)
        self.prospect_box.clear()
        for p in prospects:
            self.prospect_box.addItem(p.company, p)
        index = next((n for n, p in enumerate(prospects) if p.id == current), 0)
        self.prospect_box.setCurrentIndex(index if prospects else -1)
        self.prospect_box.blockSignals(False)
        if not prospects:
            self.texts.setText(NO_PROSPECTS)

    def select_prospect(self, company: str) -> bool:
        index = self.prospect_box.findText(company)
        if index >= 0:
            self.prospect_box.setCurrentIndex(index)
        return index >= 0

    def show_preview(self, preview) -> None:
        """Show a `ModulePreview`: sketch (when there is one), problems, filled texts."""
        self.pptx = preview.pptx
        pixmap = QPixmap()
        if preview.png and pixmap.loadFromData(preview.png):
            self.image.setPixmap(pixmap)
            self.image.show()
        else:
            self.image.clear()
            self.image.hide()
        self.problems.setText("\n".join(preview.problems))
        e = html.escape
        rows = "".join(
            f"<tr><td valign='top'><i>{e(t.label)}</i></td><td>"
            + (
                f"<span style='color:{theme.colours().problem}'>{e(t.text)}</span>"
                if t.problem
                else e(t.text).replace("\n", "<br>")
            )
            + "</td></tr>"
            for t in preview.texts
        )
        self.texts.setText(
            f"<table cellspacing='4'>{rows}</table>" if rows else "<i>No text yet.</i>"
        )

    def show_failure(self, message: str) -> None:
        self.pptx = None
        self.image.clear()
        self.image.hide()
        self.problems.setText(message)
