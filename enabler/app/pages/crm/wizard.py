"""The CRM import wizard: file → column mapping with a live preview → stages → dry run → import.

The pages hold the user's choices (a column per field, stage overrides) and ask
`enabler.services.crm.wizard` for everything else, off the GUI thread. Problems are sentences
on the page itself; nothing is written before the user presses Import on the dry-run page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWizard

from enabler.app.ops import Operation
from enabler.app.pages.crm.pages import FilePage, MappingPage
from enabler.app.pages.crm.steps import CheckPage, ResultPage, StagePage
from enabler.app.runner import Runner


class CrmImportWizard(QWizard):
    """Import prospects from a CRM export; `imported(report)` fires after a successful import."""

    imported = Signal(object)
    applying = Signal(object)  # the import's Operation, for the window's "quit now?" question

    def __init__(self, db_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.ops: list[Operation] = []
        self.runner = Runner(self.db_path, self)
        self.path: Path | None = None
        self.summary = None
        self.preview = None
        self.columns: dict[str, str] = {}
        self.stages: dict[str, str] = {}
        self.date_order = ""  # "", "MDY" or "DMY": see the mapping page
        self.setWindowTitle("Import prospects from a CRM export")
        self.setAccessibleName("CRM import wizard")
        self.file_page = FilePage()
        self.mapping_page = MappingPage()
        self.stage_page = StagePage()
        self.check_page = CheckPage()
        self.result_page = ResultPage()
        for page in (
            self.file_page,
            self.mapping_page,
            self.stage_page,
            self.check_page,
            self.result_page,
        ):
            self.addPage(page)
        self.resize(900, 600)

    def run(self, fn, on_success, on_failure) -> Operation:
        """`fn(ctx)` in the background; the operation is kept until it is done."""
        op = self.runner.write(fn, on_success, on_failure, lane="crm")  # checks, then import
        op.done.connect(lambda: self.ops.remove(op))
        self.ops.append(op)
        return op
