"""CRM report exports as Salesforce and HubSpot write them, made here for the tests.

Headers are the ones those CRMs put in their CSV exports; rows are deliberately messy: quoted
delimiters, currency formatting, a Salesforce report footer, bad numbers and dates, an empty
company, a repeated account, an unknown stage, Windows-1252 and UTF-8 text with and without BOM.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

SF_OPPORTUNITY_HEADER = [
    "Opportunity Owner", "Account Name", "Opportunity Name", "Stage", "Fiscal Period", "Amount",
    "Probability (%)", "Age", "Close Date", "Created Date", "Next Step", "Lead Source", "Type",
    "Account ID", "Industry", "Employees", "Annual Revenue", "Website",
    "Billing State/Province", "Billing Country",
]  # fmt: skip

SF_OPPORTUNITY_ROWS = [
    # line 2: matches the demo's Northwind Health by its website
    ["Dana Whitfield", "Northwind Health", "Northwind Health - Intake Automation",
     "Proposal/Price Quote", "Q4-2026", "$480,000.00", "75", "42", "12/18/2026", "10/12/2026",
     "Security review, then pricing", "Partner Referral", "New Business", "0015g00000NWHaAAC",
     "Hospital & Health Care", "4,200", "$1,100,000,000.00", "https://www.northwindhealth.example/",
     "MA", "USA"],
    # line 3: a new account whose name has a comma and a legal suffix
    ["Priya Raman", "Cascade Outfitters, Inc.", "Cascade - AP automation", "Qualification",
     "Q1-2027", "$95,000.00", "10", "12", "02/27/2027", "11/11/2026", "", "Web", "New Business",
     "0015g00000CSCbBBD", "Retail", "850", "$210,000,000.00", "cascadeoutfitters.example",
     "OR", "USA"],
    # line 4: bad employee count
    ["Marcus Oyelaran", "Pelican Freight", "Pelican - Claims", "Needs Analysis", "Q1-2027",
     "$60,000.00", "20", "30", "01/15/2027", "10/24/2026", "", "Event", "New Business",
     "0015g00000PLCcCCE", "Transportation", "n/a", "$50,000,000.00", "pelicanfreight.example",
     "LA", "USA"],
    # line 5: bad close date
    ["Marcus Oyelaran", "Granite Ridge Insurance", "Granite - Policy intake", "Value Proposition",
     "Q1-2027", "$150,000.00", "40", "18", "next Tuesday", "11/05/2026", "", "Web",
     "New Business", "0015g00000GRIdDDF", "Insurance", "1,100", "$900,000,000.00",
     "graniteridge.example", "TX", "USA"],
    # line 6: no account name
    ["Dana Whitfield", "", "Orphan opportunity", "Prospecting", "Q2-2027", "$10,000.00", "5", "3",
     "04/30/2027", "11/20/2026", "", "Cold Call", "New Business", "", "", "", "", "", "", ""],
    # line 7: a second opportunity of Northwind Health (same account id): combined with line 2
    ["Dana Whitfield", "Northwind Health", "Northwind Health - Prior Auth Expansion",
     "Negotiation/Review", "Q4-2026", "$520,000.00", "90", "60", "12/22/2026", "09/30/2026",
     "Redlines with legal", "Partner Referral", "Existing Business", "0015g00000NWHaAAC",
     "Hospital & Health Care", "4,200", "$1,100,000,000.00", "https://www.northwindhealth.example/",
     "MA", "USA"],
    # line 8: a stage nobody mapped
    ["Priya Raman", "Bluefin Logística", "Bluefin - Customs docs", "Legal Review", "Q1-2027",
     "$75,000.00", "60", "25", "03/31/2027", "10/30/2026", "CFO’s sign-off – résumé of terms",
     "Partner Referral", "New Business",
     "0015g00000BLFeEEG", "Logistics and Supply Chain", "2,300", "$640,000,000.00",
     "bluefinlogistics.example", "WA", "USA"],
    # line 9: lost deal: the stage is kept
    ["Marcus Oyelaran", "Summit Credit Union", "Summit - Loan intake", "Closed Lost", "Q3-2026",
     "$120,000.00", "0", "120", "09/30/2026", "06/01/2026", "", "Web", "New Business",
     "0015g00000SCUfFFH", "Banking", "950", "$210,000,000.00", "summitcu.example", "CO", "USA"],
]  # fmt: skip

SF_FOOTER = [
    [],
    ["Grand Totals (8 records)"],
    [],
    ["Confidential Information - Do Not Distribute"],
    ["Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."],
]

HS_COMPANY_HEADER = [
    "Record ID", "Company name", "Company owner", "Create Date", "Phone Number",
    "Last Activity Date", "City", "State/Region", "Country/Region", "Industry",
    "Company Domain Name", "Number of Employees", "Annual Revenue", "Lifecycle Stage",
    "Next Activity Date",
]  # fmt: skip

HS_COMPANY_ROWS = [
    ["9876543210", "Meridian Care Partners", "Dana Whitfield", "2025-03-02 09:14",
     "+1 404 555 0100", "2026-11-20 16:02", "Atlanta", "Georgia", "United States",
     "Hospital & Health Care", "meridiancare.example", "1900", "420000000", "Customer",
     "2027-01-21 10:00"],
    ["9876543211", "Zürich Präzision AG", "Priya Raman", "2026-10-01 11:00", "+41 44 555 01 01",
     "2026-11-18 09:30", "Zürich", "Zürich", "Switzerland", "Machinery",
     "zuerich-praezision.example", "640", "155000000", "Sales Qualified Lead", ""],
    ["9876543212", "Oakline Dental Group", "Dana Whitfield", "2026-09-12 15:45", "",
     "", "Denver", "Colorado", "United States", "Medical Practice", "oaklinedental.example",
     "three hundred", "", "Lead", ""],
]  # fmt: skip

HS_DEAL_HEADER = [
    "Record ID", "Deal Name", "Deal Stage", "Pipeline", "Amount", "Close Date", "Deal owner",
    "Associated Company (Primary)", "Associated Company IDs (Primary)", "Create Date",
]  # fmt: skip

HS_DEAL_ROWS = [
    ["22001", "Harborview; Commercial KYC", "Contract Sent", "Sales Pipeline", "310000",
     "23/12/2026", "Marcus Oyelaran", "Harborview Bank", "5550001", "02/09/2026"],
    ["22002", "Alder – supplier certs", "Decision maker bought-in", "Sales Pipeline", "185000",
     "15/01/2027", "Priya Raman", "Alder Precision", "5550002", "20/10/2026"],
    ["22003", "Kestrel Foods – AP", "Appointment Scheduled", "Sales Pipeline", "40000",
     "28/02/2027", "Priya Raman", "Kestrel Foods", "5550003", "21/11/2026"],
]  # fmt: skip


def csv_text(header, rows, delimiter=",", quote_all=True) -> str:
    buf = io.StringIO(newline="")
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return buf.getvalue()


def salesforce_opportunities(folder: Path, encoding: str = "cp1252", rows=None) -> Path:
    """An opportunity report as Salesforce's 'Export details' writes it, footer included."""
    rows = SF_OPPORTUNITY_ROWS if rows is None else rows
    path = folder / "salesforce-opportunities.csv"
    path.write_bytes(csv_text(SF_OPPORTUNITY_HEADER, [*rows, *SF_FOOTER]).encode(encoding))
    return path


def hubspot_companies(folder: Path) -> Path:
    """A HubSpot company export: UTF-8 with a byte-order mark, minimal quoting."""
    path = folder / "hubspot-companies.csv"
    text = csv_text(HS_COMPANY_HEADER, HS_COMPANY_ROWS, quote_all=False)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def hubspot_deals(folder: Path) -> Path:
    """A HubSpot deal export re-saved by a European spreadsheet: semicolons, day-first dates."""
    path = folder / "hubspot-deals.csv"
    path.write_bytes(csv_text(HS_DEAL_HEADER, HS_DEAL_ROWS, delimiter=";").encode("utf-8"))
    return path


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path
