"""`make run` on a machine without a display builds the demo deck and its leave-behind."""

from __future__ import annotations

from pypdf import PdfReader

from enabler.app.launch import build_demo_outputs
from enabler.store.db import open_db


def test_headless_run_writes_the_deck_and_the_leave_behind(
    demo_db_file, tmp_path, monkeypatch, capsys
):
    db = tmp_path / "lib.db"
    open_db(demo_db_file).conn.execute("VACUUM INTO ?", [str(db)])
    monkeypatch.setenv("ENABLER_DB", str(db))
    assert build_demo_outputs(tmp_path / "out") == 0
    printed = capsys.readouterr().out
    leave_behind = tmp_path / "out" / "northwind-health-leave-behind.pdf"
    assert f"Leave-behind: {leave_behind}" in printed
    assert (tmp_path / "out" / "northwind-health.pptx").is_file()
    assert "Northwind Health" in PdfReader(str(leave_behind)).pages[0].extract_text()
