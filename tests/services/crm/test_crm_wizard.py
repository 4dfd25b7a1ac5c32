"""The CRM import wizard's steps: reading a file, choosing columns and stages, importing."""

from __future__ import annotations

import pytest

from enabler.domain.crm.columns import CrmFormat
from enabler.domain.crm.plan import RowAction
from enabler.domain.modules import Stage
from enabler.errors import InvalidInput
from enabler.services.crm.stages import stage_table
from enabler.services.crm.wizard import (
    WizardChoices,
    default_choices,
    inspect_export,
    preview_import,
    run_import,
)
from enabler.store import prospects as prospect_store

SALESFORCE = (
    "Account Name,Account ID,Website,Stage,Employees,Opportunity Name\n"
    "Cascade Outfitters,001A,cascade.example,Legal Review,850,Cascade - AP\n"
    "Pelican Freight,001B,pelican.example,Prospecting,n/a,Pelican - Claims\n"
)


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(SALESFORCE, encoding="utf-8")
    return path


def prospect_rows(db) -> int:
    return db.execute("SELECT count(*) FROM prospects").fetchone()[0]


class DescribeInspectExport:
    def it_finds_our_fields_by_the_crms_usual_headers(self, export):
        summary = inspect_export(export)
        assert summary.format is CrmFormat.SALESFORCE and summary.rows == 2
        assert summary.columns["company"] == "Account Name"
        assert summary.fixed("domain") and not summary.fixed("revenue")
        assert summary.problem == ""

    def it_reads_a_hubspot_deal_export(self, tmp_path):
        path = tmp_path / "deals.csv"
        path.write_text(
            "Record ID;Deal Name;Deal Stage;Associated Company;Amount\n"
            "91;Orca renewal;Contract Sent;Orca Labs;12000\n",
            encoding="utf-8-sig",
        )
        summary = inspect_export(path)
        assert (summary.crm_name, summary.delimiter) == ("HubSpot", "semicolon")
        assert summary.columns["company"] == "Associated Company"
        assert "crm_id" not in summary.columns  # a deal export's Record ID is the deal's

    def it_says_when_a_known_export_has_no_company_column(self, tmp_path):
        path = tmp_path / "x.csv"
        path.write_text("Opportunity Name,Stage\nDeal,Prospecting\n", encoding="utf-8")
        summary = inspect_export(path)
        assert "company" not in summary.columns and summary.columns["stage"] == "Stage"
        assert "no company column (expected 'Account Name'" in summary.problem

    def it_lets_the_user_map_an_unknown_file(self, demo_db, tmp_path):
        path = tmp_path / "x.csv"
        path.write_text("Client,Headcount\nOrca Labs,40\n", encoding="utf-8")
        summary = inspect_export(path)
        assert summary.format is CrmFormat.CUSTOM and "not a Salesforce or HubSpot" in (
            summary.problem
        )
        choices = WizardChoices(summary.format, {"company": "Client", "employees": "Headcount"})
        [row] = preview_import(demo_db, path, choices).rows
        assert (row.company, row.values) == ("Orca Labs", {"employees": 40})


class DescribePreviewAndImport:
    def it_previews_with_the_chosen_columns_and_stage_choices(self, demo_db, export):
        choices = default_choices(inspect_export(export))
        choices = WizardChoices(
            choices.format,
            {**choices.columns, "owner_rep": "Opportunity Name"},
            {"Legal Review": "decision"},
        )
        preview = preview_import(demo_db, export, choices)
        cascade, pelican = preview.rows
        assert cascade.values["owner_rep"] == "Cascade - AP"
        assert cascade.values["stage"] is Stage.DECISION
        assert pelican.message == "Employees 'n/a' is not a number"
        stages = {s.label: (s.target, s.table_target) for s in preview.stages}
        assert stages == {"Legal Review": ("decision", ""), "Prospecting": ("awareness",) * 2}

    def it_dry_runs_then_imports_and_remembers_stages_only_when_asked(self, demo_db, export):
        choices = WizardChoices(
            CrmFormat.SALESFORCE,
            default_choices(inspect_export(export)).columns,
            {"Legal Review": "consideration"},
        )
        before = prospect_rows(demo_db)
        dry = run_import(demo_db, export, choices, dry_run=True, remember_stages=True)
        assert [o.action for o in dry.outcomes] == [RowAction.CREATE, RowAction.SKIPPED]
        assert prospect_rows(demo_db) == before
        assert "Legal Review" not in {r.label for r in stage_table(demo_db)}

        done = run_import(demo_db, export, choices, dry_run=False, remember_stages=True)
        assert not done.dry_run and done.count(RowAction.CREATE) == 1
        cascade = prospect_store.find(demo_db, "Cascade Outfitters")
        assert (cascade.stage, cascade.crm_id) == (Stage.CONSIDERATION, "salesforce:001A")
        assert {r.label: r.stage for r in stage_table(demo_db)}["Legal Review"] is (
            Stage.CONSIDERATION
        )
        again = run_import(demo_db, export, choices, dry_run=False)
        assert [o.action for o in again.outcomes] == [RowAction.UNCHANGED, RowAction.SKIPPED]

    def it_checks_the_choices_as_the_cli_checks_a_mapping_file(self, demo_db, export):
        choices = WizardChoices(CrmFormat.SALESFORCE, {"company": "Account Name", "shoe": "X"})
        before = prospect_rows(demo_db)
        with pytest.raises(InvalidInput, match="unknown field 'shoe'"):
            run_import(demo_db, export, choices, dry_run=False)
        assert prospect_rows(demo_db) == before

    def it_needs_a_company_column(self, demo_db, export):
        with pytest.raises(InvalidInput, match="company name"):
            preview_import(demo_db, export, WizardChoices(CrmFormat.SALESFORCE, {}))
