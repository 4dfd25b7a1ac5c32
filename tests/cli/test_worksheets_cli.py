"""`enabler criteria …` and `enabler plan …` as a user types them (in-process, and once as a
separate process for the exit code and the one-line error)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from tests.conftest import run_cli

NORTHWIND = ("--prospect", "Northwind Health")

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def lib(demo_db_path):
    return demo_db_path


@pytest.fixture
def run(lib):
    runner = CliRunner()

    def invoke(*args, ok=True):
        result = runner.invoke(cli, [*map(str, args), "--db", str(lib)], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


def as_json(result):
    return json.loads(result.stdout)


# specs ------------------------------------------------------------------------------------


class DescribeCriteriaCommand:
    def it_lists_the_checklist_weak_spots_first(self, run):
        lines = run("criteria", *NORTHWIND).stdout.splitlines()
        assert lines[0] == "Northwind Health: 61% weighted fit (2 not assessed) (weak spots first)"
        assert lines[1].split()[:3] == ["ID", "WEIGHT", "STATUS"]
        assert lines[2].split()[:3] == ["security-review", "5", "unknown"]
        data = as_json(run("criteria", "--prospect", "Summit Credit Union", "--json"))
        assert data["fit_percent"] == 51
        assert data["items"][0]["ref"] == data["weak_spots"][0]

    def it_marks_a_criterion_and_reports_the_new_fit(self, run):
        out = run(
            "criteria",
            "mark",
            *NORTHWIND,
            "--criterion",
            "security-review",
            "--status",
            "met",
            "--evidence",
            "SOC 2 accepted",
        ).stdout
        assert out.strip() == (
            "Marked security-review: met, weight 5 (70% weighted fit (1 not assessed))."
        )

    def it_adds_drops_and_lists_the_library(self, run):
        added = as_json(
            run(
                "criteria", "add", *NORTHWIND, "--name", "Board sign-off", "--weight", "4", "--json"
            )
        )
        assert added["ref"].startswith("custom-") and added["weight"] == 4
        run("criteria", "drop", *NORTHWIND, "--criterion", added["ref"])
        refs = [i["ref"] for i in as_json(run("criteria", *NORTHWIND, "--json"))["items"]]
        assert added["ref"] not in refs
        library = as_json(run("criteria", "library", "--json"))
        hipaa = next(c for c in library if c["key"] == "hipaa-phi")
        assert hipaa["known_gaps"][0]["gap"].startswith("No HITRUST")

    def it_refuses_bad_input_with_a_message_per_field(self, run):
        result = run(
            "criteria",
            "mark",
            *NORTHWIND,
            "--criterion",
            "hipaa-phi",
            "--status",
            "done",
            "--weight",
            "7",
            ok=False,
        )
        assert result.exit_code == 1
        assert "status 'done' is not valid" in result.output
        assert "weight 7 is out of range" in result.output
        data = as_json(run("criteria", *NORTHWIND, "--json"))
        hipaa = next(i for i in data["items"] if i["ref"] == "hipaa-phi")
        assert (hipaa["status"], hipaa["weight"], hipaa["version"]) == ("met", 5, 1)


class DescribePlanCommand:
    def it_shows_the_plan_with_overdue_steps_flagged(self, run):
        out = run("plan", *NORTHWIND, "--today", "2026-11-23").stdout
        assert "next: Proof of value on 500 prior-auth requests due 2026-11-20" in out
        row = next(line for line in out.splitlines() if line.startswith("3 "))
        assert "OVERDUE 3d" in row
        data = as_json(run("plan", "--prospect", "Summit Credit Union", "--json"))
        assert data["template"] == "mid"
        assert [s["name"] for s in data["steps"]][:2] == [
            "Discovery",
            "Demo on Summit's loan files",
        ]

    def it_refuses_a_step_due_before_the_previous_one_or_an_unreadable_date(self, run):
        result = run("plan", "step", *NORTHWIND, "--step", "5", "--due", "2026-11-01", ok=False)
        assert result.exit_code == 1
        assert "step 5 'Business case sign-off' is due 2026-11-01, before step 4" in result.output
        result = run("plan", "step", *NORTHWIND, "--name", "Legal", "--due", "soon", ok=False)
        assert "due date 'soon' is not a date" in result.output
        assert len(as_json(run("plan", *NORTHWIND, "--json"))["steps"]) == 8

    def it_applies_a_template_then_adds_and_removes_steps(self, run):
        data = as_json(
            run(
                "plan",
                "apply-template",
                "--prospect",
                "Keystone Manufacturing",
                "--size",
                "small",
                "--start",
                "2027-01-04",
                "--json",
            )
        )
        assert [s["due"] for s in data["steps"]][:2] == ["2027-01-04", "2027-01-11"]
        assert data["steps"][0]["our_owner"] == "Priya Raman"
        keystone = ("--prospect", "Keystone Manufacturing")
        out = run(
            "plan",
            "step",
            *keystone,
            "--name",
            "Site visit",
            "--due",
            "2027-01-05",
            "--position",
            "2",
        ).stdout
        assert "2  2027-01-05  planned" in out
        out = run("plan", "remove-step", *keystone, "--step", "2").stdout
        assert "Site visit" not in out
        assert "small:" in run("plan", "templates").stdout


def test_errors_are_one_line_with_exit_code_1(lib):
    result = run_cli("plan", "step", *NORTHWIND, "--step", "2", "--status", "finished", "--db", lib)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("Error: Cannot save step 2: status 'finished'")
    assert len(result.stderr.strip().splitlines()) == 1
