"""Salesforce object exports with API-name headers: which object a file holds, and its columns.

Data Loader, Data Export, Workbench and reports made for BI tools write one object per file
with the fields' API names as headers (`Id, Name, StageName, AccountId, CloseDate…`, in any
case: Data Loader writes them in capitals). An Account file gives prospects; an Opportunity
file gives deal fields of the account its `AccountId` names; a Contact file gives the buying
committee of that account. Ids point to accounts, so files join without names.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from enabler.domain.crm.columns import header_key


class CrmObject(StrEnum):
    REPORT = "report"  # a report with label headers: one row per account or opportunity
    ACCOUNT = "account"
    OPPORTUNITY = "opportunity"
    CONTACT = "contact"

    @property
    def order(self) -> int:
        """Accounts first, so opportunities and contacts of the same run find them."""
        return (
            CrmObject.REPORT,
            CrmObject.ACCOUNT,
            CrmObject.OPPORTUNITY,
            CrmObject.CONTACT,
        ).index(self)


# Our prospect fields → API names that hold them, best first.
API_ALIASES: dict[CrmObject, dict[str, tuple[str, ...]]] = {
    CrmObject.ACCOUNT: {
        "company": ("Name",),
        "crm_id": ("Id",),
        "domain": ("Website",),
        "industry": ("Industry",),
        "employees": ("NumberOfEmployees",),
        "revenue": ("AnnualRevenue",),
        "region": ("BillingState", "ShippingState"),
        "country": ("BillingCountry", "ShippingCountry"),
        "owner_rep": ("Owner.Name", "OwnerName"),
    },
    CrmObject.OPPORTUNITY: {
        "company": ("Account.Name", "AccountName"),
        "crm_id": ("AccountId",),
        "domain": ("Account.Website",),
        "industry": ("Account.Industry",),
        "stage": ("StageName",),
        "owner_rep": ("Owner.Name", "OwnerName"),
        "deal_amount": ("Amount",),
        "close_date": ("CloseDate",),
    },
    CrmObject.CONTACT: {
        "company": ("Account.Name", "AccountName"),
        "crm_id": ("AccountId",),
    },
}

# Contact fields (the committee member, not the prospect) → API names.
CONTACT_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("Name",),
    "first_name": ("FirstName",),
    "last_name": ("LastName",),
    "title": ("Title",),
    "email": ("Email",),
}

# Headers only that object's export has; any two of them decide it.
_MARKERS = {
    CrmObject.OPPORTUNITY: (
        "StageName", "CloseDate", "ForecastCategory", "ForecastCategoryName", "IsWon",
        "Probability", "ExpectedRevenue", "HasOpportunityLineItem", "Pricebook2Id",
    ),
    CrmObject.CONTACT: (
        "FirstName", "LastName", "Email", "MailingStreet", "MailingCity", "MailingAddress",
        "ReportsToId", "Birthdate", "HasOptedOutOfEmail", "MobilePhone", "Salutation",
    ),
    CrmObject.ACCOUNT: (
        "BillingStreet", "BillingCity", "BillingState", "BillingCountry", "BillingAddress",
        "NumberOfEmployees", "AnnualRevenue", "AccountNumber", "Website", "Industry",
        "ShippingCity", "Ownership", "TickerSymbol", "Sic",
    ),
}  # fmt: skip


def detect_object(headers: Sequence[str]) -> CrmObject | None:
    """The Salesforce object an API-name export holds; None for anything else."""
    found = {header_key(h) for h in headers}
    if "id" not in found:
        return None
    scores = {o: len(found & {header_key(m) for m in marks}) for o, marks in _MARKERS.items()}
    for obj in (CrmObject.OPPORTUNITY, CrmObject.CONTACT):  # both also carry account fields
        if scores[obj] >= 2:
            return obj
    if scores[CrmObject.ACCOUNT] >= 2 and "accountid" not in found:
        return CrmObject.ACCOUNT
    return None


def describe(obj: CrmObject) -> str:
    return {
        CrmObject.REPORT: "report",
        CrmObject.ACCOUNT: "Account export",
        CrmObject.OPPORTUNITY: "Opportunity export",
        CrmObject.CONTACT: "Contact export",
    }[obj]
