"""ROI: a prospect's business case inputs, edited per field, with results as you type.

Every figure comes from `enabler.services.roi.business_case.preview` (pure and fast, no I/O, so it
runs on the
GUI thread after a short pause in typing); loading and saving go through background operations.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from enabler.app.pages.picker import ProspectPicking
from enabler.app.widgets.charts import CashChart, TornadoChart
from enabler.app.widgets.table_models import RoiFieldsModel, problem_sentence

DEBOUNCE_MS = 250
EMPTY = "Pick a prospect to see and edit their business case."
NO_MODEL = (
    "{company} has no ROI model yet. Press <i>Start from preset</i> to begin with marketing's "
    "approved assumptions for their industry, then adjust the figures."
)


def _load(ctx, prospect):
    from enabler.domain.roi.model import model_to_dict
    from enabler.services.roi import business_case as roi

    model = roi.get_model(ctx.open_db(), prospect)
    return None if model is None else model_to_dict(model)


def _preset(ctx, prospect):
    from enabler.domain.roi.model import model_to_dict
    from enabler.services.roi import business_case as roi

    return model_to_dict(roi.apply_preset(ctx.open_db(), prospect))


def _save(ctx, prospect, data):
    from enabler.services.roi import business_case as roi

    return roi.set_model(ctx.open_db(), prospect, data)


class RoiPage(ProspectPicking, QWidget):
    error = Signal(str)
    status = Signal(str)
    computed = Signal()  # results were redrawn (tests wait on it)
    saved = Signal()
    copy_to_deck = Signal(str)  # company: put the business-case slides into its deck plan

    def __init__(self, db_path: Path, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self._init_picking(db_path, undo_stack)
        self.case = None
        self.scenario_box = QComboBox()
        self.scenario_box.setAccessibleName("Scenario")
        for value in ("expected", "conservative", "optimistic"):
            self.scenario_box.addItem(value.capitalize(), value)
        self.scenario_box.currentIndexChanged.connect(self.recompute)
        self.preset_button = QPushButton("Start from preset")
        self.preset_button.setAccessibleName("Start from the industry preset")
        self.preset_button.clicked.connect(self.start_from_preset)
        self.save_button = QPushButton("Save")
        self.save_button.setAccessibleName("Save the ROI model")
        self.save_button.clicked.connect(lambda: self.save())
        self.copy_button = QPushButton("Copy to deck")
        self.copy_button.setAccessibleName("Copy the business case to the deck")
        self.copy_button.setToolTip(
            "Save the business case and add its summary, cash-flow and sensitivity slides to "
            "this prospect's deck on the Build page (undo there with Ctrl+Z)"
        )
        self.copy_button.clicked.connect(self.copy_to_build)
        top = QHBoxLayout()
        for w in (QLabel("Prospect:"), self.prospect_box, QLabel("Scenario:"), self.scenario_box):
            top.addWidget(w)
        top.addStretch(1)
        top.addWidget(self.preset_button)
        top.addWidget(self.save_button)
        top.addWidget(self.copy_button)

        self.fields = RoiFieldsModel(undo_stack, self)
        self.fields.changed.connect(self._schedule)
        self.table = QTableView()
        self.table.setAccessibleName("ROI inputs")
        self.table.setModel(self.fields)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # "Benefit: <long line name> · ramp-up % by year": keep both ends, the end says which input.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)  # wrapped text elides per line and loses the end again
        self.problems = QLabel()
        self.problems.setAccessibleName("Input problems")
        self.problems.setWordWrap(True)
        self.problems.setProperty("role", "problem")  # coloured by enabler.app.theme
        self.empty = QLabel(EMPTY)
        self.empty.setWordWrap(True)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.empty)
        lv.addWidget(self.table, 1)
        lv.addWidget(self.problems)

        self.results = QLabel()
        self.results.setAccessibleName("ROI results")
        self.results.setTextFormat(Qt.TextFormat.RichText)
        self.results.setWordWrap(True)
        self.results.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.cash_chart = CashChart()
        self.tornado_chart = TornadoChart()
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.addWidget(self.results)
        rv.addWidget(self.cash_chart, 1)
        rv.addWidget(self.tornado_chart, 1)

        splitter = QSplitter()
        splitter.setObjectName("roi-split")  # settings remember it by this name
        splitter.addWidget(left)
        results = QScrollArea()  # results and charts scroll rather than stretch the window
        results.setWidgetResizable(True)
        results.setFrameShape(QScrollArea.Shape.NoFrame)
        results.setWidget(right)
        splitter.addWidget(results)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.recompute)
        self._show_editor(False)

    # background work ---------------------------------------------------------------------------

    def _chosen(self, index: int) -> None:
        self.prospect = self.prospect_box.itemData(index)
        prospect = self.prospect
        self._start(lambda ctx: _load(ctx, prospect), self._loaded)

    def _loaded(self, data: dict | None) -> None:
        if data is None:
            self.fields.set_data({})
            self.empty.setText(NO_MODEL.format(company=html.escape(self.prospect.company)))
            self._show_editor(False)
            self._draw(None)
            return
        self.fields.set_data(data)
        self._show_editor(True)
        self.recompute()

    def start_from_preset(self) -> None:
        if self.prospect is not None:
            prospect = self.prospect
            self._start(lambda ctx: _preset(ctx, prospect), self._loaded)

    def copy_to_build(self) -> None:
        """Save, then hand the prospect to the Build page, which adds the ROI slides."""
        if self.prospect is None or not self.fields.rows:
            self.error.emit("Choose a prospect with a business case first.")
            return
        company = self.prospect.company
        self.save(then=lambda: self.copy_to_deck.emit(company))

    def save(self, then=None) -> None:
        """Save only a fully valid model: field errors are shown and nothing is written."""
        if self.prospect is None or not self.fields.rows:
            return
        self.recompute()
        if self.fields.errors:
            self.error.emit("The ROI model was not saved: fix the fields marked in red first.")
            return
        prospect, data = self.prospect, self.fields.data_

        def saved(_model) -> None:
            self.status.emit(f"Business case for {prospect.company} saved.")
            self.saved.emit()
            if then is not None:
                then()

        self._start(lambda ctx: _save(ctx, prospect, data), saved)

    # live results ------------------------------------------------------------------------------

    def _schedule(self) -> None:
        self.timer.start()

    def _show_editor(self, on: bool) -> None:
        self.empty.setVisible(not on)
        self.table.setVisible(on)
        self.save_button.setEnabled(on)
        self.copy_button.setEnabled(on)
        self.preset_button.setVisible(not on and self.prospect is not None)

    def recompute(self) -> None:
        """Validate and evaluate what is in the table now (pure: no I/O)."""
        self.timer.stop()
        if not self.fields.rows or self.prospect is None:
            return
        from enabler.domain.roi.model import Scenario
        from enabler.errors import EnablerError
        from enabler.services.roi import business_case as roi

        result = roi.preview(self.fields.data_, Scenario(self.scenario_box.currentData()))
        self.fields.set_errors(result.errors)
        rows = self.fields.rows
        self.problems.setText("\n".join(problem_sentence(e, rows) for e in result.errors))
        try:
            self._draw(result.case)
        except EnablerError as exc:  # e.g. a prospect locale Babel cannot format
            self.error.emit(str(exc))
        self.computed.emit()

    def _draw(self, case) -> None:
        self.case = case
        if case is None:
            self.results.setText(
                "<i>Results appear once every field is valid.</i>" if self.fields.rows else ""
            )
            self.cash_chart.set_values([], [])
            self.tornado_chart.set_bars(0.0, [])
            return
        from enabler.services.roi import business_case as roi
        from enabler.services.roi.figures import flag_messages, headline_rows

        fmt = roi.formatter(self.prospect)
        e = html.escape
        rows = "".join(
            f"<tr><td>{e(label)}</td><td align='right'><b>{e(adj)}</b></td>"
            f"<td align='right'>{e(unadj)}</td></tr>"
            for label, adj, unadj in headline_rows(case, fmt)
        )
        flags = "".join(f"<li>{e(m)}</li>" for m in flag_messages(case))
        self.results.setText(
            f"<h3>{e(case.scenario.label)} scenario</h3><table cellspacing='4'>"
            "<tr><th></th><th>Risk-adjusted</th><th>Unadjusted</th></tr>"
            f"{rows}</table>"
            + (f"<p><b>Check before presenting:</b></p><ul>{flags}</ul>" if flags else "")
        )
        cumulative = case.result.adjusted.cumulative
        self.cash_chart.set_values(
            cumulative,
            [f"Year {t}" for t in range(len(cumulative))],
            [fmt.compact(v) for v in cumulative],
        )
        self.tornado_chart.set_bars(
            case.tornado.base_npv, [(b.driver, b.low_npv, b.high_npv) for b in case.tornado.bars]
        )
