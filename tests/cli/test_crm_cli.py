"""The prospect, insight, CRM and recommendation commands (in-process; one across processes)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from enabler.cli import cli
from tests.conftest import run_cli
from tests.services import crm_exports as ex


@pytest.fixture
def env(demo_env):
    return {**demo_env, "ENABLER_USER": "Dana Whitfield"}


def invoke(*args, env):
    return CliRunner().invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


def ok(*args, env):
    result = invoke(*args, env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


class DescribeImportCrm:
    def it_dry_runs_then_imports_then_changes_nothing(self, env, tmp_path):
        path = ex.salesforce_opportunities(tmp_path)
        dry = run_cli("import-crm", path, "--dry-run", env=env).stdout  # a real process
        assert "line 2: would update Northwind Health (matched on domain)" in dry
        assert "region: US Northeast → MA, USA" in dry
        assert "line 4: skipped Pelican Freight" in dry
        assert "note: Employees 'n/a' is not a number" in dry
        assert dry.rstrip().endswith("Dry run: nothing was written.")
        assert "Cascade" not in ok("prospects", "list", env=env)
        first = json.loads(ok("import-crm", path, "--json", env=env))
        assert first["counts"]["create"] == 2 and first["format"] == "salesforce"
        again = ok("import-crm", path, env=env)
        assert "updated" not in again and "created" not in again
        assert "4 unchanged, 1 merged, 3 skipped." in again

    def it_fails_cleanly_on_a_file_that_is_not_csv(self, env, tmp_path):
        path = ex.write(tmp_path, "report.xlsx", b"PK\x03\x04rest-of-a-zip")
        result = run_cli("import-crm", path, env=env)
        assert result.returncode == 1
        assert result.stderr.strip() == (
            "Error: report.xlsx is an Excel workbook or other zip file, not a CSV file: "
            "export the report as CSV."
        )

    def it_maps_an_unknown_stage(self, env, tmp_path):
        ok("stages", "map", "Legal Review", "decision", env=env)
        table = json.loads(ok("stages", "list", "--json", env=env))
        assert {"crm_stage": "Legal Review", "stage": "decision", "edited": True} in table
        report = ok("import-crm", ex.salesforce_opportunities(tmp_path), env=env)
        assert "unknown CRM stage" not in report


class DescribeProspectCommands:
    def it_adds_a_prospect_a_contact_and_an_insight_and_shows_them(self, env):
        ok("prospects", "add", "Cedar Health", "--industry", "Healthcare", "--stage", "decision",
           "--pain", "fax intake", "--competitor", "Paperbridge", env=env)  # fmt: skip
        ok("contacts", "add", "--prospect", "Cedar Health", "Ana Ruiz", "--persona", "CFO",
           "--influence", "high", env=env)  # fmt: skip
        ok("insights", "add", "--prospect", "Cedar Health", "--kind", "pain", "--text",
           "Denials up 12% this year", "--date", "2026-01-05", env=env)  # fmt: skip
        shown = json.loads(ok("prospects", "show", "Cedar Health", "--json", env=env))
        assert shown["prospect"]["competitors"] == ["Paperbridge"]
        assert shown["contacts"][0]["persona"] == "CFO"
        assert shown["insights"][0]["stale"] is True
        assert shown["insights"][0]["author"] == "Dana Whitfield"
        text = ok("prospects", "show", "Cedar Health", env=env)
        assert "Denials up 12% this year — Dana Whitfield  [STALE:" in text

    def it_promotes_an_insight_and_marketing_accepts_it(self, env):
        ok("prospects", "add", "Cedar Health", "--industry", "Healthcare", env=env)
        ok("insights", "add", "--prospect", "Cedar Health", "--kind", "pain", "--text",
           "Prior auth backlog doubles in winter", env=env)  # fmt: skip
        shown = json.loads(ok("prospects", "show", "Cedar Health", "--json", env=env))
        out = ok("insights", "promote", str(shown["insights"][0]["id"]), env=env)
        research_id = out.split("segment research #")[1].split()[0]
        assert "waiting for marketing" in out
        pending = json.loads(ok("segments", "list", "--pending", "--json", env=env))
        assert [p["id"] for p in pending] == [int(research_id)]
        ok("segments", "review", research_id, "accept", "--by", "Lena", env=env)
        northwind = json.loads(ok("prospects", "show", "Northwind Health", "--json", env=env))
        assert "Prior auth backlog doubles in winter" in [
            s["text"] for s in northwind["segment_research"]
        ]


class DescribeRecommendCommand:
    def it_prints_scores_and_reasons(self, env):
        data = json.loads(ok("recommend", "--prospect", "Northwind Health", "--json", env=env))
        assert data["prospect"]["company"] == "Northwind Health"
        compare = next(m for m in data["modules"] if m["key"] == "compare-paperbridge")
        assert {
            "factor": "competitor",
            "points": 8.0,
            "text": "covers competitor Paperbridge, who is in this evaluation",
        } in compare["reasons"]
        assert data["modules"] == sorted(data["modules"], key=lambda m: -m["score"])
        text = ok("recommend", "--prospect", "Northwind Health", "--limit", "3", env=env)
        assert text.splitlines()[0].startswith(
            "Modules for Northwind Health (Decision, Healthcare)"
        )
        assert "  3. " in text and "  4. " not in text

    def it_shows_titles_filled_for_the_prospect(self, env):
        data = json.loads(ok("recommend", "--prospect", "Northwind Health", "--json", env=env))
        compare = next(m for m in data["modules"] if m["key"] == "compare-paperbridge")
        assert compare["title"] == "{{ vendor.product }} and Paperbridge"
        assert compare["title_filled"] == "Brightwave Flow and Paperbridge"
        text = ok("recommend", "--prospect", "Northwind Health", env=env)
        assert "— Brightwave Flow and Paperbridge" in text
        assert "{{" not in text

    def it_edits_weights(self, env):
        assert "competitor = 30 (default 8)." in ok("weights", "set", "competitor", "30", env=env)
        listed = json.loads(ok("weights", "list", "--json", env=env))
        assert {"factor": "competitor", "weight": 30.0, "edited": True}.items() <= next(
            w for w in listed if w["factor"] == "competitor"
        ).items()
        result = invoke("weights", "set", "charm", "3", env=env)
        assert result.exit_code == 1 and "Unknown factor 'charm'" in result.stderr


ACCOUNTS = "Id,Name,BillingState,Industry\n001A,Harbor Clinic,MA,Healthcare\n"
OPPORTUNITIES = (
    "Id,AccountId,Name,StageName,Amount,CloseDate\n"
    "006A,001A,Harbor - Intake,Closed-Won,5000,12/15/2026\n"
    "006B,001A,Harbor - Claims,Prospecting,7000,23/12/2026\n"
)


class DescribeImportCrmSeveralFiles:
    def it_joins_an_opportunity_file_to_its_accounts(self, env, tmp_path):
        accounts = ex.write(tmp_path, "Account.csv", ACCOUNTS)
        lines = OPPORTUNITIES.replace("23/12/2026", "").splitlines()
        # the open deal is listed first, a won one after it
        opps = ex.write(tmp_path, "Opportunity.csv", "\n".join([lines[0], lines[2], lines[1]]))
        out = ok("import-crm", opps, accounts, "--dry-run", env=env)
        assert out.index("Account.csv: salesforce Account export") < out.index(
            "Opportunity.csv: salesforce Opportunity export"
        )
        assert "line 2: would update Harbor Clinic (matched on CRM id)" in out
        assert "line 3: merged Harbor Clinic" in out
        assert out.count("Dry run: nothing was written.") == 1
        data = json.loads(ok("import-crm", accounts, opps, "--json", env=env))
        assert [f["counts"]["create"] for f in data["files"]] == [1, 0]
        shown = json.loads(ok("prospects", "show", "Harbor Clinic", "--json", env=env))
        assert shown["prospect"]["stage"] == "awareness"  # the open deal, not the won one

    def it_stops_on_dates_written_both_ways_until_told_the_order(self, env, tmp_path):
        accounts = ex.write(tmp_path, "Account.csv", ACCOUNTS)
        opps = ex.write(tmp_path, "Opportunity.csv", OPPORTUNITIES)
        result = invoke("import-crm", accounts, opps, env=env)
        assert result.exit_code == 1
        assert "Opportunity.csv writes dates both ways" in result.stderr
        assert "line 2 (CloseDate '12/15/2026')" in result.stderr
        assert "line 3 (CloseDate '23/12/2026')" in result.stderr
        assert "Traceback" not in result.output
        assert "Harbor Clinic" not in ok("prospects", "list", env=env)
        out = ok("import-crm", accounts, opps, "--date-order", "dmy", env=env)
        assert "dates DMY" in out
        assert "'12/15/2026' is not a real date (day-first)" in out


class DescribeStageForms:
    @pytest.mark.parametrize("target", ["Post-sale", "post-sale", "post_sale", "POST SALE"])
    def it_takes_a_funnel_stage_as_label_hyphen_or_underscore(self, env, target):
        assert "→ post_sale" in ok("stages", "map", "Renewal Signed", target, env=env)

    @pytest.mark.parametrize("label", ["Closed Won", "closed_won", "Closed-Won", "CLOSEDWON"])
    def it_reads_a_crm_stage_in_any_of_its_forms(self, env, tmp_path, label):
        accounts = ex.write(tmp_path, "Account.csv", ACCOUNTS)
        opps = ex.write(
            tmp_path,
            "Opportunity.csv",
            f"Id,AccountId,StageName,CloseDate\n006A,001A,{label},2026-12-15\n",
        )
        ok("import-crm", accounts, opps, env=env)
        shown = json.loads(ok("prospects", "show", "Harbor Clinic", "--json", env=env))
        assert shown["prospect"]["stage"] == "post_sale"
