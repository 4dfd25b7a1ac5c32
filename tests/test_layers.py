"""The core never imports Qt; only enabler/app/ may."""

from __future__ import annotations

import ast
from pathlib import Path

import enabler

PACKAGE = Path(enabler.__file__).parent
QT = ("PySide6", "shiboken6", "PyQt5", "PyQt6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_outside_the_app_package():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if (PACKAGE / "app") in path.parents:
            continue
        if any(name.split(".")[0] in QT for name in imported_modules(path)):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_the_check_sees_qt_imports(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text("from PySide6.QtCore import QObject\n")
    assert "PySide6.QtCore" in imported_modules(sample)


def test_domain_does_no_io():
    forbidden = {"sqlite3", "sqlite_utils", "pptx", "subprocess", "os", "pathlib", "shutil"}
    for path in (PACKAGE / "domain").rglob("*.py"):
        assert not {n.split(".")[0] for n in imported_modules(path)} & forbidden, path
