"""Render each page of the app to PNG (`make screenshots` → docs/screenshots/).

Uses a private copy of the demo library and private settings, so it never touches the user's.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication


def _settle(app: QApplication, window, ms: int = 400) -> None:
    """Let background loads finish and the window repaint."""
    for _ in range(100):
        busy = [p for p in window.pages.built() if getattr(p, "op", None) and p.op.running]
        if not busy and not window.ops:
            break
        loop = QEventLoop()
        QTimer.singleShot(100, loop.quit)
        loop.exec()
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out_dir: str = "docs/screenshots") -> int:
    from enabler.app.window import MainWindow
    from enabler.services.demo import load_demo
    from enabler.store.db import open_db

    app = QApplication.instance() or QApplication(sys.argv[:1])
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "demo.db"
        load_demo(open_db(db_path))
        settings = QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue("welcome_dismissed", True)
        window = MainWindow(db_path, settings)
        window.resize(1280, 800)
        window.show()
        _settle(app, window)
        for name, page in window.pages.items():
            window.show_page(name)
            _settle(app, window)
            if hasattr(page, "select_prospect"):
                page.select_prospect("Northwind Health")
                _settle(app, window)
            path = out / f"{name.lower()}.png"
            window.grab().save(str(path))
            print(path)
            for tab_name in list(getattr(page, "tab", {}))[1:]:  # the first is the page shot
                page.show_tab(tab_name)
                _settle(app, window)
                path = out / f"{name.lower()}-{tab_name.lower().replace(' ', '-')}.png"
                window.grab().save(str(path))
                print(path)
        window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
