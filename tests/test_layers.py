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


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """enabler module → the enabler modules it imports anywhere (inside functions too)."""
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                for alias in node.names:  # `from enabler.services import build` names a module
                    full = f"{base}.{alias.name}"
                    targets.add(full if full in paths else base)
        graph[name] = {t for t in targets if t in paths and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or around a loop (Tarjan's SCC)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle_even_inside_functions():
    assert cycles(import_graph()) == []


def test_the_cycle_check_sees_a_loop_through_a_function_import():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert "enabler.services.deck.build" in import_graph()["enabler.cli.build"]


def test_the_shells_reach_the_library_through_services():
    offenders = []
    for shell in ("app", "cli"):
        for path in (PACKAGE / shell).rglob("*.py"):
            if any(
                n == "enabler.store" or n.startswith("enabler.store.")
                for n in imported_modules(path)
            ):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


MAX_MODULES = 25  # a folder past this is split into feature packages (docs/architecture.md)


def folder_sizes(root: Path) -> dict[str, int]:
    """Modules and subpackages directly in each package folder below `root` (not `__init__`)."""
    sizes = {}
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir())]:
        if folder.name == "__pycache__":
            continue
        entries = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        entries += [p for p in folder.iterdir() if p.is_dir() and (p / "__init__.py").exists()]
        sizes[str(folder.relative_to(root.parent))] = len(entries)
    return sizes


def test_no_folder_holds_more_than_25_modules():
    tests = Path(__file__).parent
    sizes = {**folder_sizes(PACKAGE), **folder_sizes(tests)}
    assert {f: n for f, n in sizes.items() if n > MAX_MODULES} == {}


def test_folder_sizes_count_modules_and_packages(tmp_path):
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    for name in ("__init__.py", "a.py", "b.py", "sub/__init__.py", "sub/c.py"):
        (root / name).write_text("")
    assert folder_sizes(root) == {"pkg": 3, "pkg/sub": 1}
