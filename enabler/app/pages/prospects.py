"""Prospects: the list, and the profile of the one selected (committee, insights)."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QSplitter, QVBoxLayout, QWidget

from enabler.app.models import ListModel
from enabler.app.ops import Operation

STALE_AFTER = dt.timedelta(days=90)


def profile_html(profile, today: dt.date | None = None) -> str:
    """The profile as simple rich text; every user string is escaped."""
    today = today or dt.date.today()
    p = profile.prospect
    e = html.escape
    parts = [
        f"<h2>{e(p.company)}</h2>",
        f"<p>{e(p.industry)} · {e(p.stage.label)} · {e(p.region)} · rep {e(p.owner_rep)}</p>",
    ]
    if p.pains:
        parts.append("<h3>Pains</h3><ul>" + "".join(f"<li>{e(x)}</li>" for x in p.pains) + "</ul>")
    if profile.contacts:
        parts.append(
            "<h3>Buying committee</h3><ul>"
            + "".join(
                f"<li><b>{e(c.name)}</b>, {e(c.title)} — {e(c.role)}, {e(c.persona)}, "
                f"influence {e(c.influence)}, {e(c.stance)}</li>"
                for c in profile.contacts
            )
            + "</ul>"
        )
    if profile.insights:
        items = []
        for i in profile.insights:
            stale = i.date is not None and today - i.date > STALE_AFTER
            mark = " <i>(stale)</i>" if stale else ""
            items.append(
                f"<li>{e(str(i.date or ''))} · {e(i.kind.value)}: {e(i.text)}"
                f" — {e(i.source)}{mark}</li>"
            )
        parts.append("<h3>Insights</h3><ul>" + "".join(items) + "</ul>")
    return "".join(parts)


def _prospects(ctx):
    from enabler.services import browse

    return browse.prospects(ctx.open_db())


def _profile(ctx, pid: int):
    from enabler.services import browse

    return browse.profile(ctx.open_db(), pid)


class ProspectsPage(QWidget):
    def __init__(self, db_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.ops: list[Operation] = []
        self.search = QLineEdit(placeholderText="Search prospects…")
        self.search.setAccessibleName("Search prospects")
        self.model = ListModel(text=lambda p: p.company)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = QListView()
        self.view.setAccessibleName("Prospects")
        self.view.setModel(self.proxy)
        self.view.selectionModel().currentChanged.connect(self._chosen)
        self.detail = QLabel("Select a prospect to see their buying committee and insights.")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(self.search)
        lv.addWidget(self.view)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(1, 2)
        QVBoxLayout(self).addWidget(splitter)

    def _start(self, fn, on_success) -> None:
        op = Operation(fn, self.db_path, self)
        op.succeeded.connect(on_success)
        op.done.connect(lambda: self.ops.remove(op))
        self.ops.append(op)
        op.start()

    def refresh(self) -> None:
        self._start(_prospects, self.model.set_items)

    def select_prospect(self, company: str) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, Qt.ItemDataRole.UserRole).company == company:
                self.view.setCurrentIndex(index)
                return True
        return False

    def _chosen(self, current, _previous) -> None:
        if current.isValid():
            pid = self.proxy.data(current, Qt.ItemDataRole.UserRole).id
            self._start(
                lambda ctx: _profile(ctx, pid),
                lambda prof: self.detail.setText(profile_html(prof)),
            )
