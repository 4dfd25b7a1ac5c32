"""Dialogs the Prospects page opens: a new insight (what the rep just learned), someone on the
buying committee and a prospect, the last two also for editing what is there. They only collect
text; the services check it and say what is wrong."""

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


STANCES = ("", "supporter", "neutral", "sceptic")


def _choose(combo: QComboBox, options, current: str) -> None:
    """Offer `options` (and `current`, if it is something else) with `current` chosen."""
    combo.addItems(list(dict.fromkeys((*options, current))))
    combo.setCurrentText(current)


def _same(value):
    return " ".join(value.split()) if isinstance(value, str) else value


def changed(before: dict, after: dict) -> tuple[dict, dict]:
    """The fields a dialog changed: (what they were, what they are now). Spacing alone is no
    change (the services tidy it anyway)."""
    keys = [k for k in after if _same(after[k]) != _same(before.get(k))]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def contact_values(contact) -> dict:
    """A contact in the shape `ContactDialog.fields()` returns."""
    return {
        "name": contact.name,
        "title": contact.title,
        "role": contact.role,
        "persona": contact.persona,
        "influence": contact.influence,
        "stance": contact.stance,
        "email": contact.email,
    }


class ContactDialog(QDialog):
    """Someone on the prospect's buying committee: new, or `contact` to edit."""

    def __init__(self, company: str, personas, parent=None, contact=None) -> None:
        super().__init__(parent)
        if contact is None:
            self.setWindowTitle(f"Add to {company}'s buying committee")
        else:
            self.setWindowTitle(f"Edit {contact.name} ({company})")
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
        self.stance = QComboBox()
        self.stance.setAccessibleName("Stance")
        self.stance.setToolTip("Where they stand on the deal, as far as you know")
        self.email = QLineEdit()
        self.email.setAccessibleName("Email")
        form = QFormLayout(self)
        for label, widget in (
            ("Name", self.name),
            ("Job title", self.title),
            ("Role", self.role),
            ("Persona", self.persona),
            ("Influence", self.influence),
            ("Stance", self.stance),
            ("Email", self.email),
        ):
            form.addRow(label, widget)
        self.ok = _buttons(self, form).button(QDialogButtonBox.StandardButton.Ok)
        self.name.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        was = contact_values(contact) if contact is not None else {}
        _choose(self.influence, ("high", "medium", "low"), was.get("influence", "medium"))
        _choose(self.stance, STANCES, was.get("stance", ""))
        if contact is not None:
            self.name.setText(was["name"])
            self.title.setText(was["title"])
            self.role.setText(was["role"])
            self.persona.setCurrentText(was["persona"])
            self.email.setText(was["email"])

    def fields(self) -> dict:
        return {
            "name": self.name.text(),
            "title": self.title.text(),
            "role": self.role.text(),
            "persona": self.persona.currentText(),
            "influence": self.influence.currentText(),
            "stance": self.stance.currentText(),
            "email": self.email.text(),
        }


def prospect_values(prospect) -> dict:
    """A prospect in the shape `ProspectDialog.fields()` returns."""
    return {
        "company": prospect.company,
        "industry": prospect.industry,
        "stage": prospect.stage.value,
        "region": prospect.region,
        "pains": list(prospect.pains),
        "competitors": list(prospect.competitors),
    }


class ProspectDialog(QDialog):
    """A prospect: the company, its industry and funnel stage, what hurts, who else is in the
    deal. New, or `prospect` to edit."""

    def __init__(self, parent=None, prospect=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New prospect" if prospect is None else f"Edit {prospect.company}")
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
        self.region = QLineEdit(placeholderText="e.g. North America")
        self.region.setAccessibleName("Region")
        form = QFormLayout(self)
        for label, widget in (
            ("Company", self.company),
            ("Industry", self.industry),
            ("Stage", self.stage),
            ("Region", self.region),
            ("Pains", self.pains),
            ("Competitors", self.competitors),
        ):
            form.addRow(label, widget)
        self.ok = _buttons(self, form).button(QDialogButtonBox.StandardButton.Ok)
        self.company.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        if prospect is not None:
            was = prospect_values(prospect)
            self.company.setText(was["company"])
            self.industry.setText(was["industry"])
            self.stage.setCurrentIndex(max(self.stage.findData(was["stage"]), 0))
            self.region.setText(was["region"])
            self.pains.setPlainText("\n".join(was["pains"]))
            self.competitors.setText(", ".join(was["competitors"]))

    def fields(self) -> dict:
        pains = [line.strip() for line in self.pains.toPlainText().splitlines() if line.strip()]
        rivals = [c.strip() for c in self.competitors.text().split(",") if c.strip()]
        return {
            "company": self.company.text().strip(),
            "industry": self.industry.text().strip(),
            "stage": self.stage.currentData(),
            "region": self.region.text().strip(),
            "pains": pains,
            "competitors": rivals,
        }
