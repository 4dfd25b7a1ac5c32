"""The main window: a sidebar of pages, menus, shortcuts, status bar, remembered state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from enabler.app.channel.status import ChannelStatus
from enabler.app.drop_import import DropImporter, dropped_paths
from enabler.app.lazy_pages import LazyPages, page_class
from enabler.app.ops import Operation
from enabler.app.pages.build.page import BuildPage
from enabler.app.runner import Runner
from enabler.app.welcome import WELCOME, WelcomeBanner, is_demo
from enabler.app.widgets.sidebar import Sidebar, counts


def _load_demo(ctx):
    from enabler.services.demo.library import load_demo

    return load_demo(ctx.open_db(), history=True)


class MainWindow(QMainWindow):
    def __init__(self, db_path: Path, settings: QSettings | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.settings = settings or QSettings("Enabler", "Enabler")
        self.undo_stack = QUndoStack(self)
        self.last_error = ""
        self.runner = Runner(self.db_path, self)
        self.setWindowTitle("Enabler")
        self._follow_colour_scheme()
        self._loading = False
        self._close_confirmed = False
        self.close_question: QMessageBox | None = None
        self.carried_prospect: str | None = None  # chosen on one page, shown on the others

        db, undo = self.db_path, self.undo_stack
        factories = {
            "Build": lambda: BuildPage(db, undo),
            "Library": lambda: page_class("library.page", "LibraryPage")(db, undo),
            "Prospects": lambda: page_class("prospects.page", "ProspectsPage")(db, undo),
            "ROI": lambda: page_class("roi", "RoiPage")(db, undo),
            "Objections": lambda: page_class("objections", "ObjectionsPage")(db, undo),
            "Decision": lambda: page_class("worksheets", "DecisionPage")(db, undo),
            "Insights": lambda: page_class("insights.page", "InsightsPage")(db),
        }
        self.sidebar = Sidebar(factories)
        self.stack = QStackedWidget()
        self.pages = LazyPages(factories, self.stack, self._connect_page)
        self.sidebar.currentRowChanged.connect(self._show_page)

        self.welcome = WelcomeBanner()
        self.welcome_text = self.welcome.text
        self.welcome.dismissed.connect(self.dismiss_welcome)
        self.welcome.setVisible(not self.settings.value("welcome_dismissed", False, type=bool))
        if not self.welcome.isHidden():
            self.runner.refresh(is_demo, self.welcome.show_for, key="welcome")

        body = QWidget()
        outer = QVBoxLayout(body)
        outer.addWidget(self.welcome)
        row = QHBoxLayout()
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        outer.addLayout(row, 1)
        self.setCentralWidget(body)
        self._menus()
        self.statusBar().showMessage(f"Library: {self.db_path}")
        self.channel_status = ChannelStatus(self.db_path, self)
        self.statusBar().addPermanentWidget(self.channel_status)
        self.channel_status.synced.connect(self._channel_synced)
        self.importer = DropImporter(self.db_path, self.statusBar(), self)
        self.importer.error.connect(self.show_error)
        self.importer.status.connect(lambda m: self.statusBar().showMessage(m, 15000))
        self.importer.imported.connect(self._slides_imported)
        self.setAcceptDrops(True)
        self._restore()

    def _follow_colour_scheme(self) -> None:
        """One palette and stylesheet for the app, light or dark as the OS asks, now and when
        the OS switches."""
        from PySide6.QtWidgets import QApplication

        from enabler.app import theme

        app = QApplication.instance()
        if app is None or app.property("enabler_themed"):
            return
        app.setProperty("enabler_themed", True)
        theme.apply(app)
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: theme.apply(app))

    def _connect_page(self, page: QWidget) -> None:
        self._restore_splitters(page)
        if hasattr(page, "error"):
            page.error.connect(self.show_error)
        if hasattr(page, "status"):
            page.status.connect(lambda m: self.statusBar().showMessage(m, 8000))
        if hasattr(page, "copy_to_deck"):
            page.copy_to_deck.connect(self.copy_roi_to_deck)
        if hasattr(page, "prospect_chosen"):
            page.prospect_chosen.connect(self._carry_prospect)
        elif hasattr(page, "prospect_box"):  # a page with a prospect combo (ROI, Objections…)
            box = page.prospect_box
            box.activated.connect(lambda i: self._carry_prospect(box.itemText(i)))

    def _carry_prospect(self, company: str) -> None:
        """The prospect chosen on one page is the one the other pages open on."""
        self.carried_prospect = company

    def copy_roi_to_deck(self, company: str) -> None:
        """The ROI page's "Copy to deck": open the Build page on that prospect, slides added."""
        self.show_page("Build")
        self.pages["Build"].add_roi_slides(company)

    # state -----------------------------------------------------------------------------------

    def _splitters(self, page: QWidget) -> list[tuple[str, QSplitter]]:
        """A page's named splitters (not those of its dialogs), each with its settings key.
        Saved by name: the order findChildren() returns changes between runs, and a state
        restored onto another splitter turns its panes (the orientation is part of it)."""
        found = [s for s in page.findChildren(QSplitter) if s.window() is self and s.objectName()]
        return [(f"layout/{type(page).__name__}/{s.objectName()}", s) for s in found]

    def _restore_splitters(self, page: QWidget) -> None:
        """Put back where the user dragged each splitter to last time."""
        for key, splitter in self._splitters(page):
            state = self.settings.value(key)
            if state is not None:
                splitter.restoreState(state)

    def _restore(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)
        names = list(self.pages)
        last = self.settings.value("main/page", "Build")
        self._loading = True  # the page loads after the first paint (see showEvent)
        self.sidebar.setCurrentRow(names.index(last) if last in names else 0)
        self.pages[self.current_page_name()]  # build the page shown first; the rest on demand
        self._loading = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_shown", False):
            self._shown = True
            QTimer.singleShot(0, self.refresh_current_page)

    def refresh_current_page(self) -> None:
        page = self.pages[self.current_page_name()]
        if hasattr(page, "refresh"):
            page.refresh()
        self.runner.refresh(counts, self.sidebar.show_waiting, lambda _m: None, key="counts")

    def _channel_synced(self, result) -> None:
        """A sync that merged reports or applied a release changes what the pages show."""
        merged = result is not None and result.merge is not None and result.merge.new_events
        applied = result is not None and result.down is not None and result.down.applied
        if merged or applied:
            self.refresh_current_page()

    @property
    def ops(self) -> list[Operation]:
        return self.runner.ops

    def running_ops(self) -> list[Operation]:
        """Every background call still running, from every runner in the window."""
        found = {id(op): op for r in self.findChildren(Runner) for op in r.ops if op.running}
        for page in self.pages.built():
            op = getattr(page, "op", None)
            if op is not None and op.running:
                found[id(op)] = op
        return list(found.values())

    def closeEvent(self, event) -> None:
        running = self.running_ops()
        labels = sorted({op.label for op in running if op.label})
        if labels and not self._close_confirmed:
            # Work the user started (a build, an export, an import): ask, without blocking.
            event.ignore()
            self._ask_to_stop(labels)
            return
        for op in running:
            op.cancel()
        # Let workers reach a safe point: every write is a transaction or an atomic rename, so
        # a worker stopped here leaves the library and the user's files whole either way.
        QThreadPool.globalInstance().waitForDone(5000)
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/page", self.current_page_name())
        for page in self.pages.built():
            for key, splitter in self._splitters(page):
                self.settings.setValue(key, splitter.saveState())
        super().closeEvent(event)

    def _ask_to_stop(self, labels: list[str]) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Enabler",
            f"Enabler is still {' and '.join(labels)}. Stop and quit? Nothing is lost: files "
            "already written and the library stay as they are, and no half-written file is left.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = QMessageBox.StandardButton.Yes
        box.buttonClicked.connect(lambda b: box.standardButton(b) == yes and self._stop_and_close())
        self.close_question = box
        box.open()

    def _stop_and_close(self) -> None:
        self._close_confirmed = True
        self.close()

    def current_page_name(self) -> str:
        return list(self.pages)[self.stack.currentIndex()]

    def dismiss_welcome(self) -> None:
        self.welcome.hide()
        self.settings.setValue("welcome_dismissed", True)

    # pages and menus ------------------------------------------------------------------------

    def _show_page(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        if not self._loading:
            page = self.pages[self.current_page_name()]
            if self.carried_prospect and hasattr(page, "follow_prospect"):
                page.follow_prospect(self.carried_prospect)
            self.refresh_current_page()

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(list(self.pages).index(name))

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        demo = QAction("Load &demo library", self)
        demo.triggered.connect(self.load_demo)
        file_menu.addAction(demo)
        import_action = QAction("&Import slides…", self)
        import_action.setShortcut(QKeySequence("Ctrl+I"))
        import_action.setStatusTip(
            "Import each slide of a .pptx as a draft module (or drop the file here)"
        )
        import_action.triggered.connect(self.choose_files_to_import)
        file_menu.addAction(import_action)
        channel_action = QAction("&Team channel…", self)
        channel_action.setStatusTip("The shared folder or WebDAV address your team syncs through")
        channel_action.triggered.connect(self.open_channel_settings)
        file_menu.addAction(channel_action)
        sync_action = QAction("S&ync with team channel", self)
        sync_action.setShortcut("F5")
        sync_action.setStatusTip("Send field reports and fetch library updates now")
        sync_action.triggered.connect(self.sync_channel_now)
        file_menu.addAction(sync_action)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addAction(undo)
        edit.addAction(redo)

        view = self.menuBar().addMenu("&View")
        for n, name in enumerate(self.pages, start=1):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.triggered.connect(lambda _=False, name=name: self.show_page(name))
            view.addAction(action)

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Enabler", self)
        about.triggered.connect(lambda: QMessageBox.about(self, "Enabler", WELCOME))
        help_menu.addAction(about)

    # actions -----------------------------------------------------------------------------------

    def sync_channel_now(self) -> None:
        """File ▸ Sync with team channel (F5); an update held back is offered for review."""
        status = self.channel_status
        if status.held():
            status.review_held()
        else:
            status.sync_now()

    def open_channel_settings(self):
        """File ▸ Team channel…: a saved location syncs at once, in the background."""
        from enabler.app.channel.dialog import ChannelDialog

        dialog = ChannelDialog(self.db_path, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda _info: self.channel_status.sync_now())
        dialog.open()
        return dialog

    def load_demo(self) -> None:
        self.runner.write(_load_demo, self._demo_loaded, self.show_error, lane="library")

    def _demo_loaded(self, result) -> None:
        self.statusBar().showMessage(
            f"Demo library: {result.modules_added} modules and {result.prospects_added} "
            "prospects added.",
            8000,
        )
        self.welcome.show_for(demo=True)
        self.refresh_current_page()

    # dropping files -------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        event.acceptProposedAction()
        self.import_files(dropped_paths(event.mimeData()))

    def import_files(self, paths: list[Path]) -> bool:
        """Import slides from .pptx files (dropped or chosen); see enabler.app.drop_import."""
        return self.importer.import_files(paths)

    def choose_files_to_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Import slides", str(Path.home()), "PowerPoint (*.pptx)"
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def _slides_imported(self, _results) -> None:
        self.show_page("Library")
        self.refresh_current_page()

    def show_error(self, message: str) -> None:
        """A clear sentence in a non-blocking dialog; never a traceback."""
        self.last_error = message
        box = QMessageBox(QMessageBox.Icon.Warning, "Enabler", message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def ensure_demo_when_empty(self) -> None:
        """First start on an empty library: load the demo so the app is useful at once."""

        def check(ctx):
            from enabler.services.demo.library import load_demo
            from enabler.services.library.summary import summarise

            db = ctx.open_db()
            if summarise(db).modules == 0:
                return load_demo(db, history=True)
            return None

        done = lambda r: r and self._demo_loaded(r)  # noqa: E731
        self.runner.write(check, done, self.show_error, lane="library")
