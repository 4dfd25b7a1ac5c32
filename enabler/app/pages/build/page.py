"""Build: the rep's main page — pick a prospect, shape the plan, build the deck."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QWidget,
)

from enabler.app.models import ListModel, PlanEntry, PlanModel
from enabler.app.ops import Operation
from enabler.app.pages.build import work
from enabler.app.pages.build.fields import BuildFields
from enabler.app.pages.build.layout import arrange
from enabler.app.pages.build.prospects import BuildProspects
from enabler.app.pages.build.roi import RoiCopying
from enabler.app.pages.build.stage import SlideStage
from enabler.app.pages.build.text import FLAGS, left_out_html, preflight_html
from enabler.app.pages.build.thumbs import BuildThumbs
from enabler.app.pages.build.why import WhyPanel
from enabler.app.runner import Runner
from enabler.app.theme import TITLE_PT
from enabler.app.undo import AddModule, MoveModule, RemoveModule

DECK = "deck"  # the lane of the build and its exports


class BuildPage(BuildProspects, RoiCopying, QWidget):
    """Prospect list on the left; plan, output and Build on the right."""

    status = Signal(str)
    error = Signal(str)
    prospect_chosen = Signal(str)  # the company, for the other pages to follow

    def __init__(self, db_path: Path, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.undo_stack = undo_stack
        self.runner = Runner(self.db_path, self)
        self.runner.lane_busy.connect(lambda lane, busy: lane == DECK and self._set_busy(busy))
        self.prospect = None
        self.last_output: Path | None = None
        self.deck_folder = Path.home() / "Documents" / "Enabler"  # where decks are proposed
        self._roi_for: str | None = None  # company whose business case waits to be added
        self._follow: str | None = None  # the prospect chosen on another page, to show here

        self._all_prospects: list = []
        self._closed: dict = {}
        self.closed_box = QCheckBox("Show closed deals")
        self.closed_box.setToolTip("Deals already won or lost; their decks count in Insights")
        self.closed_box.toggled.connect(lambda _on: self._list_prospects())
        self.search = QLineEdit(placeholderText="Search prospects…")
        self.search.setAccessibleName("Search prospects")
        self.prospects = ListModel(text=self._prospect_text)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.prospects)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.prospect_view = QListView()
        self.prospect_view.setAccessibleName("Prospects")
        self.prospect_view.setModel(self.proxy)
        self.prospect_view.setSpacing(3)  # each deal's name and stage read as one entry
        self.prospect_view.selectionModel().currentChanged.connect(self._prospect_chosen)

        self.heading = QLabel("Choose a prospect to see the modules recommended for them.")
        self.heading.setWordWrap(True)
        self.plan = PlanModel(self)
        self.plan.move_requested = self.move_module
        self.plan_view = QListView()
        self.plan_view.setAccessibleName("Deck plan")
        self.plan_view.setModel(self.plan)
        self.plan_view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.plan_view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.why = WhyPanel()
        self.plan_view.selectionModel().currentChanged.connect(self._show_why)
        self.plan.modelReset.connect(lambda: self.why.show_entry(None))
        for changed in (self.plan.modelReset, self.plan.rowsInserted, self.plan.rowsRemoved):
            changed.connect(self._enable_build)
        self.fields = BuildFields(self)  # field form and thumbnails follow the plan model
        self.thumbs = BuildThumbs(self, self.fields)
        self.add_box = QComboBox()
        self.add_box.setAccessibleName("Module to add")
        self.add_box.setPlaceholderText("Add a module to the deck…")
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add_selected_module)
        self.up_button = QPushButton("Up")
        self.up_button.clicked.connect(lambda: self._move_current(-1))
        self.down_button = QPushButton("Down")
        self.down_button.clicked.connect(lambda: self._move_current(1))
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_current)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.plan_view)
        delete.activated.connect(self.remove_current)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.cancel)

        self.output = QLineEdit()
        self.output.setAccessibleName("Output file")
        browse_button = QPushButton("Browse…")
        browse_button.clicked.connect(self._browse)
        self.build_button = QPushButton("Build deck")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the build or export; nothing is written (Esc)")
        self.cancel_button.clicked.connect(self.cancel)
        self.pdf_button = QPushButton("Export PDF")
        self.pdf_button.setToolTip("Convert the deck just built to PDF beside it (LibreOffice)")
        self.pdf_button.clicked.connect(self.export_pdf)
        self.leave_button = QPushButton("Leave-behind")
        self.leave_button.setToolTip("Write the prospect's leave-behind PDF beside the deck")
        self.leave_button.clicked.connect(self.export_leave_behind)
        self.last_report = None
        self.open_button = QPushButton("Open folder")
        self.open_button.clicked.connect(self.open_folder)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Progress")
        self.progress.setRange(0, 0)
        self.stars = QComboBox()
        self.stars.setAccessibleName("Rating")
        self.stars.addItems(["5 ★ great", "4 ★", "3 ★", "2 ★", "1 ★ poor"])
        self.flag = QComboBox()
        self.flag.setAccessibleName("Flag")
        for label, kind in FLAGS:
            self.flag.addItem(label, kind)
        self.comment = QLineEdit(placeholderText="Comment for marketing (optional)")
        self.comment.setAccessibleName("Rating comment")
        self.rate_button = QPushButton("Rate")
        self.rate_button.setToolTip("Rate the module selected in the plan; a flag tells marketing")
        self.rate_button.clicked.connect(self.rate_current)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.stage = SlideStage(self.thumbs)
        self.plan_view.selectionModel().currentChanged.connect(
            lambda cur, _prev: (
                self.stage.show_module(self.plan.item(cur.row()).key)
                if 0 <= cur.row() < self.plan.rowCount()
                else None
            )
        )
        arrange(self, browse_button, self.stage)
        for keys, action in (
            ("Ctrl+B", self.build),
            ("Ctrl+Shift+P", self.export_pdf),
            ("Ctrl+Shift+L", self.export_leave_behind),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(action)
        self._set_busy(False)
        for button in (self.open_button, self.pdf_button, self.leave_button):
            button.setEnabled(False)

    # loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload prospects and the approved modules (off the GUI thread)."""
        self.runner.refresh(work.load_choices, self._loaded, self._failed, key="choices")

    def _loaded(self, result) -> None:
        prospects, modules, self._closed = result
        self._all_prospects = prospects
        self._list_prospects()
        self.add_box.clear()
        for m in modules:
            self.add_box.addItem(m.title, PlanEntry(m.key, m.title, "added by you"))
        self.add_box.setCurrentIndex(-1)  # the placeholder, not a title cut to the box's width
        follow, self._follow = self._roi_for or self._follow, None
        if follow is None and self.prospect is not None:
            follow = self.prospect.company  # a reloaded list: keep the plan's prospect
        if follow:
            self.select_prospect(follow)
        if not prospects:
            self.heading.setText(
                "No prospects yet. Load the demo library (File ▸ Load demo "
                "library) or import prospects from your CRM."
            )

    def _prospect_chosen(self, current, _previous) -> None:
        if not current.isValid():
            return
        prospect = self.proxy.data(current, Qt.ItemDataRole.UserRole)
        if self.prospect is not None and prospect.id == self.prospect.id and self.plan.rowCount():
            return  # the same prospect, reselected after a list reload: keep the plan as edited
        self.prospect = prospect
        self.prospect_chosen.emit(prospect.company)
        self._enable_build()
        self.heading.setText(f"Loading the plan for {prospect.company}…")
        self.output.setText(str(self.deck_folder / f"{prospect.company}.pptx"))
        self.runner.refresh(
            lambda ctx: work.load_plan(ctx, prospect.id),
            self._plan_loaded,
            self._failed,
            key="plan",
        )

    def _plan_loaded(self, result) -> None:
        plan, lines = result
        self.undo_stack.clear()
        self.plan.set_items(
            [
                PlanEntry(line.key, line.title, line.why, line.reasons, line.score, line.problem)
                for line in lines
            ]
        )
        p = plan.prospect
        self.heading.setText(
            f"<span style='font-size:{TITLE_PT}pt; font-weight:bold'>{html.escape(p.company)}"
            f"</span><br>{html.escape(p.industry)} · {p.stage.label} · {len(plan.modules)} "
            "modules recommended: drag to reorder, Delete removes, Ctrl+Z undoes."
            + left_out_html(plan.notes)
        )
        if self._roi_for == plan.prospect.company:
            self._place_roi()

    def _show_why(self, current, _previous) -> None:
        rows = len(self.plan.module_keys())
        self.why.show_entry(self.plan.item(current.row()) if 0 <= current.row() < rows else None)

    # editing (through the undo stack) -------------------------------------------------------

    def add_selected_module(self) -> None:
        entry = self.add_box.currentData()
        if entry is None or entry.key in self.plan.module_keys():
            return
        self.undo_stack.push(AddModule(self.plan, len(self.plan.module_keys()), entry))

    def remove_current(self) -> None:
        row = self.plan_view.currentIndex().row()
        if row >= 0:
            self.undo_stack.push(RemoveModule(self.plan, row))

    def move_module(self, src: int, dest: int) -> None:
        if src != dest and 0 <= dest < len(self.plan.module_keys()):
            self.undo_stack.push(MoveModule(self.plan, src, dest))

    def _move_current(self, delta: int) -> None:
        row = self.plan_view.currentIndex().row()
        if row >= 0:
            self.move_module(row, row + delta)
            self.plan_view.setCurrentIndex(self.plan.index(row + delta))

    # building --------------------------------------------------------------------------------

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save deck as", self.output.text(), "PowerPoint (*.pptx)"
        )
        if path:
            self.output.setText(path)

    def build(self) -> None:
        if self.prospect is None:
            self.error.emit("Choose a prospect first.")
            return
        keys = self.plan.module_keys()
        if not keys:
            self.error.emit("The plan is empty: add at least one module.")
            return
        out = Path(self.output.text()).expanduser()
        pid, overrides = self.prospect.id, self.fields.overrides()
        self.result.setText("Building…")
        self._deck_write(
            lambda ctx: work.build(ctx, pid, keys, overrides, out), self._built, "building the deck"
        )

    def _built(self, result) -> None:
        self.last_output = result.path
        self.last_report = result.preflight
        for button in (self.open_button, self.pdf_button, self.leave_button):
            button.setEnabled(True)
        message = f"Built {result.path.name}: {result.slides} slides."
        self.result.setText(message + preflight_html(result.preflight))
        self.status.emit(message)

    def rate_current(self) -> None:
        """Rate (and optionally flag) the module selected in the plan; marketing sees flags."""
        row = self.plan_view.currentIndex().row()
        if row < 0:
            self.error.emit("Select a module in the plan to rate it.")
            return
        key = self.plan.item(row).key
        stars = 5 - self.stars.currentIndex()
        flag, comment = self.flag.currentData(), self.comment.text()

        def rated(_receipt) -> None:
            self.comment.clear()
            self.result.setText(f"Thanks: rated “{self.plan.item(row).title}” {stars}/5.")
            self.status.emit(f"Rated {key} {stars}/5.")

        # A rating runs beside a build or export; neither stops the other.
        self.runner.write(
            lambda ctx: work.rate(ctx, key, stars, flag, comment), rated, self._failed
        )

    def export_pdf(self) -> None:
        """The built deck as PDF beside it; preflight errors block it (the CLI has --force)."""
        if self.last_output is None:
            self.error.emit("Build the deck first.")
            return
        deck, report = self.last_output, self.last_report
        self.result.setText("Converting to PDF…")
        self._deck_write(
            lambda ctx: work.export_pdf(ctx, deck, report),
            lambda pdf: self._exported(f"PDF written: {pdf}"),
            "exporting the PDF",
        )

    def export_leave_behind(self) -> None:
        if self.prospect is None or self.last_output is None:
            self.error.emit("Build the deck first.")
            return
        out = self.last_output.with_name(f"{self.last_output.stem}-leave-behind.pdf")
        pid = self.prospect.id
        self.result.setText("Writing the leave-behind…")
        self._deck_write(
            lambda ctx: work.leave_behind(ctx, pid, out),
            lambda r: self._exported(f"Leave-behind written: {r.path} ({r.pages} pages)"),
            "writing the leave-behind",
        )

    def _exported(self, message: str) -> None:
        self.result.setText(html.escape(message))
        self.status.emit(message)

    def cancel(self) -> None:
        """The user's Cancel (button or Esc): stops the build or export, nothing else."""
        self.runner.cancel_lane(DECK)

    open_url = staticmethod(QDesktopServices.openUrl)  # tests stand in a machine without one

    def open_folder(self) -> None:
        """Show the deck's folder; with no file manager to ask, say so and where it is."""
        if not self.last_output:
            return
        folder = self.last_output.parent
        if not self.open_url(QUrl.fromLocalFile(str(folder))):
            said = "No file manager was found to open the folder. The deck is in"
            self.result.setText(f"{said}:<br><b>{html.escape(str(folder))}</b> (select it to copy)")
            self.status.emit(f"{said} {folder}")

    # plumbing --------------------------------------------------------------------------------

    @property
    def op(self) -> Operation | None:
        """The newest background call still running (else the newest): tests wait on it."""
        return self.runner.current()

    def _run(self, fn, on_success) -> None:
        """A plan change (the ROI slides): beside the rest, never cancelled by another."""
        self.runner.write(fn, on_success, self._failed)

    def _deck_write(self, fn, on_success, label: str) -> None:
        """Build and exports share a lane: an export waits for the build before it."""
        op = self.runner.write(fn, on_success, self._failed, lane=DECK, label=label)
        op.progress.connect(self._progressed)
        op.cancelled.connect(lambda: self.result.setText("Cancelled; nothing was written."))

    def _failed(self, message: str) -> None:
        self.result.setText(message)
        self.error.emit(message)

    def _progressed(self, percent: int, message: str) -> None:
        self.progress.setRange(0, 100)
        self.progress.setValue(percent)
        self.progress.setFormat(f"{message} · %p%" if message else "%p%")

    def _set_busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0)  # indeterminate until the work reports how far it is
        self.progress.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self.cancel_button.setVisible(busy)  # only while there is something to stop
        self._enable_build()

    def _enable_build(self, *_args) -> None:
        """Build only when it can work: a prospect, a plan, nothing being built."""
        ready = self.prospect is not None and self.plan.rowCount() > 0
        self.build_button.setEnabled(ready and not self.runner.busy(DECK))
        self.build_button.setToolTip(
            "Build the deck (Enter)" if ready else "Choose a prospect first; its plan fills in."
        )
