"""Benchmark: process start → first paint of Enabler's main window, against a bare QMainWindow
started the same way in the same run (target ≤ 3×).

Each sample is a fresh `python` process on the offscreen platform that exits at the first paint
event of its window; the parent times it from spawn to exit.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import sys
from PySide6.QtCore import QObject, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
kind = sys.argv[1]
if kind == "enabler":
    from PySide6.QtCore import QSettings
    from enabler.app.window import MainWindow
    win = MainWindow(sys.argv[2], QSettings(sys.argv[3], QSettings.Format.IniFormat))
else:
    win = QMainWindow()
    win.resize(1100, 700)

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False

f = FirstPaint()
win.installEventFilter(f)
win.show()
app.exec()
"""


def sample(kind: str, db: Path, ini: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(db), str(ini)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - t0


def main(rounds: int = 7) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db, ini = Path(tmp) / "lib.db", Path(tmp) / "s.ini"
        subprocess.run(
            [sys.executable, "-m", "enabler", "demo", "--db", str(db)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        ours, bare = [], []
        for _ in range(rounds):
            ours.append(sample("enabler", db, ini))
            bare.append(sample("bare", db, ini))
    m_ours, m_bare = statistics.median(ours), statistics.median(bare)
    print(f"start → first paint, {rounds} rounds (median):")
    print(f"  Enabler main window {m_ours * 1000:8.0f} ms")
    print(f"  bare QMainWindow    {m_bare * 1000:8.0f} ms")
    print(f"  ratio               {m_ours / m_bare:8.2f}×  (target ≤ 3×)")


if __name__ == "__main__":
    main()
