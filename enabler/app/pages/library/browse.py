"""Library ▸ Modules: search as you type with facets, results with snippets, and the chosen
module's state, history and review actions beside them.

Searching is the library's FTS search (`services.library_views.find_modules`), run in the
background a moment after typing stops; a reply to an older query is ignored.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from enabler.app.library_models import FacetModel, HtmlDelegate, RowsModel
from enabler.app.pages.library import jobs
from enabler.app.pages.library.detail import DetailPane
from enabler.app.pages.library.jobs import Jobs

DEBOUNCE_MS = 200
EMPTY_LIBRARY = (
    "The library is empty. Load the demo library from the File menu, or import designed slides."
)
NO_MATCH = "No module matches. Remove a filter on the left or try other words."
_MARK = "<span class='mark'>{}</span>"  # coloured by HtmlDelegate, readable when selected


def marked_html(text) -> str:
    """A `Highlighted` text as HTML with the matched words marked."""
    return "".join(_MARK.format(html.escape(t)) if hit else html.escape(t) for t, hit in text.parts)


def _facts(hit) -> str:
    return f"{hit.key} · {hit.state.value.replace('_', ' ')} · {hit.owner or '—'} · {hit.kind}"


def hit_text(hit) -> str:
    snippet = hit.snippet.plain
    return f"{hit.title.plain} — {_facts(hit)}" + (f"\n{snippet}" if snippet else "")


def hit_html(hit) -> str:
    snippet = f"<br><small>{marked_html(hit.snippet)}</small>" if hit.snippet.parts else ""
    facts = html.escape(_facts(hit))
    return f"<b>{marked_html(hit.title)}</b><br><small class='muted'>{facts}</small>{snippet}"


class FacetView(QTreeView):
    """The facet tree: a click, Space or Enter on a value toggles its filter."""

    chosen = Signal(QModelIndex)

    def __init__(self) -> None:
        super().__init__()
        self.clicked.connect(self.chosen)

    def keyPressEvent(self, event) -> None:
        keys = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() in keys and self.currentIndex().isValid():
            self.chosen.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class BrowseTab(Jobs, QWidget):
    status = Signal(str)
    error = Signal(str)
    changed = Signal()
    searched = Signal()  # results and facets were replaced (tests wait on it)

    def __init__(self, db_path: Path, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._init_jobs()
        self.filters: dict[str, str] = {}
        self._asked = 0  # numbers the searches, so only the latest reply is shown

        self.search = QLineEdit(placeholderText='Search: words, "a phrase", word*, OR, -word')
        self.search.setAccessibleName("Search modules")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._typed)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.problem = QLabel()
        self.problem.setAccessibleName("Search problem")
        self.problem.setProperty("role", "problem")  # coloured by enabler.app.theme
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.facets = FacetModel(self)
        self.facet_view = FacetView()
        self.facet_view.setAccessibleName("Facets: click a value to filter by it")
        self.facet_view.setHeaderHidden(True)
        self.facet_view.setMinimumWidth(170)  # facet names and counts readable at first sight
        self.facet_view.setModel(self.facets)
        self.facet_view.chosen.connect(self._facet_clicked)
        self.clear_button = QPushButton("Clear filters")
        self.clear_button.setAccessibleName("Clear all facet filters")
        self.clear_button.clicked.connect(self.clear_filters)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(self.facet_view, 1)
        lv.addWidget(self.clear_button)

        self.results = RowsModel([("Module", hit_text)], html={0: hit_html}, parent=self)
        self.result_view = QListView()
        self.result_view.setAccessibleName("Matching modules")
        self.result_view.setMinimumWidth(240)
        self.result_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.result_view.setItemDelegate(HtmlDelegate(self.result_view))
        self.result_view.setResizeMode(QListView.ResizeMode.Adjust)  # rows re-wrap on resize
        # A scroll bar that comes and goes would narrow the rows after their heights were set.
        self.result_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.result_view.setModel(self.results)
        self.result_view.selectionModel().currentChanged.connect(self._picked)
        self.count = QLabel()
        self.count.setAccessibleName("Number of matching modules")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.hide()
        middle = QWidget()
        mv = QVBoxLayout(middle)
        mv.setContentsMargins(0, 0, 0, 0)
        mv.addWidget(self.count)
        mv.addWidget(self.empty)
        mv.addWidget(self.result_view, 1)

        self.detail = DetailPane(self.db_path, self.ops)
        for name in ("status", "error", "changed"):
            getattr(self.detail, name).connect(getattr(self, name))
        self.detail.changed.connect(self.run_search)
        scroll = QScrollArea()  # a small window scrolls the detail instead of growing
        scroll.setWidget(self.detail)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.splitter = splitter = QSplitter()
        splitter.setObjectName("browse-split")  # settings remember it by this name
        for w, stretch in ((left, 1), (middle, 3), (scroll, 4)):
            splitter.addWidget(w)
            splitter.setStretchFactor(splitter.count() - 1, stretch)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.problem)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run_search)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_sized", False):  # size hints would starve the detail pane
            self._sized = True
            width = self.splitter.width()
            self.splitter.setSizes([width * 18 // 100, width * 37 // 100, width * 45 // 100])

    # searching -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.run_search()
        self.detail.reload()

    def _typed(self, _text: str) -> None:
        self.timer.start()

    def run_search(self) -> None:
        self.timer.stop()
        self._asked += 1
        asked, text, filters = self._asked, self.search.text(), dict(self.filters)

        def found(findings) -> None:
            if asked == self._asked:
                self._show(findings)

        def failed(message: str) -> None:
            if asked == self._asked:  # e.g. an unclosed quote while typing: said, not a dialog
                self.problem.setText(message)
                self.problem.show()
                self.searched.emit()

        self._start(lambda ctx: jobs.find(ctx, text, filters), found, failed)

    def _show(self, findings) -> None:
        self.problem.hide()
        self.results.set_items(findings.hits)
        self.facets.set_facets(findings.facets)
        self.facet_view.expandAll()
        shown = len(findings.hits)
        more = f" (first {shown} shown)" if shown < findings.total else ""
        self.count.setText(f"{findings.total} module(s){more}")
        if not findings.hits:
            narrowing = self.search.text().strip() or self.filters
            self.empty.setText(NO_MATCH if narrowing else EMPTY_LIBRARY)
        self.empty.setVisible(not findings.hits)
        self.clear_button.setEnabled(bool(self.filters))
        self._select(self.detail.key)
        self.searched.emit()

    # facets ---------------------------------------------------------------------------------

    def _facet_clicked(self, index) -> None:
        name, value = index.data(Qt.ItemDataRole.UserRole) or (None, None)
        if value is not None:
            self.toggle_filter(name, value)

    def toggle_filter(self, name: str, value: str) -> None:
        """Filter by a facet value; choosing the value already on removes that filter."""
        if self.filters.get(name) == value:
            del self.filters[name]
        else:
            self.filters[name] = value
        self.run_search()

    def clear_filters(self) -> None:
        self.filters.clear()
        self.run_search()

    # the chosen module ------------------------------------------------------------------------

    def _picked(self, current, _previous) -> None:
        if current.isValid():
            key = self.results.item(current.row()).key
            if key != self.detail.key:
                self.detail.show_module(key)

    def _select(self, key: str | None) -> None:
        row = self.results.row_where(lambda h: h.key == key) if key else -1
        if row >= 0:
            self.result_view.setCurrentIndex(self.results.index(row, 0))

    def show_module(self, key: str) -> None:
        """Open a module by key (e.g. from the Stale tab), whether or not the list shows it."""
        self.detail.show_module(key)
        self._select(key)
