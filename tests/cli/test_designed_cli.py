"""`enabler import-slides`, `enabler designed …` and `enabler template …`, run as a user would."""

from __future__ import annotations

import json

import pytest
from pptx import Presentation

from tests.conftest import run_cli
from tests.helpers import all_text
from tests.render.designed_decks import designed_deck, plain_deck

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def env(demo_env):
    return demo_env


def invoke(*args, env):
    """Run a command in-process (the subprocess path is covered once, below): much faster."""
    from click.testing import CliRunner

    from enabler.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


def ok(*args, env):
    done = invoke(*args, env=env)
    assert done.exit_code == 0, done.output
    return done


class DescribeImportSlidesCommand:
    def it_imports_drafts_and_says_what_it_did(self, env, tmp_path):
        deck = designed_deck(tmp_path / "story.pptx")
        out = ok("import-slides", deck, "--no-thumbnails", "--stage", "decision", env=env).stdout
        assert "Imported story.pptx: 4 created." in out
        assert "fields: contact.first_name, prospect.company, prospect.industry" in out
        again = json.loads(ok("import-slides", deck, "--no-thumbnails", "--json", env=env).stdout)
        assert [s["status"] for s in again["slides"]] == ["unchanged"] * 4
        drafts = json.loads(ok("modules", "list", "--state", "draft", "--json", env=env).stdout)
        assert {s["module_key"] for s in again["slides"]} <= {m["key"] for m in drafts}

    def it_refuses_a_bad_file_in_one_line(self, env, tmp_path):
        (tmp_path / "old.ppt").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
        done = run_cli("import-slides", tmp_path / "old.ppt", env=env)
        assert done.returncode == 1
        assert done.stderr.startswith("Error: old.ppt: this is a legacy PowerPoint")
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


class DescribeDesignedCommands:
    def it_sets_rules_that_the_build_follows(self, env, tmp_path):
        deck = plain_deck(tmp_path / "team.pptx", ["Meet {{ item.name }}"])
        result = json.loads(ok("import-slides", deck, "--no-thumbnails", "--json", env=env).stdout)
        key = result["slides"][0]["module_key"]
        shown = json.loads(
            ok("designed", "rules", key, "--repeat", "contacts", "--json", env=env).stdout
        )
        assert (shown["repeat"], shown["condition"], shown["fields"]) == (
            "contacts",
            "",
            ["item.name"],
        )
        from enabler.store.connection.db import open_db

        with open_db(env["ENABLER_DB"]).conn as conn:
            conn.execute("UPDATE modules SET state = 'approved' WHERE key = ?", [key])
        out = tmp_path / "deck.pptx"
        ok("build", "--prospect", "Northwind Health", "--modules", key, "--out", out, env=env)
        titles = [s.shapes.title.text for s in Presentation(str(out)).slides][1:-1]  # no bookends
        assert len(titles) >= 2 and all(t.startswith("Meet ") for t in titles)
        cleared = invoke("designed", "rules", key, "--clear", env=env)
        assert "repeat: no (one slide)" in cleared.stdout

    def it_refuses_a_bad_rule(self, env, tmp_path):
        deck = plain_deck(tmp_path / "x.pptx", ["X"])
        key = json.loads(ok("import-slides", deck, "--no-thumbnails", "--json", env=env).stdout)[
            "slides"
        ][0]["module_key"]
        done = invoke("designed", "rules", key, "--condition", "x }}{{ 7*7", env=env)
        assert done.exit_code == 1 and "one expression without braces" in done.stderr

    def it_switches_a_slide_to_the_decks_template_and_back(self, env, tmp_path):
        deck = plain_deck(tmp_path / "f.pptx", ["Formatted"])
        key = json.loads(ok("import-slides", deck, "--no-thumbnails", "--json", env=env).stdout)[
            "slides"
        ][0]["module_key"]
        assert "formatting: keep source formatting" in ok("designed", "show", key, env=env).stdout
        shown = json.loads(ok("designed", "formatting", key, "deck", "--json", env=env).stdout)
        assert (shown["formatting"], shown["formatting_label"]) == (
            "deck",
            "use the deck's template",
        )
        assert "formatting: use the deck's template" in ok("designed", "show", key, env=env).stdout
        back = ok("designed", "formatting", key, "source", env=env)
        assert "formatting: keep source formatting" in back.stdout
        done = invoke("designed", "formatting", key, "pretty", env=env)
        assert done.exit_code == 2 and "source" in done.output

    def it_says_a_smart_module_has_no_designed_details(self, env):
        done = invoke("designed", "show", "value-pillars", env=env)
        assert done.exit_code == 1 and "not a designed slide" in done.stderr


class DescribeTemplateCommands:
    def it_installs_shows_and_removes_a_template(self, env, tmp_path):
        prs = Presentation()
        prs.save(str(tmp_path / "Contoso.pptx"))
        assert (
            "Installed Contoso.pptx"
            in ok("template", "install", tmp_path / "Contoso.pptx", env=env).stdout
        )
        info = json.loads(ok("template", "show", "--json", env=env).stdout)
        assert info["name"] == "Contoso.pptx" and "Title Slide" in info["layouts"]
        out = tmp_path / "deck.pptx"
        ok(
            "build",
            "--prospect",
            "Northwind Health",
            "--modules",
            "value-pillars",
            "--out",
            out,
            env=env,
        )
        assert Presentation(str(out)).slides[0].slide_layout.name == "Title Slide"
        assert "Northwind Health" in all_text(out)
        ok("template", "remove", env=env)
        assert "built-in brand template" in ok("template", "show", env=env).stdout
