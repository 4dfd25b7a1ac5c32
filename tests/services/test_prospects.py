"""Adding and editing prospects and their buying committee, with an audit trail."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from enabler.domain.modules import Stage
from enabler.errors import Conflict, InvalidInput, NotFound
from enabler.services import prospects as svc
from enabler.store import audit


class DescribeProspects:
    def it_adds_a_prospect_from_form_text(self, db):
        p = svc.add_prospect(
            db,
            "Cedar Health",
            {
                "industry": "Healthcare",
                "stage": "consideration",
                "employees": "1,200",
                "pains": ["Fax intake", "Denials"],
                "next_meeting": "2026-12-01",
            },
            actor="Dana",
        )
        assert (p.stage, p.employees, p.pains, p.next_meeting) == (
            Stage.CONSIDERATION,
            1200,
            ("Fax intake", "Denials"),
            dt.date(2026, 12, 1),
        )
        assert audit.entries(db, "prospect")[-1]["actor"] == "Dana"

    def it_edits_fields_and_records_before_and_after(self, small_library):
        p = svc.edit_prospect(
            small_library, "Acme Clinics", {"stage": "post_sale", "competitors": ["Arcline"]}, "Jo"
        )
        assert (p.stage, p.competitors) == (Stage.POST_SALE, ("Arcline",))
        entry = audit.entries(small_library, "prospect")[-1]
        assert json.loads(entry["before"]) == {"stage": "decision", "competitors": []}
        assert json.loads(entry["after"]) == {"stage": "post_sale", "competitors": ["Arcline"]}

    def it_refuses_a_duplicate_name(self, small_library):
        svc.add_prospect(small_library, "Other Co")
        with pytest.raises(Conflict, match="'Acme Clinics' already exists"):
            svc.edit_prospect(small_library, "Other Co", {"company": "acme clinics"})
        with pytest.raises(Conflict):
            svc.add_prospect(small_library, "ACME CLINICS")


class DescribeContacts:
    def it_adds_edits_and_removes_committee_members(self, small_library):
        c = svc.add_contact(
            small_library, "Acme Clinics", "Ben Ito", persona="CIO", influence="High", primary=True
        )
        assert (c.influence, c.primary) == ("high", True)
        committee = svc.prospect_details(small_library, "Acme Clinics").contacts
        assert [x.name for x in committee if x.primary] == ["Ben Ito"]  # one primary only
        c = svc.edit_contact(small_library, c.id, stance="sceptic", actor="Dana")
        assert c.stance == "sceptic"
        svc.remove_contact(small_library, c.id, actor="Dana")
        with pytest.raises(NotFound):
            svc.edit_contact(small_library, c.id, stance="x")
        assert [e["action"] for e in audit.entries(small_library, "contact")][-3:] == [
            "create",
            "update",
            "delete",
        ]

    def it_puts_a_removed_member_back_with_the_same_id(self, small_library):
        c = svc.add_contact(small_library, "Acme Clinics", "Ben Ito", persona="CIO")
        c = svc.edit_contact(small_library, c.id, stance="supporter")
        gone = svc.remove_contact(small_library, c.id)
        back = svc.restore_contact(small_library, gone)
        assert back == c  # same id and fields: an earlier edit of them can still be undone
        assert svc.edit_contact(small_library, back.id, stance="neutral").stance == "neutral"
        with pytest.raises(Conflict, match="already on the committee"):
            svc.restore_contact(small_library, gone)
        names = [x.name for x in svc.prospect_details(small_library, "Acme Clinics").contacts]
        assert names.count("Ben Ito") == 1

    def it_checks_influence_and_names(self, small_library):
        with pytest.raises(InvalidInput, match="high, medium or low"):
            svc.add_contact(small_library, "Acme Clinics", "X", influence="huge")
        with pytest.raises(InvalidInput, match="needs a name"):
            svc.add_contact(small_library, "Acme Clinics", "  ")
