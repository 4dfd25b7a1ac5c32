"""What the buyer reads about their objections is the same in the deck and the leave-behind:
heard = raised or answered, anticipated under its own heading, parked never (issue 20)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from enabler.services.deck.build import build_deck, plan_deck
from enabler.services.leave_behind import document as lb
from enabler.services.objections import checklists as service
from enabler.services.objections.deck import deck_data
from enabler.services.worksheets.deck import leave_behind_plan
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction
from tests.helpers import all_text


def leave_behind_sections(db, company) -> dict:
    prospect = prospect_store.find(db, company)
    data = lb.document_data(db, prospect)
    return {s["key"]: s for s in data["sections"]}


class DescribeOneRuleForObjections:
    def it_shows_the_same_heard_and_anticipated_sets_in_deck_and_leave_behind(self, demo_db):
        northwind = prospect_store.find(demo_db, "Northwind Health")
        deck = deck_data(demo_db, northwind)["objections"]
        deck_heard = [o["text"] for o in deck if o["group"] == "heard"]
        deck_likely = [o["text"] for o in deck if o["group"] == "anticipated"]
        sections = leave_behind_sections(demo_db, "Northwind Health")
        assert [e.heading for e in sections["objections"]["entries"]] == deck_heard
        likely = [e.heading for e in sections["anticipated"]["entries"]]
        assert likely == deck_likely[: lb.MAX_ANTICIPATED]  # the top few, same order
        states = {i.text: i.state.value for i in service.checklist(demo_db, northwind).items}
        assert {states[t] for t in deck_heard} == {"raised", "answered"}
        assert {states[t] for t in deck_likely} == {"open"}
        assert "raised" not in sections["anticipated"]["intro"].replace("Not raised", "")

    def it_never_shows_a_parked_objection(self, demo_db):
        northwind = prospect_store.find(demo_db, "Northwind Health")
        item = next(
            i for i in service.checklist(demo_db, northwind).items if i.state.value == "raised"
        )
        service.mark(demo_db, northwind, item.ref, "parked")
        deck = [o["text"] for o in deck_data(demo_db, northwind)["objections"]]
        sections = leave_behind_sections(demo_db, "Northwind Health")
        shown = [e.heading for s in sections.values() for e in s["entries"]]
        assert item.text not in deck and item.text not in shown


class DescribeDatesTheBuyerReads:
    @pytest.mark.parametrize(
        ("today", "shown"),
        [(dt.date(2026, 12, 6), ""), (dt.date(2026, 12, 1), "3 December 2026")],
    )
    def it_announces_the_next_meeting_only_while_it_is_ahead(self, demo_db, today, shown):
        with transaction(demo_db):
            demo_db.execute(
                "UPDATE prospects SET next_meeting = '2026-12-03' WHERE company = ?",
                ["Northwind Health"],
            )
        prospect = prospect_store.find(demo_db, "Northwind Health")
        data = lb.document_data(demo_db, prospect, today=today)
        assert data["next_meeting"] == shown
        html = lb.render_leave_behind(data)
        assert ("Our next conversation" in html) == bool(shown)

    def it_never_says_overdue_in_the_leave_behind_plan(self, demo_db):
        section = leave_behind_plan(demo_db, "Northwind Health")
        cells = [c for row in section["table"] for c in row]
        assert not any("overdue" in c.lower() for c in cells)


class DescribeOneSourceForAFigure:
    @pytest.mark.parametrize("company", ["Northwind Health", "Summit Credit Union"])
    def it_states_payback_only_as_the_business_case_computes_it(self, demo_db, tmp_path, company):
        path = build_deck(demo_db, plan_deck(demo_db, company, top=20), tmp_path / "d.pptx").path
        text = all_text(path)
        assert "roi-business-case" in [p.module.key for p in plan_deck(demo_db, company).modules]
        assert not re.search(r"payback in \d+ months", text, re.I)


class DescribeLeaveBehindLayout:
    def it_keeps_the_chart_on_the_page_of_its_section(self, demo_db, tmp_path):
        result = lb.build_leave_behind(demo_db, "Northwind Health", tmp_path / "lb.pdf")
        pages = [p.extract_text() for p in PdfReader(str(result.path)).pages]
        home = next(n for n, t in enumerate(pages) if "Business case for Northwind Health" in t)
        assert "Cumulative cash flow (risk-adjusted)" in pages[home]

    @pytest.mark.parametrize(
        "company", ["Harborview Bank", "Keystone Manufacturing", "Meridian Care Partners"]
    )
    def it_leaves_no_near_empty_page(self, demo_db, tmp_path, company):
        result = lb.build_leave_behind(demo_db, company, tmp_path / "lb.pdf")
        pages = [p.extract_text() for p in PdfReader(str(result.path)).pages]
        words = [len(t.split()) for t in pages[1:-1]]  # between the cover and the back page
        assert min(words) >= 100, words
        assert "Next steps" in pages[-1] and "Teams like yours" in pages[-1]

    def it_quotes_customers_from_the_prospects_industry_first(self, demo_db):
        northwind = prospect_store.find(demo_db, "Northwind Health")
        refs = lb.document_data(demo_db, northwind)["references"]
        sources = " ".join(f"{r.heading} {r.text} {r.note}" for r in refs)
        assert refs and "Granite Mutual" not in sources  # a bank, not a hospital
        assert "Lakeshore Health System" in sources or "Pinecrest Clinics" in sources
