"""The first pages of the CRM import wizard: the file, and its columns with a live preview.

Also the helpers every wizard page uses (background workers, sentences, tables).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from enabler.app.crm_models import FIELD_LABELS, PreviewModel

DEBOUNCE_MS = 150
NOT_IMPORTED = "(not imported)"
DATE_ORDERS = (
    ("Decide from the dates in the file", ""),
    ("Month first (12/31/2026)", "MDY"),
    ("Day first (31/12/2026)", "DMY"),
)
CHOOSE = "(choose the column)"


def _inspect(_ctx, path: Path):
    from enabler.services.crm.wizard import inspect_export

    return inspect_export(path)


def choices_for(fmt, columns: dict, stages: dict, date_order: str = ""):
    from enabler.services.crm.wizard import WizardChoices

    return WizardChoices(fmt, dict(columns), dict(stages), date_order)


def _preview(ctx, path: Path, fmt, columns: dict, stages: dict, date_order: str):
    from enabler.services.crm.wizard import preview_import

    return preview_import(ctx.open_db(), path, choices_for(fmt, columns, stages, date_order))


def sentence(label: QLabel, text: str, problem: bool = True) -> None:
    """Show `text` on a page: red when it is a problem, plain when it is information."""
    label.setTextFormat(Qt.TextFormat.PlainText)  # file names and CSV text are not markup
    label.setProperty("role", "problem" if problem and text else "")  # see enabler.app.theme
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)


def fit(view: QTableView, cap: int = 280) -> None:
    """Columns as wide as their text, but none wider than `cap` (tooltips show the rest)."""
    view.resizeColumnsToContents()
    for c in range(view.model().columnCount()):
        view.setColumnWidth(c, min(view.columnWidth(c), cap))


def table(model, name: str) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setAccessibleName(f"{name}: columns")
    view.verticalHeader().setAccessibleName(f"{name}: rows")
    return view


class FilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Choose the CRM export")
        self.setSubTitle(
            "A CSV report exported from Salesforce (accounts or opportunities) or HubSpot "
            "(companies or deals). Nothing is written until you press Import at the end."
        )
        self.path_edit = QLineEdit(placeholderText="Path of the .csv file")
        self.path_edit.setAccessibleName("CSV file")
        self.path_edit.returnPressed.connect(lambda: self.load(self.path_edit.text()))
        self.path_edit.editingFinished.connect(self._edited)
        self.requested = ""
        browse = QPushButton("Browse…")
        browse.setAccessibleName("Browse for the CSV file")
        browse.clicked.connect(self.browse)
        self.message = QLabel()
        self.message.setAccessibleName("File check")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "CRM export", "", "CSV files (*.csv *.txt);;All files (*)"
        )
        if name:
            self.path_edit.setText(name)
            self.load(name)

    def _edited(self) -> None:
        # Also fires when focus leaves the field (even while the wizard closes): read each
        # path once; Browse and Enter read it again on purpose.
        if hasattr(self.wizard(), "run") and self.path_edit.text() != self.requested:
            self.load(self.path_edit.text())

    def load(self, text: str) -> None:
        """Read and check the file at `text`; the page says what it found or what is wrong."""
        self.requested = text
        wizard = self.wizard()
        wizard.summary = None
        self.completeChanged.emit()
        if not text.strip():
            sentence(self.message, "Choose a CSV file exported from your CRM.")
            return
        path = Path(text.strip()).expanduser()
        sentence(self.message, f"Reading {path.name}…", problem=False)

        def read(summary) -> None:  # an answer for a path no longer asked about is dropped
            if self.requested == text:
                self._read(path, summary)

        def failed(message: str) -> None:
            if self.requested == text:
                self._failed(message)

        wizard.run(lambda ctx: _inspect(ctx, path), read, failed)

    def _read(self, path: Path, summary) -> None:
        wizard = self.wizard()
        wizard.path, wizard.summary = path, summary
        kind = summary.crm_name if summary.recognised else "An unrecognised"
        sentence(
            self.message,
            f"{kind} export: {summary.rows} data rows, {len(summary.headers)} columns, "
            f"{summary.encoding}, {summary.delimiter}-separated.",
            problem=False,
        )
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        sentence(self.message, f"{message} Nothing was imported.")

    def isComplete(self) -> bool:
        return self.wizard() is not None and self.wizard().summary is not None


class MappingPage(QWizardPage):
    """A combo box per prospect field, and the first rows as they would be imported."""

    previewed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Check the columns")
        self.setSubTitle(
            "Which column of the file fills each prospect field. The table below "
            "shows the first rows as they would be imported."
        )
        self.boxes: dict[str, QComboBox] = {}
        self.form = QGridLayout()
        self.problem = QLabel()
        self.problem.setAccessibleName("Mapping problems")
        self.problem.setWordWrap(True)
        self.model = PreviewModel(self)
        self.view = table(self.model, "Import preview")
        self.counts = QLabel()
        self.counts.setAccessibleName("Preview summary")
        self.dates = QComboBox()
        self.dates.setAccessibleName("Date order")
        for label, value in DATE_ORDERS:
            self.dates.addItem(label, value)
        self.dates.currentIndexChanged.connect(self._date_order)
        self.ok = False
        self.generation = 0
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        layout.addLayout(self.form)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("Dates such as 03/04/2026"))
        dates.addWidget(self.dates, 1)
        layout.addLayout(dates)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.counts)

    def initializePage(self) -> None:
        wizard = self.wizard()
        summary = wizard.summary
        wizard.columns, wizard.stages, wizard.date_order = dict(summary.columns), {}, ""
        self.dates.blockSignals(True)
        self.dates.setCurrentIndex(0)
        self.dates.blockSignals(False)
        while self.form.count():  # a new file: new choices
            item = self.form.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.boxes = {}
        half = (len(FIELD_LABELS) + 1) // 2
        for n, (name, label) in enumerate(FIELD_LABELS.items()):
            box = QComboBox()
            box.setAccessibleName(f"Column for {label}")
            if name == "company" and name not in summary.columns:
                box.addItem(CHOOSE, "")
            elif not summary.fixed(name):
                box.addItem(NOT_IMPORTED, "")
            else:
                box.setToolTip(
                    f"{summary.crm_name} exports put this in "
                    f"{summary.columns[name]!r}; choose another column to read it from there."
                )
            for header in summary.headers:
                if header.strip():
                    box.addItem(header, header)
            box.setCurrentIndex(max(box.findData(summary.columns.get(name, "")), 0))
            box.currentIndexChanged.connect(lambda _i, n=name: self.choose(n))
            self.boxes[name] = box
            row, col = n % half, 2 * (n // half)  # two columns of fields leave room below
            self.form.addWidget(QLabel(label), row, col)
            self.form.addWidget(box, row, col + 1)
        sentence(self.problem, summary.problem)
        self.refresh()

    def choose(self, name: str, header: str | None = None) -> None:
        """Read field `name` from column `header` (default: what its combo box shows)."""
        box = self.boxes[name]
        if header is not None:
            box.setCurrentIndex(box.findData(header))  # calls back here via the signal
            return
        value = box.currentData()
        columns = self.wizard().columns
        if value:
            columns[name] = value
        else:
            columns.pop(name, None)
        self.ok = False
        self.completeChanged.emit()
        self.timer.start()

    def _date_order(self) -> None:
        """The user says how the file writes dates (when its dates disagree, they must)."""
        self.wizard().date_order = self.dates.currentData()
        self.ok = False
        self.completeChanged.emit()
        self.timer.start()

    def refresh(self) -> None:
        self.timer.stop()
        wizard = self.wizard()
        self.generation += 1
        generation = self.generation
        if not wizard.columns.get("company"):
            self.ok, wizard.preview = False, None
            self.model.set_records([])
            self.counts.setText("")
            sentence(self.problem, wizard.summary.problem or "Choose the company name column.")
            self.completeChanged.emit()
            self.previewed.emit()
            return
        path, fmt = wizard.path, wizard.summary.format
        columns, stages, order = dict(wizard.columns), dict(wizard.stages), wizard.date_order

        def shown(preview) -> None:  # only the latest answer counts: choices may have moved on
            if generation == self.generation:
                self._show(preview)

        def failed(message: str) -> None:
            if generation == self.generation:
                self._failed(message)

        wizard.run(lambda ctx: _preview(ctx, path, fmt, columns, stages, order), shown, failed)

    def _show(self, preview) -> None:
        self.ok = True
        self.wizard().preview = preview
        self.model.set_preview(preview)
        fit(self.view)
        shown = len(preview.rows)
        sentence(self.problem, "")
        self.counts.setText(
            f"Showing {shown} of {preview.total} rows; {preview.skipped} would be skipped "
            "(see Notes)."
            if preview.total
            else "The file has a header but no data rows."
        )
        self.completeChanged.emit()
        self.previewed.emit()

    def _failed(self, message: str) -> None:
        self.ok = False
        self.model.set_records([])
        self.counts.setText("")
        sentence(self.problem, message)
        self.completeChanged.emit()
        self.previewed.emit()

    def isComplete(self) -> bool:
        wizard = self.wizard()
        return bool(self.ok and wizard and wizard.preview and wizard.preview.total)
