"""`enabler rate`, `outcome` and `report` as a user types them (in-process)."""

from __future__ import annotations

import csv
import json

import pytest
from click.testing import CliRunner

from enabler.cli import cli


@pytest.fixture
def lib(demo_db_path):
    return demo_db_path


@pytest.fixture
def run(lib):
    runner = CliRunner()

    def invoke(*args, db=lib, code=0):
        result = runner.invoke(cli, [*map(str, args), "--db", str(db)], catch_exceptions=False)
        assert result.exit_code == code, result.output
        return result

    return invoke


class DescribeRateCommand:
    def it_rates_and_flags_a_module(self, run):
        out = run("rate", "1", "2", "--flag", "needs-update", "--comment", "Old logo").output
        assert "2/5, flagged needs_update" in out
        data = json.loads(run("report", "--json").stdout)
        assert [f["flag"] for f in data["flagged"]] == ["needs_update"]
        assert data["modules"][0]["average_rating"] == 2.0

    def it_refuses_a_rating_outside_one_to_five(self, run):
        result = run("rate", "1", "7", code=1)
        assert "whole number from 1 to 5" in result.output


class DescribeOutcomeCommand:
    def it_records_an_outcome(self, run):
        out = run("outcome", "--prospect", "1", "no-decision", "--reason", "Budget frozen").output
        assert "no decision" in out
        data = json.loads(run("report", "--json").stdout)
        assert data["outcomes"]["no_decision"] == 1

    def it_says_when_the_prospect_is_unknown(self, run):
        result = run("outcome", "--prospect", "Nobody Inc", "won", code=1)
        assert "No prospect named 'Nobody Inc'" in result.output


class DescribeReportCommand:
    def it_reports_an_empty_library_without_dividing_by_zero(self, run, tmp_path):
        empty = tmp_path / "empty.db"
        out = run("report", "--csv", tmp_path / "r.csv", db=empty).output
        assert "No feedback yet" in out
        rows = list(csv.reader((tmp_path / "r.csv").read_text().splitlines()))
        assert rows[0] == ["section", "item", "metric", "value"]
        assert ["outcomes", "won", "deals", "0"] in rows

    def it_reports_objections_from_the_demo(self, run):
        data = json.loads(run("report", "--json").stdout)
        assert sum(data["objections"]["stage"].values()) > 0
        assert any(line.startswith("Most objections by stage") for line in data["insights"])
