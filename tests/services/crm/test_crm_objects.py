"""Salesforce object exports with API-name headers, several files at once, date order, repeats.

The files are made here in the shapes Data Loader (quoted CAPITAL headers, Windows-1252),
Data Export (UTF-8 with BOM) and BI-tool reports (mixed-case headers, MM/DD/YY) write.
"""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.domain.crm.objects import CrmObject
from enabler.domain.crm.plan import RowAction
from enabler.domain.modules import Stage
from enabler.errors import InvalidInput
from enabler.services.crm.importer import import_crm, import_crm_files
from enabler.store import prospects as prospect_store
from tests.services import crm_exports as ex

ACCOUNTS = [
    ["ID", "ISDELETED", "NAME", "TYPE", "BILLINGSTATE", "BILLINGCOUNTRY", "WEBSITE",
     "INDUSTRY", "ANNUALREVENUE", "NUMBEROFEMPLOYEES", "OWNERID"],
    ["001A", "false", "Gravity Investments", "", "CO", "US", "", "Banking", "", "", "005x"],
    ["001B", "false", "Société Générale", "Prospect", "", "France", "http://www.sg.example/",
     "Finance", "25000000000", "117000", "005x"],
    ["001C", "false", "????????", "", "", "", "", "", "", "", "005x"],
    ["001D", "false", "Rhombus Group", "", "PA", "US", "", "", "", "", "005x"],
    ["001E", "false", "????????", "", "", "", "", "", "", "", "005x"],
]  # fmt: skip

OPPORTUNITIES = [
    ["Id", "AccountId", "Name", "StageName", "Amount", "Probability", "CloseDate", "IsWon",
     "ForecastCategory"],
    ["006A", "001A", "Gravity - 500 Widgets", "Closed Won", "50000", "100", "12/15/2026",
     "TRUE", "Closed"],
    ["006B", "001B", "SG - Platform", "Negotiation/Review", "750000", "90", "1/31/2027",
     "FALSE", "Commit"],
    ["006C", "001D", "Rhombus - Pilot", "closed_won", "20000", "100", "31/31/2027", "TRUE",
     "Closed"],
    ["006D", "001Z", "Unknown account", "Prospecting", "1000", "10", "12/20/2026", "FALSE",
     "Pipeline"],
]  # fmt: skip

CONTACTS = [
    ["Id", "AccountId", "LastName", "FirstName", "Name", "Title", "Email", "MailingCity"],
    ["003A", "001B", "Martin", "Claire", "Claire Martin", "CFO", "claire@sg.example", "Paris"],
    ["003B", "001B", "Roux", "Léa", "Léa Roux", "", "lea@sg.example", "Paris"],
    ["003C", "", "Orphan", "Olly", "Olly Orphan", "", "olly@x.example", ""],
    ["003D", "001B", "Martin", "Claire", "Claire Martin", "CFO", "claire@sg.example", "Paris"],
]  # fmt: skip


def write(folder, name, rows, *, encoding="utf-8-sig", quote_all=False):
    text = ex.csv_text(rows[0], rows[1:], quote_all=quote_all)
    return ex.write(folder, name, text.encode(encoding))


@pytest.fixture
def files(tmp_path):
    return {
        "accounts": write(tmp_path, "accountData.csv", ACCOUNTS, encoding="cp1252", quote_all=True),
        "opportunities": write(tmp_path, "Opportunity.csv", OPPORTUNITIES, encoding="utf-8"),
        "contacts": write(tmp_path, "Contact.csv", CONTACTS),
    }


def outcomes(report):
    return [(o.line, o.action, o.notes) for o in report.outcomes]


