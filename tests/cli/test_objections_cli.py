"""`enabler objections`, `enabler battlecard` and `enabler prep-sheet` as a user types them
(in-process, and as a separate process for exit codes and the PDF)."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from enabler.cli import cli
from tests.conftest import run_cli

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def enabler(demo_env):
    """Run a command in-process against the private demo library."""
    runner = CliRunner()

    def invoke(*args, env=None):
        result = runner.invoke(cli, [str(a) for a in args], env=env or demo_env)
        return SimpleNamespace(
            returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr
        )

    return invoke


def checklist(enabler) -> dict:
    result = enabler("objections", "--prospect", "Northwind Health", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def by_id(data: dict, ref: str) -> dict:
    return next(i for i in data["items"] if i["id"] == ref)


# specs ------------------------------------------------------------------------------------


class DescribeObjectionsCommand:
    def it_prints_the_checklist_with_progress_and_reasons(self, enabler):
        result = enabler("objections", "--prospect", "northwind health")
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == "Northwind Health: 2 of 9 answered"
        assert lines[1].split()[:5] == ["ID", "STATE", "CATEGORY", "OBJECTION", "WHY"]
        assert ["competitor-paperbridge-discount", "raised"] in [ln.split()[:2] for ln in lines]

    def it_gives_json_with_ids_versions_and_answers(self, enabler):
        data = checklist(enabler)
        assert data["progress"]["label"] == "2 of 9 answered"
        assert data["competitors"] == ["Paperbridge"]
        phi = by_id(data, "security-phi-in-cloud")
        assert (phi["state"], phi["version"], phi["date"]) == ("answered", 1, "2026-11-18")
        assert phi["answer"]["Reframe"].startswith("We sign a BAA as standard")

    def it_marks_an_item_and_keeps_the_note_exactly(self, enabler):
        note = "Anita: « d'accord » — 好的 ✓"
        result = enabler(
            "objections",
            "mark",
            "--prospect",
            "Northwind Health",
            "--objection",
            "risk-adoption",
            "--state",
            "answered",
            "--note",
            note,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "Marked risk-adoption answered (3 of 9 answered)."
        item = by_id(checklist(enabler), "risk-adoption")
        assert (item["state"], item["note"], item["version"]) == ("answered", note, 1)

    def it_refuses_a_stale_version_without_changing_anything(self, enabler, demo_env):
        args = [
            "objections",
            "mark",
            "--prospect",
            "Northwind Health",
            "--objection",
            "price-too-expensive",
            "--state",
            "parked",
        ]
        result = run_cli(*args, "--if-version", "0", env=demo_env)  # exit code, one line
        assert result.returncode == 1
        assert "Reload the checklist" in result.stderr and "Traceback" not in result.stderr
        assert by_id(checklist(enabler), "price-too-expensive")["state"] == "raised"

    def it_adds_the_reps_own_objection(self, enabler):
        result = enabler(
            "objections",
            "add",
            "--prospect",
            "Northwind Health",
            "--text",
            "Legal wants our DPA first",
            "--category",
            "security_compliance",
            "--json",
        )
        assert result.returncode == 0, result.stderr
        added = json.loads(result.stdout)
        assert added["custom"] and added["text"] == "Legal wants our DPA first"
        assert checklist(enabler)["progress"]["total"] == 10

    def it_takes_the_library_given_before_the_subcommand(self, enabler, demo_env, tmp_path):
        result = enabler(
            "objections",
            "--db",
            demo_env["ENABLER_DB"],
            "mark",
            "--prospect",
            "Northwind Health",
            "--objection",
            "risk-adoption",
            "--state",
            "raised",
            env={"ENABLER_DB": str(tmp_path / "other.db")},
        )
        assert result.returncode == 0, result.stderr
        assert by_id(checklist(enabler), "risk-adoption")["state"] == "raised"


class DescribeLibraryCommand:
    def it_lists_the_library_with_states_and_review_dates(self, enabler):
        result = enabler("objections", "library", "--json")
        assert result.returncode == 0, result.stderr
        items = {o["id"]: o for o in json.loads(result.stdout)}
        assert len(items) == 21
        assert items["need-manual-works-fine"]["state"] == "in_review"
        assert items["integration-ehr"]["proof_modules"] == ["integrations", "how-it-works"]
        table = enabler("objections", "library", "--state", "in_review").stdout.splitlines()
        assert table[1].split()[:3] == ["need-manual-works-fine", "need", "in_review"]


class DescribeBadInput:
    @pytest.mark.parametrize(
        ("args", "code", "message"),
        [
            (["--prospect", "Nowhere Inc"], 1, "No prospect named 'Nowhere Inc'"),
            (
                [
                    "mark",
                    "--prospect",
                    "Northwind Health",
                    "--objection",
                    "risk-adoptin",
                    "--state",
                    "raised",
                ],
                1,
                "Did you mean 'risk-adoption'",
            ),
            (
                [
                    "mark",
                    "--prospect",
                    "Northwind Health",
                    "--objection",
                    "risk-adoption",
                    "--state",
                    "done",
                ],
                2,
                "'done' is not one of",
            ),
            (
                ["add", "--prospect", "Northwind Health", "--text", " ", "--category", "risk"],
                1,
                "The objection text is empty",
            ),
            ([], 2, "Give --prospect NAME"),
        ],
    )
    def it_explains_what_to_do_in_one_line(self, enabler, args, code, message):
        result = enabler("objections", *args)
        assert result.returncode == code
        assert message in result.stderr and "Traceback" not in result.stderr


class DescribeBattlecardCommand:
    def it_prints_how_we_are_different(self, enabler):
        result = enabler("battlecard", "flowstack")
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert out.startswith("How FlowStack compares (won 1, lost 1)")
        for heading in ("How we are different", "Their likely pitch", "Landmine questions"):
            assert f"\n{heading}\n" in out

    def it_gives_json_and_names_known_competitors_for_unknown_ones(self, enabler):
        data = json.loads(enabler("battlecard", "Arcline", "--json").stdout)
        assert data["competitor"] == "Arcline" and len(data["differentiators"]) == 4
        result = enabler("battlecard", "Papperbridge")
        assert result.returncode == 1
        assert "Did you mean 'Paperbridge'?" in result.stderr
        assert "Known competitors: Arcline, FlowStack, Paperbridge" in result.stderr


class DescribePrepSheetCommand:
    def it_writes_a_one_page_pdf(self, demo_env, tmp_path):
        out = tmp_path / "prep.pdf"
        result = run_cli(
            "prep-sheet", "--prospect", "Summit Credit Union", "--out", out, env=demo_env
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"Wrote {out} (1 page)."
        reader = PdfReader(str(out))
        assert len(reader.pages) == 1
        assert "Versus Arcline" in reader.pages[0].extract_text()
