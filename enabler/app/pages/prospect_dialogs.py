"""Dialogs the Prospects page opens: a new insight (what the rep just learned) and a new
prospect. They only collect text; the services check it and say what is wrong."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
)

from enabler.domain.modules import Stage
from enabler.domain.prospects import InsightKind


def _buttons(dialog: QDialog, form: QFormLayout) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
    form.addRow(buttons)
    return buttons


class InsightDialog(QDialog):
    """A dated, sourced insight about one prospect (today unless told)."""

    def __init__(self, company: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add an insight about {company}")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Insight")
        self.text.setPlaceholderText("e.g. The CFO wants payback inside a year.")
        self.text.setTabChangesFocus(True)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind")
        for kind in InsightKind:
            self.kind.addItem(kind.label.capitalize(), kind.value)
        self.source = QLineEdit(placeholderText="Call, meeting, email, LinkedIn…")
        self.source.setAccessibleName("Source")
        self.date = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.date.setAccessibleName("Date")
        self.date.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        for label, widget in (
            ("What you learned", self.text),
            ("Kind", self.kind),
            ("Source", self.source),
            ("Date", self.date),
        ):
            form.addRow(label, widget)
        self.ok = _buttons(self, form).button(QDialogButtonBox.StandardButton.Ok)
        self.text.textChanged.connect(
            lambda: self.ok.setEnabled(bool(self.text.toPlainText().strip()))
        )

    def fields(self) -> dict:
        return {
            "kind": self.kind.currentData(),
            "text": self.text.toPlainText(),
            "source": self.source.text(),
            "date": self.date.date().toString("yyyy-MM-dd"),
        }


class ContactDialog(QDialog):
    """Someone on the prospect's buying committee."""

    def __init__(self, company: str, personas, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Add to {company}'s buying committee")
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.title = QLineEdit(placeholderText="e.g. Chief Financial Officer")
        self.title.setAccessibleName("Job title")
        self.role = QLineEdit(placeholderText="e.g. Economic buyer, Champion")
        self.role.setAccessibleName("Role in the deal")
        self.persona = QComboBox()
        self.persona.setEditable(True)
        self.persona.setAccessibleName("Persona")
        self.persona.addItems(["", *personas])
        self.influence = QComboBox()
        self.influence.setAccessibleName("Influence")
        self.influence.addItems(["medium", "high", "low"])
        form = QFormLayout(self)
        for label, widget in (
            ("Name", self.name),
            ("Job title", self.title),
            ("Role", self.role),
            ("Persona", self.persona),
            ("Influence", self.influence),
        ):
            form.addRow(label, widget)
        self.ok = _buttons(self, form).button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))

    def fields(self) -> dict:
        return {
            "name": self.name.text(),
            "title": self.title.text(),
            "role": self.role.text(),
            "persona": self.persona.currentText(),
            "influence": self.influence.currentText(),
        }


class ProspectDialog(QDialog):
    """A new prospect: the company, its industry and funnel stage, what hurts."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New prospect")
        self.company = QLineEdit()
        self.company.setAccessibleName("Company")
        self.industry = QLineEdit(placeholderText="e.g. Healthcare")
        self.industry.setAccessibleName("Industry")
        self.stage = QComboBox()
        self.stage.setAccessibleName("Stage")
        for stage in Stage:
            self.stage.addItem(stage.label, stage.value)
        self.pains = QPlainTextEdit()
        self.pains.setAccessibleName("Pains")
        self.pains.setPlaceholderText("One pain per line")
        self.pains.setTabChangesFocus(True)
        self.pains.setFixedHeight(80)
        self.competitors = QLineEdit(placeholderText="Comma-separated")
        self.competitors.setAccessibleName("Competitors")
        form = QFormLayout(self)
        for label, widget in (
            ("Company", self.company),
            ("Industry", self.industry),
            ("Stage", self.stage),
            ("Pains", self.pains),
            ("Competitors", self.competitors),
        ):
            form.addRow(label, widget)
        self.ok = _buttons(self, form).button(QDialogButtonBox.StandardButton.Ok)
        self.company.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))

    def fields(self) -> dict:
        pains = [line.strip() for line in self.pains.toPlainText().splitlines() if line.strip()]
        rivals = [c.strip() for c in self.competitors.text().split(",") if c.strip()]
        return {
            "company": self.company.text().strip(),
            "industry": self.industry.text().strip(),
            "stage": self.stage.currentData(),
            "pains": pains,
            "competitors": rivals,
        }
