"""Insights a rep proposes as segment research travel up in field reports and land in
marketing's library as pending segment research, once, with no contact's name."""

from __future__ import annotations

import json

from enabler.domain.prospects import ReviewState
from enabler.services import insights
from enabler.services.channel import sync
from enabler.store import users
from tests.services.channel import test_channel as team_support
from tests.services.channel.test_channel import LENA, channel_text, trust_all

# The two-reps-and-marketing team over a folder, from the channel tests.
marketing = team_support.marketing
folder_team = team_support.folder_team


def propose(rep, text: str = "Clinics budget for IT in Q4 only.") -> int:
    note = insights.add_insight(
        rep, "Acme Clinics", "budget", text, source="call with Jo Buyer", date="2026-11-20"
    )
    return insights.promote_insight(rep, note.id, actor="Dana Rep", persona="CFO").id


def pending(db):
    return insights.segment_research(db, ReviewState.PENDING)


class DescribeProposedResearch:
    def it_arrives_as_pending_segment_research_once(self, folder_team):
        db, _, reps, root = folder_team
        propose(reps[0])
        assert sync.sync(reps[0], users.get_profile(reps[0])).uploaded_events == 1
        sync.sync(db, LENA)
        trust_all(db)
        assert pending(db) == ()
        merge = sync.sync(db, LENA).merge
        assert (merge.new_events, merge.research) == (1, 1)
        (item,) = pending(db)
        got = item.insight
        assert (got.text, got.kind.value, got.industry, got.persona) == (
            "Clinics budget for IT in Q4 only.",
            "budget",
            "Healthcare",
            "CFO",
        )
        assert got.source == "field report from Dana Rep (Acme Clinics)"
        assert got.author == "Dana Rep" and str(got.date) == "2026-11-20"
        assert "Jo Buyer" not in channel_text(root)

        (batch,) = (root / "reports").glob("*.json")
        stem = batch.name.rsplit("-", 1)[0]
        (root / "reports" / f"{stem}-replay00.json").write_bytes(batch.read_bytes())
        assert sync.sync(db, LENA).merge.merged_batches == 1
        assert len(pending(db)) == 1  # a replay proposes nothing twice

        accepted = insights.review_segment_research(db, got.id, True, actor=LENA.name)
        assert accepted.review_state is ReviewState.APPROVED

    def it_leaves_the_company_home_when_names_do_not_travel(self, folder_team):
        db, _, reps, root = folder_team
        sync.set_share_companies(reps[0], False)
        propose(reps[0])
        sync.sync(reps[0], users.get_profile(reps[0]))
        sync.sync(db, LENA)
        trust_all(db)
        sync.sync(db, LENA)
        (item,) = pending(db)
        assert item.insight.source == "field report from Dana Rep"
        assert "Acme" not in channel_text(root / "reports")

    def it_refuses_a_batch_with_a_malformed_proposal_and_merges_the_rest(
        self, folder_team, monkeypatch
    ):
        db, _, reps, _ = folder_team
        from enabler.services.channel import research

        for rep in reps:
            propose(rep)
        real = research.proposals
        monkeypatch.setattr(
            research,
            "proposals",
            lambda d, s: [(i, a, p | {"kind": "personal"}) for i, a, p in real(d, s)],
        )
        sync.sync(reps[0], users.get_profile(reps[0]))
        monkeypatch.undo()
        sync.sync(reps[1], users.get_profile(reps[1]))
        sync.sync(db, LENA)
        trust_all(db)
        result = sync.sync(db, LENA)
        assert [why for _, why in result.merge.refused] == [
            "one of its research proposals is malformed"
        ]
        assert [i.insight.author for i in pending(db)] == ["Sam Field"]
        assert (
            json.loads(db.execute("SELECT payload FROM field_events").fetchone()[0])["kind"]
            == "budget"
        )
