"""Benchmark: process start → first paint of Enabler's main window, against a bare QMainWindow
started the same way in the same run (target ≤ 3×).

Each sample is a fresh `python` process on the offscreen platform; the parent passes the wall
clock at spawn, the child prints the time elapsed at its window's first paint event and exits at
once (background work it may have started does not count: the user already sees the window).
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
import os, sys, time
from PySide6.QtCore import QObject, QEvent
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
            print(time.time() - float(sys.argv[4]), flush=True)
            os._exit(0)
        return False

f = FirstPaint()
win.installEventFilter(f)
win.show()
app.exec()
"""


def sample(kind: str, db: Path, ini: Path) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    args = [sys.executable, "-c", CHILD, kind, str(db), str(ini), repr(time.time())]
    done = subprocess.run(args, check=True, env=env, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


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
