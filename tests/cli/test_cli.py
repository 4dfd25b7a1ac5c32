"""The command line, run as a user would (subprocess)."""

from __future__ import annotations

import json

from pptx import Presentation

from tests.conftest import run_cli
from tests.helpers import all_text


class DescribeCli:
    def it_loads_the_demo_idempotently(self, tmp_path):
        db = tmp_path / "d.db"
        first = run_cli("demo", "--db", db)
        assert first.returncode == 0, first.stderr
        assert "modules" in first.stdout
        second = run_cli("demo", "--db", db)
        assert second.returncode == 0
        assert "0 modules and 0 prospects added" in second.stdout
        listed = json.loads(run_cli("modules", "list", "--json", "--db", db).stdout)
        assert len(listed) == len({m["key"] for m in listed}) >= 25

    def it_lists_modules_and_prospects_as_json(self, demo_env):
        mods = json.loads(run_cli("modules", "list", "--json", env=demo_env).stdout)
        assert {"id", "key", "title", "state", "owner", "stages"} <= mods[0].keys()
        pros = json.loads(run_cli("prospects", "list", "--json", env=demo_env).stdout)
        assert "Northwind Health" in [p["company"] for p in pros]
        assert all(isinstance(p["id"], int) for p in pros)

    def it_lists_as_a_table(self, demo_env):
        out = run_cli("prospects", "list", env=demo_env).stdout
        assert out.splitlines()[0].split()[:2] == ["ID", "COMPANY"]
        assert "Northwind Health" in out

    def it_builds_the_northwind_deck(self, demo_env, tmp_path):
        out = tmp_path / "deck.pptx"
        result = run_cli("build", "--prospect", "Northwind Health", "--out", out, env=demo_env)
        assert result.returncode == 0, result.stderr
        assert "Built" in result.stdout
        prs = Presentation(str(out))
        assert len(prs.slides) >= 6
        assert "Northwind Health" in all_text(out)
        assert "{{" not in all_text(out)

    def it_builds_chosen_modules_in_order(self, demo_env, tmp_path):
        mods = json.loads(run_cli("modules", "list", "--json", env=demo_env).stdout)
        keys = [m["key"] for m in mods if "section" not in m["tags"]][:3][::-1]
        out = tmp_path / "deck.pptx"
        result = run_cli(
            "build",
            "--prospect",
            "Northwind Health",
            "--out",
            out,
            "--modules",
            ",".join(keys),
            "--json",
            env=demo_env,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["modules"] == keys
        assert len(Presentation(str(out)).slides) == 1 + len(keys) + 1  # title, modules, closing

    def it_names_an_unknown_prospect(self, demo_env, tmp_path):
        result = run_cli(
            "build", "--prospect", "Northwnd Health", "--out", tmp_path / "x.pptx", env=demo_env
        )
        assert result.returncode == 1
        assert "Northwnd Health" in result.stderr
        assert "enabler prospects list" in result.stderr
        assert "Did you mean 'Northwind Health'" in result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1

    def it_refuses_a_missing_output_folder_without_leaving_files(self, demo_env, tmp_path):
        result = run_cli(
            "build",
            "--prospect",
            "Northwind Health",
            "--out",
            tmp_path / "missing" / "x.pptx",
            env=demo_env,
        )
        assert result.returncode == 1
        assert "does not exist" in result.stderr
        assert not (tmp_path / "missing").exists()

    def it_exits_2_on_usage_errors(self, demo_env):
        assert run_cli("build", env=demo_env).returncode == 2
        assert run_cli("no-such-command", env=demo_env).returncode == 2

    def it_runs_as_python_dash_m(self):
        result = run_cli("--help")
        assert result.returncode == 0
        for command in ("build", "demo", "modules", "prospects"):
            assert command in result.stdout