class DescribeApiNameExports:
    def it_recognises_each_object_without_a_mapping(self, db, files):
        reports = import_crm_files(db, list(files.values()), dry_run=True)
        assert [(r.file, r.object) for r in reports] == [
            ("accountData.csv", CrmObject.ACCOUNT),
            ("Opportunity.csv", CrmObject.OPPORTUNITY),
            ("Contact.csv", CrmObject.CONTACT),
        ]
        assert reports[0].encoding == "cp1252"

    def it_imports_accounts_as_prospects(self, db, files):
        import_crm(db, files["accounts"])
        sg = prospect_store.find(db, "Société Générale")
        assert (sg.crm_id, sg.domain, sg.industry, sg.employees, sg.region) == (
            "salesforce:001B",
            "sg.example",
            "Financial Services",
            117000,
            "France",
        )

    def it_joins_opportunities_to_their_accounts_by_account_id(self, db, files):
        reports = import_crm_files(db, [files["opportunities"], files["accounts"]])
        opps = reports[1]
        assert opps.date_order.value == "MDY"  # one impossible date does not turn it round
        sg = prospect_store.find(db, "Société Générale")
        assert (sg.stage, sg.deal_amount, sg.close_date) == (
            Stage.DECISION,
            750000,
            dt.date(2027, 1, 31),
        )
        gravity = prospect_store.find(db, "Gravity Investments")
        assert (gravity.stage, gravity.close_date) == (Stage.POST_SALE, dt.date(2026, 12, 15))
        by_line = {o.line: o for o in opps.outcomes}
        assert by_line[2].action is RowAction.UPDATE and by_line[2].matched_on == "CRM id"
        assert by_line[4].action is RowAction.SKIPPED  # only the impossible date
        assert "'31/31/2027' is not a real date" in by_line[4].notes[0]
        assert by_line[5].action is RowAction.SKIPPED
        assert "account 001Z is not a prospect" in by_line[5].notes[0]

    def it_updates_prospects_of_an_earlier_import_from_an_opportunity_file_alone(self, db, files):
        import_crm(db, files["accounts"])
        report = import_crm(db, files["opportunities"])
        assert [o.action for o in report.outcomes][:2] == [RowAction.UPDATE, RowAction.UPDATE]
        assert prospect_store.find(db, "Gravity Investments").stage is Stage.POST_SALE

    def it_puts_contacts_into_the_buying_committee(self, db, files):
        reports = import_crm_files(db, [files["contacts"], files["accounts"]])
        contacts = reports[1]
        assert [(o.line, o.action, o.contact) for o in contacts.outcomes] == [
            (2, RowAction.CREATE, "Claire Martin"),
            (3, RowAction.CREATE, "Léa Roux"),
            (4, RowAction.SKIPPED, ""),
            (5, RowAction.MERGED, "Claire Martin"),
        ]
        assert "Olly Orphan is not linked to an account" in contacts.outcomes[2].notes[0]
        sg = prospect_store.find(db, "Société Générale")
        committee = prospect_store.contacts(db, sg.id)
        assert [(c.name, c.title, c.email, c.primary) for c in committee] == [
            ("Claire Martin", "CFO", "claire@sg.example", True),
            ("Léa Roux", "", "lea@sg.example", False),
        ]
        again = import_crm(db, files["contacts"])
        assert [o.action for o in again.outcomes] == [
            RowAction.UNCHANGED,
            RowAction.UNCHANGED,
            RowAction.SKIPPED,
            RowAction.MERGED,
        ]

    def it_reads_any_case_of_the_api_names(self, db, tmp_path):
        rows = [[h.lower() for h in ACCOUNTS[0]], *ACCOUNTS[1:3]]
        report = import_crm(db, write(tmp_path, "a.csv", rows))
        assert report.object is CrmObject.ACCOUNT and report.count(RowAction.CREATE) == 2


class DescribeRepeatedNames:
    def it_reports_both_lines_and_the_dry_run_says_what_the_import_does(self, db, files):
        dry = import_crm(db, files["accounts"], dry_run=True)
        real = import_crm(db, files["accounts"])
        assert outcomes(dry) == outcomes(real)
        line6 = next(o for o in real.outcomes if o.line == 6)
        assert line6.action is RowAction.SKIPPED
        assert "another account has the same name (line 4)" in line6.notes[0]
        assert real.count(RowAction.CREATE) == 4
        assert prospect_store.find(db, "????????").crm_id == "salesforce:001C"

    def it_still_skips_the_second_account_on_the_next_import(self, db, files):
        import_crm(db, files["accounts"])
        again = import_crm(db, files["accounts"])
        line6 = next(o for o in again.outcomes if o.line == 6)
        assert line6.action is RowAction.SKIPPED
        assert "same name (prospect '????????')" in line6.notes[0]
        assert not again.changed


class DescribeDateOrder:
    def it_stops_on_a_file_that_writes_dates_both_ways(self, db, tmp_path):
        rows = [*OPPORTUNITIES[:3], ["006E", "001A", "x", "Prospecting", "1", "1", "23/12/2026",
                                     "FALSE", "Pipeline"]]  # fmt: skip
        path = write(tmp_path, "o.csv", rows)
        with pytest.raises(InvalidInput) as err:
            import_crm(db, path, dry_run=True)
        assert "line 2 (CloseDate '12/15/2026')" in str(err.value)
        assert "line 4 (CloseDate '23/12/2026')" in str(err.value)
        report = import_crm(db, path, date_order="DMY", dry_run=True)
        assert report.date_order.value == "DMY"
        assert "'12/15/2026' is not a real date (day-first)" in report.outcomes[0].notes[0]
