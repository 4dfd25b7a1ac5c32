"""The governance commands as a user types them (in-process, and across two processes)."""

from __future__ import annotations

import json
import zipfile

import click
import pytest
from click.testing import CliRunner

from enabler.cli import cli
from enabler.store.connection.db import open_db, transaction
from tests.conftest import run_cli


@pytest.fixture
def lib(demo_db_path):
    """A private copy of the demo library (profile: Lena Brandt, marketing)."""
    return demo_db_path


@pytest.fixture
def run(lib):
    runner = CliRunner()

    def invoke(*args, db=lib, ok=True):
        result = runner.invoke(cli, [*map(str, args), "--db", str(db)], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


def as_json(result):
    return json.loads(result.stdout)


class DescribeProfileAndRules:
    def it_shows_and_changes_who_you_are(self, run, tmp_path):
        assert run("whoami").stdout.strip() == "Lena Brandt (marketing)"
        run("profile", "set", "--name", "Owen Park", "--role", "marketing")
        assert as_json(run("whoami", "--json")) == {"name": "Owen Park", "role": "marketing"}
        fresh = run("module", "submit", "pillars", db=tmp_path / "new.db", ok=False)
        assert fresh.exit_code == 1 and "enabler profile set" in fresh.output

    def it_sets_the_review_rules(self, run):
        rules = as_json(run("rules", "--review-days", "90", "--four-eyes", "--json"))
        assert rules == {"review_days": 90, "approver_must_differ": True}
        assert "must differ" in run("rules").stdout


class DescribeSearchCommand:
    def it_finds_ranked_highlighted_modules_with_facets(self, run):
        found = as_json(run("search", "claims", "--stage", "decision", "--json"))
        assert found["total"] >= 1
        assert all("decision" in h["stages"] for h in found["hits"])
        assert any(
            "[claim" in h["snippet"].lower() or "[claim" in h["title_marked"].lower()
            for h in found["hits"]
        )
        assert found["hits"] == sorted(found["hits"], key=lambda h: h["score"])
        text = run("search", "kyc").stdout
        assert "[KYC]" in text or "[kyc]" in text

    def it_explains_a_broken_query(self, run):
        result = run("search", '"prior auth', ok=False)
        assert result.exit_code == 1
        assert "closing" in result.output and "Traceback" not in result.output
        assert run("search", "title:x NEAR(").exit_code == 0


class DescribeModuleCommands:
    def it_edits_submits_and_approves_with_history_and_diff(self, run, tmp_path):
        edit = tmp_path / "edit.json"
        edit.write_text(json.dumps({"content": {"subtitle": "Three reasons"}, "tags": ["x"]}))
        saved = as_json(
            run(
                "module",
                "edit",
                "value-pillars",
                "--file",
                edit,
                "--set",
                "title=Why teams pick us",
                "--note",
                "Sharper",
                "--json",
            )
        )
        assert saved["revision_state"] == "draft" and saved["version"] == 2
        assert 'Subtitle set to "Three reasons"' in saved["changes"]
        run("module", "submit", "value-pillars", "--reviewer", "Owen Park")
        approved = as_json(run("module", "approve", "value-pillars", "--json"))
        assert approved["state"] == "approved" and approved["revision_state"] is None
        history = as_json(run("module", "history", "value-pillars", "--json"))
        assert [v["number"] for v in history["versions"]] == [2, 1]
        assert [e["action"] for e in history["events"]] == ["edit", "submit", "approve"]
        diff = as_json(run("module", "diff", "value-pillars", "--json"))
        assert {c["field"] for c in diff["changes"]} == {"title", "subtitle", "tags"}
        restored = run("module", "restore", "value-pillars", "1").stdout
        assert "Saved version 3" in restored
        trail = as_json(run("audit", "--module", "value-pillars", "--json"))
        assert [t["action"] for t in trail][:4] == ["restore", "approve", "submit", "edit"]
        assert trail[1]["before"]["state"] == "approved"
        assert trail[1]["after"]["current_version_id"] != trail[1]["before"]["current_version_id"]

    def it_retires_with_a_replacement_and_flags_built_decks(self, run, lib, tmp_path):
        run(
            "build",
            "--prospect",
            "Northwind Health",
            "--out",
            tmp_path / "d.pptx",
            "--modules",
            "value-pillars",
        )
        out = run("module", "retire", "value-pillars", "--replacement", "awareness-section").stdout
        assert "use awareness-section instead" in out
        flagged = as_json(run("module", "flagged-decks", "--json"))
        assert [(f["company"], f["module_key"]) for f in flagged] == [
            ("Northwind Health", "value-pillars")
        ]
        missing = run("module", "retire", "awareness-section", ok=False)
        assert missing.exit_code == 1 and "--no-replacement" in missing.output

    def it_lists_stale_modules(self, run, lib):
        assert run("stale").stdout.strip() == "Nothing is past its review date."
        db = open_db(lib)
        with transaction(db):
            db.execute("UPDATE modules SET review_by = '2021-03-01' WHERE key = 'value-pillars'")
        stale = as_json(run("stale", "--json"))
        assert [(s["key"], s["days_overdue"] > 365) for s in stale] == [("value-pillars", True)]

    def it_reports_a_conflict_to_the_second_of_two_processes(self, run, lib):
        seen = as_json(run("module", "show", "value-pillars", "--json"))["row_version"]
        env = {"ENABLER_DB": str(lib)}
        first = run_cli(
            "module",
            "edit",
            "value-pillars",
            "--set",
            "title=First",
            "--expect-version",
            seen,
            env=env,
        )
        assert first.returncode == 0, first.stderr
        second = run_cli(
            "module",
            "edit",
            "value-pillars",
            "--set",
            "title=Second",
            "--expect-version",
            seen,
            env=env,
        )
        assert second.returncode == 1
        assert "changed by someone else" in second.stderr
        history = as_json(run("module", "history", "value-pillars", "--json"))
        assert len(history["versions"]) == 2


class DescribeGlossaryCommands:
    def it_maintains_the_glossary_and_audits_it(self, run):
        terms = as_json(run("glossary", "list", "--json"))
        assert "qualified_lead" in {t["name"] for t in terms}
        out = run("glossary", "set", "Net revenue retention", "Revenue kept from customers").stdout
        assert "{{ glossary.net_revenue_retention }}" in out
        run("glossary", "remove", "Net revenue retention")
        trail = as_json(
            run("audit", "--entity", "glossary", "--id", "net_revenue_retention", "--json")
        )
        assert [t["action"] for t in trail] == ["delete", "create"]
        assert trail[0]["before"]["definition"] == "Revenue kept from customers"


class DescribePackCommands:
    def it_publishes_and_imports_a_signed_pack(self, run, tmp_path):
        run("keys", "new", "--out", tmp_path, "--name", "hq")
        run("pack", "export", "--out", tmp_path / "lib.zip", "--key", tmp_path / "hq.key")
        rep = tmp_path / "rep.db"
        run("profile", "set", "--name", "Dana", "--role", "sales", db=rep)
        untrusted = run("pack", "import", tmp_path / "lib.zip", db=rep, ok=False)
        assert untrusted.exit_code == 1 and "keys trust" in untrusted.output
        run("keys", "trust", tmp_path / "hq.pub", db=rep)
        assert as_json(run("keys", "list", "--json", db=rep))[0]["name"] == "hq"
        result = as_json(run("pack", "import", tmp_path / "lib.zip", "--json", db=rep))
        assert result["applied"] and len(result["new"]) >= 25
        assert "Already up to date." in run("pack", "import", tmp_path / "lib.zip", db=rep).stdout
        refused = run("module", "edit", "value-pillars", "--set", "title=x", db=rep, ok=False)
        assert refused.exit_code == 1

    def it_carries_the_demo_library_beyond_modules(self, run, tmp_path):
        run("keys", "new", "--out", tmp_path, "--name", "hq")
        wrote = run("pack", "export", "--out", tmp_path / "lib.zip", "--key", tmp_path / "hq.key")
        assert "objections" in wrote.stdout and "roi presets" in wrote.stdout
        rep = tmp_path / "rep.db"
        run("profile", "set", "--name", "Dana", "--role", "sales", db=rep)
        run("keys", "trust", tmp_path / "hq.pub", db=rep)
        preview = run("pack", "import", tmp_path / "lib.zip", "--dry-run", db=rep).stdout
        assert "New library items" in preview and "objection:" in preview
        assert "Dry run: nothing was changed." in preview
        result = as_json(run("pack", "import", tmp_path / "lib.zip", "--json", db=rep))
        kinds = {label.split(":")[0] for label in result["library_new"]}
        assert kinds == {
            "objection",
            "battlecard",
            "criterion",
            "plan_template",
            "roi_preset",
            "segment_research",
        }
        again = run("pack", "import", tmp_path / "lib.zip", db=rep).stdout
        assert "Already up to date." in again

    def it_rejects_a_tampered_pack(self, run, tmp_path):
        run("keys", "new", "--out", tmp_path, "--name", "hq")
        run("keys", "trust", tmp_path / "hq.pub")
        run("pack", "export", "--out", tmp_path / "lib.zip", "--key", tmp_path / "hq.key")
        with (
            zipfile.ZipFile(tmp_path / "lib.zip") as zin,
            zipfile.ZipFile(tmp_path / "bad.zip", "w") as zout,
        ):
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename == "manifest.json":
                    data = data.replace(b"Brightwave", b"Brightwove")
                zout.writestr(info, data)
        result = run("pack", "import", tmp_path / "bad.zip", ok=False)
        assert result.exit_code == 1 and "signature does not match" in result.output


class DescribeCommandShape:
    @pytest.mark.parametrize(
        "name",
        [
            "module",
            "stale",
            "search",
            "glossary",
            "audit",
            "keys",
            "pack",
            "whoami",
            "profile",
            "rules",
        ],
    )
    def it_documents_every_command_and_takes_db(self, name):
        group = cli.commands[name]
        commands = list(group.commands.values()) if isinstance(group, click.Group) else [group]
        for command in commands:
            assert command.help, f"{name} {command.name} has no help"
            assert "db_path" in {p.name for p in command.params}, f"{name} {command.name}"
