"""`enabler roi`, run as a user would (subprocess)."""

from __future__ import annotations

import json

import pytest

from enabler.domain.roi.dcf import npv
from tests.conftest import run_cli


def saved_model(env, company):
    from enabler.services.roi import business_case as roi_service
    from enabler.store.connection.db import open_db

    return roi_service.get_model(open_db(env["ENABLER_DB"]), company)


def roi_json(env, *args) -> dict:
    result = run_cli("roi", "--prospect", "Northwind Health", "--json", *args, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


class DescribeRoiCommand:
    def it_prints_json_anyone_can_recompute(self, demo_env):
        data = roi_json(demo_env)
        assert data["prospect"]["company"] == "Northwind Health"
        assert data["scenario"] == "expected"
        flows, rate = data["cash_flows"], data["discount_rate"] / 100
        assert data["risk_adjusted"]["npv"] == pytest.approx(npv(rate, flows))
        irr = data["risk_adjusted"]["irr"]["rate_pct"] / 100
        assert npv(irr, flows) == pytest.approx(0, abs=1e-4)
        assert data["inputs"]["benefits"]
        assert data["text"]["headline"][0][0] == "Net present value"
        expected = data["risk_adjusted"]["npv"]
        assert data["scenarios"]["conservative"]["risk_adjusted"]["npv"] < expected

    def it_shows_another_scenario(self, demo_env):
        conservative = roi_json(demo_env, "--scenario", "conservative")
        assert conservative["scenario"] == "conservative"
        assert conservative["risk_adjusted"]["npv"] == pytest.approx(
            conservative["scenarios"]["conservative"]["risk_adjusted"]["npv"]
        )
        assert conservative["scenario_factors"] == {"benefits": 0.8, "costs": 1.1}

    def it_prints_a_readable_summary(self, demo_env):
        result = run_cli("roi", "--prospect", "Northwind Health", env=demo_env)
        assert result.returncode == 0, result.stderr
        out = result.stdout
        assert out.startswith("Northwind Health: business case, expected scenario, 3 years")
        assert "Net present value" in out and "RISK-ADJUSTED" in out
        assert "Sensitivity (NPV when each driver moves ±20 %)" in out

    def it_needs_a_prospect(self, demo_env):
        result = run_cli("roi", env=demo_env)
        assert result.returncode == 2
        assert "--prospect" in result.stderr


class DescribeRoiSet:
    def it_accepts_finance_team_cash_flows(self, demo_env, tmp_path):
        path = tmp_path / "flows.json"
        path.write_text(json.dumps({"discount_rate": 8, "cash_flows": [-1000, 600, 700]}))
        result = run_cli(
            "roi", "set", "--prospect", "Harborview Bank", "--input", path, env=demo_env
        )
        assert result.returncode == 0, result.stderr
        assert "Saved the business case for Harborview Bank (2 years)" in result.stdout
        data = json.loads(
            run_cli("roi", "--prospect", "Harborview Bank", "--json", env=demo_env).stdout
        )
        assert data["cash_flows"] == [-1000, 600, 700]
        assert data["risk_adjusted"]["npv"] == pytest.approx(-1000 + 600 / 1.08 + 700 / 1.08**2)

    def it_rejects_bad_input_with_one_line_naming_each_field(self, demo_env, tmp_path):
        before = saved_model(demo_env, "Northwind Health")
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({"horizon_years": 0, "discount_rate": -120}))
        result = run_cli(
            "roi", "set", "--prospect", "Northwind Health", "--input", path, env=demo_env
        )
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert "horizon_years" in lines[0] and "discount_rate: must be above -100 %" in lines[0]
        assert "Traceback" not in result.stderr
        assert saved_model(demo_env, "Northwind Health") == before  # nothing was saved

    def it_starts_from_a_preset_and_lists_them(self, demo_env):
        presets = json.loads(run_cli("roi", "presets", "--json", env=demo_env).stdout)
        assert [p["industry"] for p in presets] == [
            "Financial Services",
            "Healthcare",
            "Manufacturing",
        ]
        result = run_cli(
            "roi",
            "set",
            "--prospect",
            "Alder Precision",
            "--preset",
            "Manufacturing",
            env=demo_env,
        )
        assert result.returncode == 0, result.stderr
        assert saved_model(demo_env, "Alder Precision").preset == presets[2]["name"]
