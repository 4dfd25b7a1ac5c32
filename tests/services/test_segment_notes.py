"""Segment research as one prospect sees it, and adopting a finding into their insights."""

from __future__ import annotations

import pytest

from enabler.errors import Conflict, InvalidInput
from enabler.services import insights as insight_service
from enabler.services.prospects import prospect_details
from enabler.services.segment_notes import adopt_research, research_for
from enabler.store import audit


def cfo_research(db):
    items = research_for(db, "Northwind Health").items
    return next(i for i in items if "reimbursement delays" in i.research.insight.text)


class DescribeResearchFor:
    def it_lists_the_research_that_matches_the_committee(self, demo_db):
        found = research_for(demo_db, "Northwind Health")
        assert "CFO" in found.personas
        scopes = {(i.research.insight.industry, i.research.insight.persona) for i in found.items}
        assert ("Healthcare", "CFO") in scopes
        assert all(ind in ("", "Healthcare") for ind, _ in scopes)
        assert all(i.adopted_as is None for i in found.items)


class DescribeAdoptResearch:
    def it_copies_the_finding_into_the_prospects_insights_once(self, demo_db):
        research = cfo_research(demo_db).research.insight
        insight = adopt_research(demo_db, research.id, "Northwind Health", actor="Dana")
        assert (insight.text, insight.kind, insight.date) == (
            research.text,
            research.kind,
            research.date,
        )
        assert insight.source.startswith(f"segment research #{research.id} (")
        assert insight.promoted_from == research.id
        own = prospect_details(demo_db, "Northwind Health").insights
        assert insight.id in [m.insight.id for m in own]
        assert cfo_research(demo_db).adopted_as == insight.id
        entry = audit.entries(demo_db, "insight")[-1]
        assert (entry["action"], entry["actor"]) == ("promote", "Dana")
        with pytest.raises(Conflict, match="already has this research as insight"):
            adopt_research(demo_db, research.id, "Northwind Health")

    def it_can_be_undone_by_removing_the_insight(self, demo_db):
        research = cfo_research(demo_db).research.insight
        insight = adopt_research(demo_db, research.id, "Northwind Health")
        insight_service.remove_insight(demo_db, insight.id)
        assert cfo_research(demo_db).adopted_as is None
        adopt_research(demo_db, research.id, "Northwind Health")  # and done again

    def it_refuses_research_that_does_not_apply(self, demo_db):
        research = cfo_research(demo_db).research.insight
        with pytest.raises(InvalidInput, match="does not apply to Harborview Bank"):
            adopt_research(demo_db, research.id, "Harborview Bank")

    def it_refuses_a_prospects_own_note(self, demo_db):
        own = prospect_details(demo_db, "Northwind Health").insights[0].insight
        with pytest.raises(InvalidInput, match="is a prospect's own note"):
            adopt_research(demo_db, own.id, "Northwind Health")
