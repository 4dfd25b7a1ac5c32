"""Table models for the CRM import wizard: the preview, the stage table and the per-row report.

They show what `enabler.services.crm.wizard` returned; an edit of the stage table is only
requested (`edit_requested`), the wizard keeps the choice and asks the service again.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from enabler.app.decision_models import Column, RecordModel
from enabler.domain.crm.plan import RowAction

SKIPPED_BRUSH = QBrush(QColor("#fde0dc"))
CHANGED_BRUSH = QBrush(QColor("#e6f4ea"))

FIELD_LABELS = {
    "company": "Company",
    "crm_id": "CRM id",
    "domain": "Web domain",
    "industry": "Industry",
    "employees": "Employees",
    "revenue": "Annual revenue",
    "region": "Region",
    "country": "Country",
    "stage": "Funnel stage",
    "owner_rep": "Owner (rep)",
    "deal_amount": "Deal amount",
    "close_date": "Close date",
    "next_meeting": "Next meeting",
}
_HEADERS = {"region": "Region, country"}  # the service folds the country into the region
STAGE_CHOICES = (
    ("Awareness", "awareness"),
    ("Consideration", "consideration"),
    ("Decision", "decision"),
    ("Post-sale", "post_sale"),
    ("Keep the prospect's stage", "keep"),
)
_TARGET_LABELS = dict((v, label) for label, v in STAGE_CHOICES)


def show_value(value) -> str:
    """A value as the report shows it: 480,000 rather than 480000.0, stages by name."""
    if value is None or value == "":
        return "(empty)"
    if hasattr(value, "label"):  # a Stage
        return value.label
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def target_label(target: str) -> str:
    return _TARGET_LABELS.get(target, "not mapped: stage left as it is")


def _cell(name: str):
    """The parsed value of a preview row for one field ('' for a skipped row)."""

    def show(row) -> str:
        if not hasattr(row, "values"):
            return row.company if name == "company" else ""
        if name == "company":
            return row.company
        value = row.values.get(name)
        return "" if value is None else show_value(value)

    return show


def _preview_note(row) -> str:
    if hasattr(row, "message"):
        return f"Skipped: {row.message}"
    return "; ".join(row.notes)


class _FullTextTips:
    """Cells may be cut short in narrow columns: the tooltip shows the whole text."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ToolTipRole:
            return super().data(index, Qt.ItemDataRole.DisplayRole) or None
        return super().data(index, role)


class PreviewModel(_FullTextTips, RecordModel):
    """The first rows of the file as the import would read them."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.COLUMNS = (Column("Line", lambda r: str(r.line)), Column("Notes", _preview_note))

    def set_preview(self, preview) -> None:
        self.beginResetModel()
        wanted = set(preview.fields) | ({"region"} if "country" in preview.fields else set())
        fields = [f for f in FIELD_LABELS if f in wanted and f != "country"]
        self.COLUMNS = (
            Column("Line", lambda r: str(r.line)),
            Column("Company", _cell("company")),
            Column("Notes", _preview_note),  # early: why a row is skipped matters most
            *(Column(_HEADERS.get(f, FIELD_LABELS[f]), _cell(f)) for f in fields if f != "company"),
        )
        self.records = list(preview.rows)
        self.endResetModel()

    def key(self, record) -> str:
        return str(record.line)

    def highlight(self, record):
        return SKIPPED_BRUSH if hasattr(record, "message") else None


class StageModel(RecordModel):
    """CRM stages found in the file → our funnel stage; the last column is editable."""

    COLUMNS = (
        Column("CRM stage", lambda s: s.label),
        Column("Rows", lambda s: str(s.rows)),
        Column("Our stage", lambda s: target_label(s.target), "stage", lambda s: s.target),
        Column("Stage table", lambda s: target_label(s.table_target)),
    )

    def key(self, record) -> str:
        return record.label

    def highlight(self, record):
        return CHANGED_BRUSH if record.target != record.table_target else None


def _changes(outcome) -> str:
    if outcome.action is RowAction.CREATE:
        return "; ".join(
            f"{FIELD_LABELS.get(c.field, c.field)} {show_value(c.after)}" for c in outcome.changes
        )
    return "; ".join(
        f"{FIELD_LABELS.get(c.field, c.field)}: {show_value(c.before)} → {show_value(c.after)}"
        for c in outcome.changes
    )


class ReportModel(_FullTextTips, RecordModel):
    """One row per line of the file: what the import did, or would do, and why."""

    VERBS: ClassVar[dict[RowAction, tuple[str, str]]] = {
        RowAction.CREATE: ("would create", "created"),
        RowAction.UPDATE: ("would update", "updated"),
    }

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.dry_run = True
        self.COLUMNS = (
            Column("Line", lambda o: str(o.line)),
            Column("Company", lambda o: o.company or "(no company)"),
            Column("Outcome", self._verb),
            Column("Notes", lambda o: "; ".join(o.notes)),
            Column("Changes", _changes),
            Column("Matched on", lambda o: o.matched_on),
        )

    def set_report(self, report) -> None:
        self.dry_run = report.dry_run
        self.set_records(report.outcomes)

    def _verb(self, outcome) -> str:
        verbs = self.VERBS.get(outcome.action)
        return verbs[0 if self.dry_run else 1] if verbs else outcome.action.value

    def key(self, record) -> str:
        return str(record.line)

    def highlight(self, record):
        if record.action is RowAction.SKIPPED:
            return SKIPPED_BRUSH
        return CHANGED_BRUSH if record.action in self.VERBS else None


_COUNT_WORDS = {
    RowAction.CREATE: ("to create", "created"),
    RowAction.UPDATE: ("to update", "updated"),
    RowAction.MERGED: ("merged into an earlier line", "merged into an earlier line"),
}


def count_line(report) -> str:
    """'1 to create, 2 unchanged, 1 skipped' before the import; '1 created, …' after it."""
    parts = []
    for action in RowAction:
        n = report.count(action)
        if n:
            words = _COUNT_WORDS.get(action, (action.value, action.value))
            parts.append(f"{n} {words[0 if report.dry_run else 1]}")
    return ", ".join(parts) or "no rows"
