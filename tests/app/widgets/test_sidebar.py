"""The sidebar: the project's own SVG icon per page (white when selected), work-waiting counts."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from enabler.app.widgets.sidebar import ICONS, Sidebar
from enabler.services.app_views import WaitingWork

PAGES = ["Build", "Library", "Prospects", "ROI", "Objections", "Decision", "Insights"]


class DescribeSidebar:
    def it_draws_an_icon_per_page_readable_when_selected(self, qtbot):
        bar = Sidebar(PAGES)
        qtbot.addWidget(bar)
        assert (ICONS / "LICENSE.txt").is_file()
        for row, _name in enumerate(PAGES):
            icon = bar.item(row).icon()
            for mode, ink in ((QIcon.Mode.Normal, "#4"), (QIcon.Mode.Selected, "#ffffff")):
                image = icon.pixmap(QSize(40, 40), mode).toImage()  # a 2× screen
                drawn = [
                    image.pixelColor(x, y).name()
                    for x in range(40)
                    for y in range(40)
                    if image.pixelColor(x, y).alpha() > 200
                ]
                assert len(drawn) > 40 and drawn[0].startswith(ink), (PAGES[row], mode)

    def it_shows_what_waits_for_marketing(self, qtbot):
        bar = Sidebar(PAGES)
        qtbot.addWidget(bar)
        bar.show_waiting(WaitingWork(reviews=2, stale=1, flags=3))
        assert bar.item(1).text() == "Library (3)"
        assert "2 waiting for review" in bar.item(1).toolTip()
        assert bar.item(6).text() == "Insights (3)"
        bar.show_waiting(WaitingWork(0, 0, 0))
        assert bar.item(1).text() == "Library" and bar.item(6).text() == "Insights"

    def it_counts_on_the_main_window(self, qtbot, history_window):
        history_window.show()
        qtbot.waitUntil(
            lambda: history_window.sidebar.item(6).text() == "Insights (3)", timeout=30000
        )
