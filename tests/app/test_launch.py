"""`make run` on a machine without a display builds the demo deck and its leave-behind."""

from __future__ import annotations

import os
import subprocess
import sys

from pptx import Presentation
from pypdf import PdfReader

from enabler.app.launch import build_demo_outputs

NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def test_headless_run_writes_the_deck_and_the_leave_behind(
    demo_db_path, tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("ENABLER_DB", str(demo_db_path))
    assert build_demo_outputs(tmp_path / "out") == 0
    printed = capsys.readouterr().out
    leave_behind = tmp_path / "out" / "northwind-health-leave-behind.pdf"
    assert f"Leave-behind: {leave_behind}" in printed
    assert (tmp_path / "out" / "northwind-health.pptx").is_file()
    assert "Northwind Health" in PdfReader(str(leave_behind)).pages[0].extract_text()


def test_make_run_without_a_display_says_so_and_builds_instead(demo_db_path, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY}
    env["ENABLER_DB"] = str(demo_db_path)
    done = subprocess.run(
        [sys.executable, "-m", "enabler.app.launch"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("No display found")
    assert f"Demo deck: {tmp_path / 'out' / 'northwind-health.pptx'}" in done.stdout
    assert "Traceback" not in done.stderr and "qt.qpa" not in done.stderr
    assert len(Presentation(str(tmp_path / "out" / "northwind-health.pptx")).slides) > 5
