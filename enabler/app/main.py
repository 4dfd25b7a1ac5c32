"""Desktop app entry point (`enabler-app [--db PATH]`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="enabler-app", description="Enabler desktop app")
    parser.add_argument("--db", type=Path, default=None, help="library file")
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName("Enabler")
    app.setApplicationName("Enabler")
    from enabler.app.window import MainWindow
    from enabler.services.library_file import default_library_path

    db_path = args.db or default_library_path()

    window = MainWindow(db_path)
    window.show()
    window.ensure_demo_when_empty()  # also opens (and migrates) the library off the GUI thread
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
