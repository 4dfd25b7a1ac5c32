"""CRM exports: format detection, columns, values, rows and the import plan (no I/O)."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.domain.crm.columns import (
    CrmFormat,
    detect_format,
    resolve_columns,
    stage_key,
    stage_rules,
)
from enabler.domain.crm.mapping import mapping_from_dict
from enabler.domain.crm.plan import RowAction, plan_import
from enabler.domain.crm.rows import BadRow, CrmRecord, read_record
from enabler.domain.crm.values import (
    DateOrder,
    canonical_industry,
    company_key,
    normalise_domain,
    parse_amount,
    parse_count,
    parse_crm_date,
)
from enabler.domain.modules import Stage
from enabler.domain.prospects import Prospect
from enabler.errors import InvalidInput
from tests.services.crm_exports import (
    HS_COMPANY_HEADER,
    HS_DEAL_HEADER,
    SF_OPPORTUNITY_HEADER,
    SF_OPPORTUNITY_ROWS,
)


class DescribeDetectFormat:
    def it_recognises_salesforce_and_hubspot_exports(self):
        assert detect_format(SF_OPPORTUNITY_HEADER) is CrmFormat.SALESFORCE
        assert detect_format(["\ufeffAccount Name", "Industry"]) is CrmFormat.SALESFORCE
        assert detect_format(HS_COMPANY_HEADER) is CrmFormat.HUBSPOT
        assert detect_format(HS_DEAL_HEADER) is CrmFormat.HUBSPOT

    def it_gives_up_on_headers_of_neither(self):
        assert detect_format(["Client", "Phase"]) is None
        assert detect_format([]) is None


class DescribeResolveColumns:
    def it_finds_fields_by_their_crm_headers(self):
        cols = resolve_columns(SF_OPPORTUNITY_HEADER, CrmFormat.SALESFORCE)
        assert cols.header_of("company") == "Account Name"
        assert cols.header_of("owner_rep") == "Opportunity Owner"
        assert cols.header_of("crm_id") == "Account ID"

    def it_never_takes_a_deal_id_for_a_company_id(self):
        cols = resolve_columns(HS_DEAL_HEADER, CrmFormat.HUBSPOT)
        assert cols.header_of("crm_id") == "Associated Company IDs (Primary)"
        assert cols.header_of("company") == "Associated Company (Primary)"
        assert resolve_columns(HS_COMPANY_HEADER, CrmFormat.HUBSPOT).header_of("crm_id") == (
            "Record ID"
        )

    def it_names_expected_and_found_columns_when_company_is_missing(self):
        with pytest.raises(InvalidInput) as err:
            resolve_columns(["Opportunity Name", "Stage", "Amount"], CrmFormat.SALESFORCE)
        message = str(err.value)
        assert "expected 'Account Name'" in message
        assert "Columns found: Opportunity Name, Stage, Amount" in message

    def it_takes_the_mapping_files_columns_first(self):
        cols = resolve_columns(["Client", "Phase"], CrmFormat.CUSTOM, {"company": "client"})
        assert cols.columns == {"company": 0}
        with pytest.raises(InvalidInput, match=r"no such column\. Columns found: Client, Phase"):
            resolve_columns(["Client", "Phase"], CrmFormat.CUSTOM, {"company": "Customer"})


class DescribeValues:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("$1,100,000,000.00", 1_100_000_000),
            ("USD 740,000,000.00", 740_000_000),
            ("1.234.567,89", 1_234_567.89),
            ("1 250 000", 1_250_000),
            ("", None),
            ("-", None),
        ],
    )
    def it_reads_amounts_as_crms_format_them(self, text, value):
        assert parse_amount(text) == value

    @pytest.mark.parametrize("text", ["n/a", "twelve", "1e400", "12.5.x"])
    def it_refuses_what_is_not_a_number(self, text):
        with pytest.raises(ValueError, match="is not a number"):
            parse_amount(text)

    def it_wants_whole_employee_counts(self):
        assert parse_count("4,200") == 4200
        with pytest.raises(ValueError, match="not a whole number"):
            parse_count("12.5")

    def it_reads_dates_in_the_files_order(self):
        assert parse_crm_date("12/18/2026") == dt.date(2026, 12, 18)
        assert parse_crm_date("03/04/2026", DateOrder.DMY) == dt.date(2026, 4, 3)
        assert parse_crm_date("2026-11-23 14:05") == dt.date(2026, 11, 23)
        assert parse_crm_date("23.11.2026") == dt.date(2026, 11, 23)
        assert parse_crm_date("Nov 23, 2026") == dt.date(2026, 11, 23)
        with pytest.raises(ValueError, match="not a real date"):
            parse_crm_date("02/30/2026")

    def it_normalises_websites_and_names_for_matching(self):
        assert normalise_domain("https://www.NorthwindHealth.example/about") == (
            "northwindhealth.example"
        )
        assert normalise_domain("see notes") == ""
        assert company_key("The Northwind Health, Inc.") == company_key("northwind health")
        assert company_key("Zürich Präzision AG") == "zurich prazision"

    def it_puts_crm_industries_in_the_librarys_words(self):
        assert canonical_industry("Hospital & Health Care") == "Healthcare"
        assert canonical_industry("HOSPITAL_HEALTH_CARE") == "Healthcare"
        assert canonical_industry("banking", ["Financial Services"]) == "Financial Services"
        assert canonical_industry("retail", ["Retail"]) == "Retail"
        assert canonical_industry("Hospitals", aliases={"hospitals": "Healthcare"}) == "Healthcare"


COLS = resolve_columns(SF_OPPORTUNITY_HEADER, CrmFormat.SALESFORCE)
RULES = stage_rules()


def row(i, **kw):
    return read_record(i + 2, SF_OPPORTUNITY_ROWS[i], COLS, stages=RULES, crm="salesforce", **kw)


class DescribeReadRecord:
    def it_reads_a_full_row_into_prospect_fields(self):
        rec = row(0)
        assert rec.company == "Northwind Health"
        assert rec.values == {
            "employees": 4200,
            "revenue": 1_100_000_000.0,
            "deal_amount": 480_000.0,
            "close_date": dt.date(2026, 12, 18),
            "crm_id": "salesforce:0015g00000NWHaAAC",
            "domain": "northwindhealth.example",
            "industry": "Healthcare",
            "region": "MA, USA",
            "owner_rep": "Dana Whitfield",
            "stage": Stage.DECISION,
        }

    def it_reports_bad_cells_by_column(self):
        assert row(2) == BadRow(4, "Pelican Freight", "Employees 'n/a' is not a number")
        assert "Close Date 'next Tuesday' is not a date" in row(3).message
        assert row(4).message == "has no company name (Account Name is empty)"

    def it_notes_unknown_and_kept_stages(self):
        assert "unknown CRM stage 'Legal Review'" in row(6).notes[0]
        assert "stage" not in row(6).values
        assert row(7).notes == ("CRM stage 'Closed Lost' keeps the current stage",)

    def it_refuses_a_row_split_by_an_unquoted_delimiter(self):
        cells = [*SF_OPPORTUNITY_ROWS[0], "extra", "cells"]
        assert "has 22 values but the header has 20" in row_with(cells).message

    def it_follows_edited_stage_rules(self):
        rules = stage_rules(mapping_from_dict({"stages": {"Legal Review": "decision"}}).stages)
        rec = read_record(8, SF_OPPORTUNITY_ROWS[6], COLS, stages=rules)
        assert rec.values["stage"] is Stage.DECISION and rec.notes == ()


def row_with(cells):
    return read_record(2, cells, COLS, stages=RULES)


def existing():
    return [
        Prospect(1, "Northwind Health", domain="northwindhealth.example", stage=Stage.DECISION),
        Prospect(2, "Summit Credit Union", crm_id="salesforce:S1", employees=950),
    ]


class DescribePlanImport:
    def it_matches_on_crm_id_then_domain_then_name(self):
        records = [
            CrmRecord(2, "Summit CU", {"crm_id": "salesforce:S1", "employees": 990}),
            CrmRecord(3, "NWH", {"domain": "northwindhealth.example", "employees": 4200}),
            CrmRecord(4, "summit credit union, inc.", {"region": "CO"}),
        ]
        plan = plan_import(records, [], existing())
        assert [(o.line, o.action, o.prospect_id, o.matched_on) for o in plan.outcomes] == [
            (2, RowAction.UPDATE, 2, "CRM id"),
            (3, RowAction.UPDATE, 1, "domain"),
            (4, RowAction.MERGED, 2, ""),
        ]
        assert dict(plan.updates) == {2: {"employees": 990, "region": "CO"}, 1: {"employees": 4200}}
        assert "the CRM calls it 'Summit CU'; the name here stays" in plan.outcomes[0].notes

    def it_combines_repeated_new_companies_later_rows_winning(self):
        records = [
            CrmRecord(2, "Kestrel Foods", {"crm_id": "hubspot:9", "stage": Stage.AWARENESS}),
            CrmRecord(5, "Kestrel Foods", {"crm_id": "hubspot:9", "stage": Stage.DECISION}),
        ]
        plan = plan_import(records, [BadRow(3, "", "has no company name")], existing())
        assert [o.action for o in plan.outcomes] == [
            RowAction.CREATE,
            RowAction.SKIPPED,
            RowAction.MERGED,
        ]
        assert len(plan.creates) == 1 and plan.creates[0].stage is Stage.DECISION

    def it_changes_nothing_when_the_file_says_what_is_on_file(self):
        plan = plan_import(
            [CrmRecord(2, "Northwind Health", {"stage": Stage.DECISION})], [], existing()
        )
        assert plan.outcomes[0].action is RowAction.UNCHANGED
        assert not plan.changes_anything

    def it_keeps_the_crm_id_on_file_when_a_row_disagrees(self):
        rec = CrmRecord(2, "Summit Credit Union", {"crm_id": "hubspot:77"})
        plan = plan_import([rec], [], existing())
        assert plan.outcomes[0].action is RowAction.UNCHANGED
        assert "differs from the one on file (salesforce:S1); kept" in plan.outcomes[0].notes[0]


class DescribeMappingFile:
    def it_checks_every_part(self):
        m = mapping_from_dict(
            {
                "format": "salesforce",
                "date_order": "dmy",
                "columns": {"company": "Client"},
                "stages": {"Phase 2": "consideration", "Parked": "keep"},
            }
        )
        assert m.format is CrmFormat.SALESFORCE and m.date_order is DateOrder.DMY
        assert m.stages[stage_key("phase 2")].stage is Stage.CONSIDERATION
        assert m.stages[stage_key("parked")].stage is None

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ([], "must hold a table"),
            ({"colums": {}}, "Unknown entry 'colums'"),
            ({"columns": {"firm": "Client"}}, "unknown field 'firm'"),
            ({"stages": {"Won": "victory"}}, "Stage must be one of"),
            ({"date_order": "YMD"}, "date_order must be MDY or DMY"),
            ({"columns": ["company"]}, "columns must be a table"),
        ],
    )
    def it_says_what_is_wrong(self, data, message):
        with pytest.raises(InvalidInput, match=message):
            mapping_from_dict(data)
