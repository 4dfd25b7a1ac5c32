"""The last three pages of the CRM import wizard: stage table, dry run, and the import itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWizard, QWizardPage

from enabler.app.crm_models import STAGE_CHOICES, ReportModel, StageModel, count_line
from enabler.app.pages.crm.pages import choices_for, fit, sentence, table
from enabler.app.pages.worksheets import ChoiceDelegate

NO_STAGE_COLUMN = "This file has no stage column: every prospect keeps its funnel stage."
NOTHING_TO_CHANGE = (
    "Nothing to change: every row already matches the library (was this file imported "
    "before?). Importing it again changes nothing."
)


def _run(ctx, path: Path, choices, dry_run: bool, remember: bool):
    from enabler.services.crm.wizard import run_import

    return run_import(
        ctx.open_db(), path, choices, dry_run=dry_run, remember_stages=remember and not dry_run
    )


def _job(wizard, dry_run: bool):
    path, fmt = wizard.path, wizard.summary.format
    choices = choices_for(fmt, wizard.columns, wizard.stages, wizard.date_order)
    remember = wizard.stage_page.remember.isChecked()
    return lambda ctx: _run(ctx, path, choices, dry_run, remember)


class StagePage(QWizardPage):
    """The CRM stages in the file and the funnel stage each becomes; editable per import."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Map the CRM stages")
        self.setSubTitle(
            "Each stage the file uses, and the funnel stage a prospect gets from it. "
            "Double-click a stage in the third column to change it for this import."
        )
        self.model = StageModel(self)
        self.model.edit_requested.connect(self._edited)
        self.view = table(self.model, "Stage mapping")
        self.view.setItemDelegateForColumn(2, ChoiceDelegate(STAGE_CHOICES, "Funnel stage", self))
        self.message = QLabel()
        self.message.setAccessibleName("Stage mapping notes")
        self.message.setWordWrap(True)
        self.remember = QCheckBox("Also save my changes in the library's stage table")
        self.remember.setAccessibleName("Save stage choices for later imports")
        self.remember.setToolTip("Later imports, from the app or `enabler import-crm`, use them.")
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.remember)
        self.busy = False

    def initializePage(self) -> None:
        self.wizard().mapping_page.previewed.connect(self._previewed)
        self._previewed()

    def cleanupPage(self) -> None:
        self.wizard().mapping_page.previewed.disconnect(self._previewed)

    def _previewed(self) -> None:
        self.busy = False
        preview = self.wizard().preview
        stages = preview.stages if preview else ()
        self.model.set_records(stages)
        fit(self.view)
        unmapped = [s.label for s in stages if not s.target]
        if not stages:
            text = NO_STAGE_COLUMN
        elif unmapped:
            text = (
                f"Not in the stage table: {', '.join(unmapped)}. Choose what they mean, or those "
                "rows leave the prospect's stage as it is."
            )
        else:
            text = "Every stage in the file is mapped. Highlighted rows differ from the table."
        sentence(self.message, text, problem=bool(unmapped))
        self.completeChanged.emit()

    def _edited(self, label: str, _field: str, value: str) -> None:
        self.wizard().stages[label] = value
        self.busy = True
        self.completeChanged.emit()
        self.wizard().mapping_page.refresh()

    def choose(self, label: str, target: str) -> None:
        """Set the funnel stage for one CRM stage (as the combo box in the table does)."""
        self.model.setData(self.model.index(self.model.row_of(label), 2), target)

    def isComplete(self) -> bool:
        return not self.busy


class _ReportPage(QWizardPage):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.model = ReportModel(self)
        self.view = table(self.model, f"{title}: report per row")
        self.counts = QLabel()
        self.counts.setAccessibleName("Row counts")
        self.message = QLabel()
        self.message.setAccessibleName("Import result")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.counts)
        layout.addWidget(self.view, 1)
        self.report = None

    def _start(self, dry_run: bool):
        self.report = None
        self.model.set_records([])
        self.counts.setText("")
        sentence(self.message, "Checking every row…" if dry_run else "Importing…", problem=False)
        self.completeChanged.emit()
        return self.wizard().run(_job(self.wizard(), dry_run), self._show, self._failed)

    def _show(self, report) -> None:
        self.report = report
        self.model.set_report(report)
        fit(self.view)
        self.counts.setText(f"{report.file}: {count_line(report)}.")
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.report = None
        sentence(self.message, message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.report is not None


class CheckPage(_ReportPage):
    """The dry run: exactly what the import will do, row by row; nothing is written."""

    def __init__(self) -> None:
        super().__init__(
            "Check what will change",
            "A dry run of the import: nothing has been written yet. Press Import to apply it.",
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")

    def initializePage(self) -> None:
        self._start(dry_run=True)

    def _show(self, report) -> None:
        super()._show(report)
        if report.changed:
            sentence(self.message, "Dry run: nothing has been written yet.", problem=False)
        else:
            sentence(self.message, NOTHING_TO_CHANGE, problem=False)


class ResultPage(_ReportPage):
    """The import, in one transaction, and its final per-row report."""

    def __init__(self) -> None:
        super().__init__("Import", "What the import did, row by row.")
        self.failed = False

    def initializePage(self) -> None:
        self.failed = False
        op = self._start(dry_run=False)
        op.label = "importing prospects from a CRM file"
        self.wizard().applying.emit(op)

    def _show(self, report) -> None:
        super()._show(report)
        if report.changed:
            text = f"Imported {report.file} in one transaction."
        else:
            text = NOTHING_TO_CHANGE
        sentence(self.message, text, problem=False)
        self.wizard().imported.emit(report)

    def _failed(self, message: str) -> None:
        super()._failed(message)
        self.failed = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.report is not None or self.failed
