"""Render each page of the app to PNG (`make screenshots` → docs/screenshots/).

Uses a private copy of the demo library and private settings, so it never touches the user's.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

# What each shot shows beyond the page's default: (page, tab or "") → setup(widget).
STAGING = {
    ("Build", ""): lambda page: page.plan_view.setCurrentIndex(
        page.plan.index(page.plan.module_keys().index("case-study-healthcare-quote"))
    ),
    ("Library", "Modules"): lambda tab: tab.show_module("why-us"),
    ("Library", "Editor"): lambda tab: tab.open_module("demo-dashboard"),  # with its picture
}


def _settle(app: QApplication, window, ms: int = 400) -> None:
    """Let background work (loads, previews: every running Operation) finish, then repaint."""
    from enabler.app.ops import Operation

    for _ in range(300):
        busy = [op for op in window.findChildren(Operation) if op.running]
        if not busy:
            break
        loop = QEventLoop()
        QTimer.singleShot(100, loop.quit)
        loop.exec()
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out_dir: str = "docs/screenshots") -> int:
    from enabler.app.window import MainWindow
    from enabler.services.demo.library import load_demo
    from enabler.services.library_file import open_library

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "demo.db"
        load_demo(open_library(db_path), history=True)
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("welcome_dismissed", True)
        window = MainWindow(db_path, settings)
        window.resize(1100, 700)  # the default size: what a new user sees
        window.show()
        _settle(app, window)
        for name, page in window.pages.items():
            window.show_page(name)
            _settle(app, window)
            if hasattr(page, "select_prospect"):
                page.select_prospect("Northwind Health")
                _settle(app, window, 1200)  # debounced previews start after a pause
                _settle(app, window)
            if (name, "") in STAGING:
                STAGING[name, ""](page)
                _settle(app, window)
            if not hasattr(page, "tab"):  # a page of tabs is shot tab by tab below
                path = out / f"{name.lower()}.png"
                window.grab().save(str(path))
                print(path)
            for n, (tab_name, tab) in enumerate(getattr(page, "tab", {}).items()):
                page.show_tab(tab_name)
                _settle(app, window)
                if (name, tab_name) in STAGING:
                    STAGING[name, tab_name](tab)
                    _settle(app, window, 1200)  # debounced previews start after a pause
                    _settle(app, window)
                suffix = "" if n == 0 else "-" + tab_name.lower().replace(" ", "-")
                path = out / f"{name.lower()}{suffix}.png"
                window.grab().save(str(path))
                print(path)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
