"""Which Salesforce object an API-name export holds, and repeated names in one plan (no I/O)."""

from __future__ import annotations

import pytest

from enabler.domain.crm.objects import CrmObject, detect_object
from enabler.domain.crm.plan import RowAction, plan_import
from enabler.domain.crm.rows import CrmRecord
from enabler.domain.modules import Stage
from enabler.domain.prospects import Prospect
from tests.services.crm_exports import HS_COMPANY_HEADER, SF_OPPORTUNITY_HEADER


class DescribeDetectObject:
    @pytest.mark.parametrize(
        ("headers", "obj"),
        [
            (["ID", "NAME", "BILLINGCITY", "INDUSTRY", "WEBSITE"], CrmObject.ACCOUNT),
            (["Id", "Name", "AnnualRevenue", "NumberOfEmployees"], CrmObject.ACCOUNT),
            (["Id", "AccountId", "Name", "StageName", "CloseDate"], CrmObject.OPPORTUNITY),
            (["id", "accountid", "stagename", "amount", "closedate"], CrmObject.OPPORTUNITY),
            (["Id", "AccountId", "FirstName", "LastName", "Email"], CrmObject.CONTACT),
        ],
    )
    def it_recognises_accounts_opportunities_and_contacts_in_any_case(self, headers, obj):
        assert detect_object(headers) is obj

    def it_leaves_label_reports_and_other_files_alone(self):
        assert detect_object(SF_OPPORTUNITY_HEADER) is None
        assert detect_object(HS_COMPANY_HEADER) is None
        assert detect_object(["Name", "Industry", "Website"]) is None  # no Id
        assert detect_object(["Id", "Name"]) is None


class DescribeRepeatedNamesInAPlan:
    def it_skips_the_second_account_of_the_same_name_naming_the_first(self):
        records = [
            CrmRecord(4, "????????", {"crm_id": "salesforce:001C"}),
            CrmRecord(6, "????????", {"crm_id": "salesforce:001E"}),
        ]
        plan = plan_import(records, [], [])
        assert [(o.line, o.action) for o in plan.outcomes] == [
            (4, RowAction.CREATE),
            (6, RowAction.SKIPPED),
        ]
        assert "another account has the same name (line 4)" in plan.outcomes[1].notes[0]
        assert [p.crm_id for p in plan.creates] == ["salesforce:001C"]

    def it_combines_rows_of_one_account_and_gives_new_prospects_provisional_ids(self):
        records = [
            CrmRecord(2, "Acme", {"crm_id": "salesforce:1"}),
            CrmRecord(3, "ACME", {"crm_id": "salesforce:1", "employees": 5}),
            CrmRecord(4, "Bolt", {}),
        ]
        plan = plan_import(records, [], [Prospect(7, "Other")], first_new_id=-3)
        assert [o.action for o in plan.outcomes] == [
            RowAction.CREATE,
            RowAction.MERGED,
            RowAction.CREATE,
        ]
        assert [(p.id, p.company, p.employees) for p in plan.creates] == [
            (-3, "Acme", 5),
            (-4, "Bolt", None),
        ]

    def it_refuses_a_name_already_on_file_under_another_id_of_the_same_crm(self):
        on_file = [Prospect(1, "Rhombus", crm_id="salesforce:001D")]
        plan = plan_import([CrmRecord(2, "rhombus", {"crm_id": "salesforce:009"})], [], on_file)
        assert plan.outcomes[0].action is RowAction.SKIPPED
        assert "same name (prospect 'Rhombus')" in plan.outcomes[0].notes[0]
        assert not plan.changes_anything


class DescribeSeveralDealsOfOneAccount:
    def it_lets_the_open_deal_closing_last_set_the_deal_fields(self):
        def deal(line, stage, amount, rank):
            values = {"crm_id": "salesforce:1", "stage": stage, "deal_amount": amount}
            return CrmRecord(line, "", values, deal_rank=rank)

        records = [
            deal(2, Stage.DECISION, 500.0, (1, 740_000)),  # open, closes later
            deal(3, Stage.AWARENESS, 100.0, (1, 739_000)),  # open, closes sooner
            deal(4, Stage.POST_SALE, 900.0, (0, 741_000)),  # won, listed last
        ]
        plan = plan_import(records, [], [Prospect(1, "Acme", crm_id="salesforce:1")])
        assert dict(plan.updates) == {1: {"stage": Stage.DECISION, "deal_amount": 500.0}}
        assert "its open deal closing last" in plan.outcomes[1].notes[0]
