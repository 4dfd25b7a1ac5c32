"""The seven real Salesforce exports in ../shared/corpus/real/crm/ import without a mapping.

They are read in place (never copied into the repository); see SOURCES.md beside them.
"""

from __future__ import annotations

import pytest

from enabler.domain.crm.objects import CrmObject
from enabler.domain.crm.plan import RowAction
from enabler.services.crm.importer import import_crm_files
from enabler.store import prospects as prospect_store
from tests.conftest import ROOT

REAL = ROOT.parent / "shared" / "corpus" / "real" / "crm"

pytestmark = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"the real CRM corpus is not here ({REAL} is absent)"
)

ALONE = {
    "sf-datacloud__Account.csv": (CrmObject.ACCOUNT, {"create": 22}),
    "sf-dataloader__accountData.csv": (CrmObject.ACCOUNT, {"create": 422, "skipped": 1}),
    "sf-powerbi__Account.csv": (CrmObject.ACCOUNT, {"create": 18}),
    # Without their accounts, opportunities and contacts have nothing to join: every row says so.
    "sf-datacloud__Opportunity.csv": (CrmObject.OPPORTUNITY, {"skipped": 50}),
    "sf-dataloader__opportunityData.csv": (CrmObject.OPPORTUNITY, {"skipped": 38}),
    "sf-powerbi__Opportunity.csv": (CrmObject.OPPORTUNITY, {"skipped": 36}),
    "sf-datacloud__Contact.csv": (CrmObject.CONTACT, {"skipped": 102}),
}

TOGETHER = {
    "datacloud": {
        "sf-datacloud__Account.csv": {"create": 22},
        "sf-datacloud__Opportunity.csv": {"update": 18, "merged": 32},
        "sf-datacloud__Contact.csv": {"create": 18, "skipped": 84},  # 84 have no AccountId
    },
    "dataloader": {
        "sf-dataloader__accountData.csv": {"create": 422, "skipped": 1},
        "sf-dataloader__opportunityData.csv": {"update": 7, "merged": 31},
    },
    "powerbi": {
        "sf-powerbi__Account.csv": {"create": 18},
        "sf-powerbi__Opportunity.csv": {"update": 14, "merged": 22},
    },
}


def counts(report) -> dict[str, int]:
    return {a.value: report.count(a) for a in RowAction if report.count(a)}


def summary(report) -> list[tuple]:
    return [(o.line, o.action, o.company, o.changes, o.notes) for o in report.outcomes]


class DescribeRealExports:
    def it_has_all_seven_files(self):
        assert sorted(p.name for p in REAL.glob("*.csv")) == sorted(ALONE)

    @pytest.mark.parametrize("name", sorted(ALONE))
    def it_imports_each_file_alone_without_a_mapping(self, db, name):
        (report,) = import_crm_files(db, [REAL / name])
        assert (report.object, counts(report)) == ALONE[name]
        for o in report.outcomes:
            if o.action is RowAction.SKIPPED:
                assert o.notes and o.notes[0]  # every skipped row says why

    @pytest.mark.parametrize("source", sorted(TOGETHER))
    def it_joins_a_sources_files_and_the_dry_run_equals_the_import(self, db, source):
        paths = [REAL / name for name in reversed(TOGETHER[source])]  # order given is free
        dry = import_crm_files(db, paths, dry_run=True)
        real = import_crm_files(db, paths)
        assert {r.file: counts(r) for r in real} == TOGETHER[source]
        assert [
            [(o.line, o.action, o.company, o.changes, o.notes) for o in r.outcomes] for r in dry
        ] == [[(o.line, o.action, o.company, o.changes, o.notes) for o in r.outcomes] for r in real]
        again = import_crm_files(db, paths)
        assert not any(r.changed for r in again)

    def it_names_both_lines_of_the_two_accounts_called_question_marks(self, db):
        (report,) = import_crm_files(db, [REAL / "sf-dataloader__accountData.csv"])
        (skipped,) = [o for o in report.outcomes if o.action is RowAction.SKIPPED]
        assert skipped.line == 37
        assert "another account has the same name (line 35)" in skipped.notes[0]

    def it_puts_contacts_in_the_committee_of_their_account(self, db):
        names = ("sf-datacloud__Contact.csv", "sf-datacloud__Account.csv")
        import_crm_files(db, [REAL / n for n in names])
        walker = prospect_store.find(db, "Walker Henson and Compton")
        committee = prospect_store.contacts(db, walker.id)
        assert len(committee) == 2 and committee[0].primary
        assert all(c.email.endswith("@example.com") for c in committee)
