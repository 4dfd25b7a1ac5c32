"""What `build` and `leave-behind` promise on the command line: the file kind matches the
name, stages in any written form, the deck size the rep asked for (issue 20)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from enabler.domain.modules import SmartContent as Content
from enabler.domain.modules import SmartLayout as Layout
from enabler.domain.modules import Stage
from tests.conftest import add_module


@pytest.fixture
def run(demo_db):
    db = str(demo_db.conn.execute("PRAGMA database_list").fetchone()[2])

    def invoke(*args):
        return CliRunner().invoke(cli, [*map(str, args), "--db", db])

    return invoke


class DescribeOutputExtension:
    def it_refuses_a_deck_named_pdf(self, run, tmp_path):
        out = tmp_path / "out" / "deck.pdf"
        out.parent.mkdir()
        result = run("build", "--prospect", "Northwind Health", "--out", out)
        assert result.exit_code == 1
        assert "deck.pdf ends in .pdf" in result.output and "deck.pptx" in result.output
        assert list(out.parent.iterdir()) == []

    def it_refuses_a_leave_behind_named_pptx(self, run, tmp_path):
        out = tmp_path / "out" / "x.pptx"
        out.parent.mkdir()
        result = run("leave-behind", "--prospect", "Northwind Health", "--out", out)
        assert result.exit_code == 1
        assert "x.pptx ends in .pptx" in result.output and "x.pdf" in result.output
        assert list(out.parent.iterdir()) == []

    def it_accepts_the_extension_in_any_case(self, run, tmp_path):
        result = run("build", "--prospect", "Keystone Manufacturing", "--out", tmp_path / "K.PPTX")
        assert result.exit_code == 0, result.output
        assert (tmp_path / "K.PPTX").stat().st_size > 0


class DescribeStageForms:
    @pytest.mark.parametrize("form", ["post-sale", "Post-sale", "post_sale", "POST SALE"])
    def it_searches_by_any_form_of_a_stage(self, run, form):
        result = run("search", "--stage", form, "--json")
        assert result.exit_code == 0, result.output
        assert '"total": 0' not in result.output

    @pytest.mark.parametrize("form", ["Post-sale", "post-sale"])
    def it_sets_a_prospects_stage_by_label(self, run, form):
        result = run("prospects", "add", "Zed Co", "--stage", form, "--by", "me")
        assert result.exit_code == 0, result.output
        assert "(post_sale)" in result.output

    def it_names_the_stages_when_one_is_unknown(self, run):
        result = run("search", "--stage", "later")
        assert result.exit_code == 2
        assert "Post-sale" in result.output


class DescribeBuildPlanMessages:
    def it_keeps_top_as_the_deck_size_and_says_what_it_added(self, run, tmp_path):
        out = tmp_path / "nw.pptx"
        result = run(
            "build", "--prospect", "Northwind Health", "--top", "3", "--out", out, "--json"
        )
        assert result.exit_code == 0, result.output
        data = json.loads(result.output)
        assert len(data["modules"]) == 3
        assert {"added", "made_room"} <= {n["kind"] for n in data["plan_notes"]}

    def it_names_the_field_and_both_ways_to_fill_it(self, run, demo_db, tmp_path):
        add_module(
            demo_db,
            "pillars",
            Content(Layout.BULLETS, "For you", bullets=("Hi {{ contact.first_name }}",)),
            stages=(Stage.CONSIDERATION,),
        )
        assert run("prospects", "add", "Solo Labs", "--stage", "consideration").exit_code == 0
        out = tmp_path / "solo.pptx"
        result = run("build", "--prospect", "Solo Labs", "--modules", "pillars", "--out", out)
        assert result.exit_code == 1
        assert "contact.first_name" in result.output
        assert "--field contact.first_name=VALUE" in result.output
        assert 'enabler contacts add "NAME" --prospect "Solo Labs"' in result.output
        assert not out.exists()

    def it_builds_a_default_deck_for_a_prospect_without_contacts(self, run, tmp_path):
        assert run("prospects", "add", "Solo Labs", "--stage", "consideration").exit_code == 0
        result = run("build", "--prospect", "Solo Labs", "--out", tmp_path / "solo.pptx")
        assert result.exit_code == 0, result.output
        assert "Preflight" not in result.output
