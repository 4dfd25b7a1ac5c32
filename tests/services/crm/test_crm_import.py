"""Importing real-looking CRM exports into the demo library: encodings, bad rows, idempotence."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import sqlite3

import pytest

from enabler.domain.crm.columns import CrmFormat
from enabler.domain.crm.mapping import mapping_from_dict
from enabler.domain.crm.plan import RowAction
from enabler.domain.modules import Stage
from enabler.errors import Conflict, InvalidInput
from enabler.services.crm.importer import import_crm
from enabler.services.crm.stages import map_stage
from enabler.store import audit
from enabler.store import prospects as prospect_store
from tests.services import crm_exports as ex


def snapshot(db):
    """Everything an import may touch, to prove a dry run or a failure wrote nothing."""
    rows = db.execute("SELECT * FROM prospects ORDER BY id").fetchall()
    return rows, db.execute("SELECT count(*) FROM audit_log").fetchone()[0]


def actions(report):
    return {o.line: o.action for o in report.outcomes}


class DescribeSalesforceReport:
    def it_creates_updates_and_skips_row_by_row(self, demo_db, tmp_path):
        report = import_crm(demo_db, ex.salesforce_opportunities(tmp_path))
        assert (report.format, report.encoding, report.delimiter) == (
            CrmFormat.SALESFORCE,
            "cp1252",
            ",",
        )
        assert actions(report) == {
            2: RowAction.UPDATE,
            3: RowAction.CREATE,
            4: RowAction.SKIPPED,
            5: RowAction.SKIPPED,
            6: RowAction.SKIPPED,
            7: RowAction.MERGED,
            8: RowAction.CREATE,
            9: RowAction.UPDATE,
        }
        northwind = prospect_store.find(demo_db, "Northwind Health")
        assert northwind.crm_id == "salesforce:0015g00000NWHaAAC"
        assert northwind.deal_amount == 520_000  # the later opportunity row wins
        assert northwind.close_date == dt.date(2026, 12, 22)
        assert northwind.stage is Stage.DECISION
        assert northwind.pains  # what the rep wrote is untouched
        bluefin = prospect_store.find(demo_db, "Bluefin Logística")  # cp1252 decoded
        assert bluefin.stage is Stage.AWARENESS and bluefin.employees == 2300
        assert prospect_store.find(demo_db, "Summit Credit Union").stage is Stage.DECISION

    def it_names_the_line_and_the_reason_of_each_bad_row(self, demo_db, tmp_path):
        report = import_crm(demo_db, ex.salesforce_opportunities(tmp_path))
        skipped = {o.line: o.notes[0] for o in report.outcomes if o.action is RowAction.SKIPPED}
        assert skipped == {
            4: "Employees 'n/a' is not a number",
            5: "Close Date 'next Tuesday' is not a date (expected e.g. 2026-11-23 or 11/23/2026)",
            6: "has no company name (Account Name is empty)",
        }
        assert not prospect_store.exists(demo_db, "Pelican Freight")

    def it_changes_nothing_the_second_time(self, demo_db, tmp_path):
        path = ex.salesforce_opportunities(tmp_path)
        import_crm(demo_db, path)
        before = snapshot(demo_db)
        again = import_crm(demo_db, path)
        assert not again.changed
        assert {o.action for o in again.outcomes} == {
            RowAction.UNCHANGED,
            RowAction.MERGED,
            RowAction.SKIPPED,
        }
        assert snapshot(demo_db) == before

    def it_shows_exactly_what_would_change_in_a_dry_run(self, demo_db, tmp_path):
        path = ex.salesforce_opportunities(tmp_path)
        before = snapshot(demo_db)
        dry = import_crm(demo_db, path, dry_run=True)
        assert snapshot(demo_db) == before
        real = import_crm(demo_db, path)
        assert [(o.line, o.action, o.changes) for o in dry.outcomes] == [
            (o.line, o.action, o.changes) for o in real.outcomes
        ]
        region = next(c for c in dry.outcomes[0].changes if c.field == "region")
        assert (region.before, region.after) == ("US Northeast", "MA, USA")

    def it_maps_stages_through_the_editable_table(self, demo_db, tmp_path):
        map_stage(demo_db, "Legal Review", "decision")
        import_crm(demo_db, ex.salesforce_opportunities(tmp_path))
        assert prospect_store.find(demo_db, "Bluefin Logística").stage is Stage.DECISION

    def it_records_the_import_in_the_audit_log(self, demo_db, tmp_path):
        import_crm(demo_db, ex.salesforce_opportunities(tmp_path), actor="Dana")
        entry = audit.entries(demo_db, "crm_file")[-1]
        assert entry["actor"] == "Dana"
        assert json.loads(entry["after"])["create"] == 2
        updates = [e for e in audit.entries(demo_db, "prospect") if e["action"] == "update"]
        assert any('"MA, USA"' in e["after"] for e in updates)


class DescribeHubSpotExports:
    def it_reads_a_company_export_with_a_bom(self, demo_db, tmp_path):
        report = import_crm(demo_db, ex.hubspot_companies(tmp_path))
        assert (report.format, report.encoding) == (CrmFormat.HUBSPOT, "utf-8 (with BOM)")
        assert actions(report) == {2: RowAction.UPDATE, 3: RowAction.CREATE, 4: RowAction.SKIPPED}
        zurich = prospect_store.find(demo_db, "Zürich Präzision AG")
        assert (zurich.industry, zurich.stage, zurich.crm_id) == (
            "Manufacturing",
            Stage.CONSIDERATION,
            "hubspot:9876543211",
        )
        meridian = prospect_store.find(demo_db, "Meridian Care Partners")
        assert meridian.next_meeting == dt.date(2027, 1, 21)

    def it_reads_a_semicolon_deal_export_with_day_first_dates(self, demo_db, tmp_path):
        report = import_crm(demo_db, ex.hubspot_deals(tmp_path))
        assert (report.delimiter, report.date_order.value) == (";", "DMY")
        harborview = prospect_store.find(demo_db, "Harborview Bank")
        assert harborview.close_date == dt.date(2026, 12, 23)
        assert harborview.stage is Stage.DECISION  # "Contract Sent"
        assert harborview.crm_id == "hubspot:5550001"  # the company's id, not the deal's
        assert import_crm(demo_db, ex.hubspot_deals(tmp_path)).changed is False


class DescribeMappingFiles:
    def it_imports_a_file_with_its_own_columns(self, db, tmp_path):
        path = ex.write(
            tmp_path,
            "export.csv",
            "Client;Phase;Staff;Web\nAcme Clinics;Phase 2;120;acme.example\n",
        )
        mapping = ex.write(
            tmp_path,
            "map.toml",
            '[columns]\ncompany = "Client"\nstage = "Phase"\nemployees = "Staff"\n'
            'domain = "Web"\n[stages]\n"Phase 2" = "consideration"\n',
        )
        report = import_crm(db, path, mapping=mapping)
        assert report.format is CrmFormat.CUSTOM
        acme = prospect_store.find(db, "Acme Clinics")
        assert (acme.stage, acme.employees, acme.domain) == (
            Stage.CONSIDERATION,
            120,
            "acme.example",
        )

    def it_takes_a_mapping_object_as_well_as_a_file(self, db, tmp_path):
        path = ex.write(tmp_path, "export.csv", "Client;Phase\nAcme Clinics;Phase 2\n")
        mapping = mapping_from_dict(
            {
                "columns": {"company": "Client", "stage": "Phase"},
                "stages": {"Phase 2": "consideration"},
            }
        )
        dry = import_crm(db, path, mapping=mapping, dry_run=True)
        assert [o.action for o in dry.outcomes] == [RowAction.CREATE]
        import_crm(db, path, mapping=mapping)
        assert prospect_store.find(db, "Acme Clinics").stage is Stage.CONSIDERATION

    def it_says_what_is_wrong_with_a_mapping_file(self, db, tmp_path):
        path = ex.write(tmp_path, "export.csv", "Client\nAcme\n")
        bad = ex.write(tmp_path, "map.json", '{"columns": {"company": ')
        with pytest.raises(InvalidInput, match=r"map\.json is not valid JSON"):
            import_crm(db, path, mapping=bad)


class DescribeBadFiles:
    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"", "is empty"),
            (codecs.BOM_UTF8 + b"\r\n  \r\n", "is empty"),
            (b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook or other zip file, not a CSV"),
            (b"%PDF-1.7\n", "is a PDF, not a CSV"),
            (bytes(range(256)) * 4, "binary"),
            (b"Hello,\nthis is a letter, not an export.\n", "does not look like a CRM export"),
        ],
    )
    def it_refuses_what_is_not_a_csv_export(self, db, tmp_path, content, message):
        with pytest.raises(InvalidInput, match=message):
            import_crm(db, ex.write(tmp_path, "in.csv", content))

    def it_names_expected_and_found_columns(self, db, tmp_path):
        path = ex.write(tmp_path, "in.csv", "Opportunity Name,Stage,Amount\nDeal,Prospecting,5\n")
        with pytest.raises(InvalidInput) as err:
            import_crm(db, path, fmt="salesforce")
        assert "expected 'Account Name'" in str(err.value)
        assert "Columns found: Opportunity Name, Stage, Amount" in str(err.value)

    def it_imports_nothing_when_the_import_as_a_whole_fails(self, demo_db, tmp_path, monkeypatch):
        path = ex.salesforce_opportunities(tmp_path)
        real_update = prospect_store.update
        calls = []

        def failing_update(*args, **kwargs):
            calls.append(args)
            if len(calls) == 2:  # the second update fails, after two creates and an update
                raise sqlite3.OperationalError("disk I/O error")
            return real_update(*args, **kwargs)

        monkeypatch.setattr(prospect_store, "update", failing_update)
        before = snapshot(demo_db)
        with pytest.raises(Conflict, match=r"Nothing was imported from salesforce-opp.*disk I/O"):
            import_crm(demo_db, path)
        assert snapshot(demo_db) == before
        assert not prospect_store.exists(demo_db, "Bluefin Logística")


class DescribeDateOrderOfAReport:
    def it_keeps_a_us_report_month_first_despite_one_impossible_date(self, db, tmp_path):
        path = ex.write(
            tmp_path,
            "report.csv",
            "Account Name,Stage,Close Date\n"
            "Harbor Clinic,Prospecting,12/15/2026\n"
            "Société Générale,Prospecting,1/31/2027\n"
            "Typo Inc,Prospecting,31/31/2027\n"
            "Alder Precision,Prospecting,12/20/2026\n",
        )
        report = import_crm(db, path)
        assert report.date_order.value == "MDY"
        assert actions(report) == {
            2: RowAction.CREATE,
            3: RowAction.CREATE,
            4: RowAction.SKIPPED,
            5: RowAction.CREATE,
        }
        assert prospect_store.find(db, "Société Générale").close_date == dt.date(2027, 1, 31)
