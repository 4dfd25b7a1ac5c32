"""Recommendation rules: scores, reasons in plain words, determinism, index = plain ranking."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enabler.domain.modules import (
    Module,
    ModuleKind,
    ModuleState,
    ModuleVersion,
    SmartContent,
    SmartLayout,
    Stage,
)
from enabler.domain.prospects import Contact, Insight, InsightKind, Prospect
from enabler.domain.recommend.index import LibraryIndex
from enabler.domain.recommend.score import StageFit, module_facts, rank_plain, score_module
from enabler.domain.recommend.signals import committee, signals_for
from enabler.domain.recommend.weights import Factor, Weights

TODAY = dt.date(2026, 11, 23)


def module(key, *, stages=(Stage.DECISION,), industries=(), personas=(), competitors=(),
           tags=(), review_by=None, mid=None, state=ModuleState.APPROVED, text=""):  # fmt: skip
    m = Module(
        id=mid or sum(map(ord, key)),  # stable across runs
        key=key,
        title=key.replace("-", " ").title(),
        state=state,
        owner="Marketing",
        stages=stages,
        industries=industries,
        personas=personas,
        competitors=competitors,
        tags=tags,
        review_by=review_by,
    )
    version = ModuleVersion(
        id=1,
        module_id=m.id,
        number=1,
        kind=ModuleKind.SMART,
        content=SmartContent(SmartLayout.BULLETS, m.title, bullets=(text,) if text else ()),
    )
    return module_facts(m, version)


PROSPECT = Prospect(
    id=1,
    company="Northwind Health",
    industry="Healthcare",
    stage=Stage.DECISION,
    pains=("claim denials from mis-keyed intake data",),
    goals=("passing the HIPAA audit",),
    competitors=("Paperbridge",),
    current_vendor="Arcline Capture (invoices only)",
)
CONTACTS = [
    Contact(1, 1, "Daniel Mercer", persona="CFO", influence="high"),
    Contact(2, 1, "Anita Sorensen", persona="CIO", influence="low"),
    Contact(3, 1, "Rachel Okafor", persona="CFO", influence="medium"),
]


def signals(prospect=PROSPECT, contacts=CONTACTS, insights=(), known=("Paperbridge", "Arcline")):
    return signals_for(
        prospect,
        contacts,
        insights,
        today=TODAY,
        stale_after_days=90,
        known_competitors=known,
    )


def texts(rec):
    return [r.text for r in rec.reasons]


class DescribeScoreModule:
    def it_explains_a_competitor_in_the_evaluation(self):
        rec = score_module(
            signals(), module("compare-paperbridge", competitors=("Paperbridge",)), Weights(), TODAY
        )
        assert "covers competitor Paperbridge, who is in this evaluation" in texts(rec)
        assert rec.score == 20 + 8  # stage + one competitor, nobody in the committee targeted

    def it_knows_the_current_vendor_is_a_competitor_in_play(self):
        rec = score_module(
            signals(), module("compare-arcline", competitors=("Arcline",)), Weights(), TODAY
        )
        assert "covers competitor Arcline, their current vendor" in texts(rec)

    def it_drops_modules_about_competitors_not_in_play(self):
        m = module("compare-flowstack", competitors=("FlowStack",))
        assert score_module(signals(), m, Weights(), TODAY) is None

    def it_drops_modules_written_for_another_industry_and_unapproved_ones(self):
        assert (
            score_module(signals(), module("retail", industries=("Retail",)), Weights(), TODAY)
            is None
        )
        draft = module("draft", state=ModuleState.DRAFT)
        assert score_module(signals(), draft, Weights(), TODAY) is None

    def it_weights_personas_by_their_influence_in_the_committee(self):
        rec = score_module(signals(), module("cfo", personas=("CFO",)), Weights(), TODAY)
        persona = next(r for r in rec.reasons if r.factor is Factor.PERSONA)
        # CFO: best influence high (1.0); CIO: low (0.3) → CFO share = 1.0 / 1.3
        assert persona.points == 6.0 * (1.0 / 1.3)
        assert persona.text == (
            "speaks to the CFO (Daniel Mercer, Rachel Okafor) in the buying committee"
        )

    def it_matches_pains_and_goals_by_their_words(self):
        m = module("denials", text="Fewer claim denials, a clean HIPAA audit trail")
        rec = score_module(signals(), m, Weights(), TODAY)
        assert (
            'answers their pain "claim denials from mis-keyed intake data" (claim, denials)'
            in texts(rec)
        )
        assert 'supports their goal "passing the HIPAA audit" (hipaa, audit)' in texts(rec)

    def it_gives_half_the_points_for_a_single_shared_word(self):
        rec = score_module(signals(), module("intake", text="Intake made easy"), Weights(), TODAY)
        pain = next(r for r in rec.reasons if r.factor is Factor.PAIN)
        assert pain.points == 2.0

    def it_scores_stage_fit(self):
        sig = signals()
        exact = score_module(sig, module("a"), Weights(), TODAY)
        near = score_module(sig, module("b", stages=(Stage.CONSIDERATION,)), Weights(), TODAY)
        anywhere = score_module(sig, module("c", stages=()), Weights(), TODAY)
        far = score_module(sig, module("d", stages=(Stage.AWARENESS,)), Weights(), TODAY)
        assert [r.stage_fit for r in (exact, near, anywhere, far)] == [
            StageFit.EXACT,
            StageFit.ADJACENT,
            StageFit.ANY,
            StageFit.NONE,
        ]
        assert exact.score > anywhere.score > near.score > far.score == 0
        assert "made for the consideration stage, next to decision" in texts(near)

    def it_penalises_a_module_past_its_review_date(self):
        old = score_module(
            signals(), module("old", review_by=dt.date(2026, 1, 31)), Weights(), TODAY
        )
        assert "past its review date (2026-01-31): check it is still accurate" in texts(old)
        assert old.score == 20 - 8

    def it_uses_rep_ratings_when_there_are_some(self):
        rated = score_module(signals(), module("r"), Weights(), TODAY, rating=4.5)
        assert "reps rate it 4.5 out of 5" in texts(rated)
        assert rated.score == 20 + 3.0 * 1.5 / 2

    def it_follows_edited_weights(self):
        w = Weights.with_overrides({"stage": 1, "competitor": 50, "unknown-factor": 3})
        rec = score_module(signals(), module("p", competitors=("Paperbridge",)), w, TODAY)
        assert rec.score == 51


class DescribeSignals:
    def it_ignores_stale_and_personal_insights(self):
        notes = [
            Insight(
                1, 1, InsightKind.PAIN, "Backlog of scanned referrals", date=dt.date(2026, 11, 1)
            ),
            Insight(2, 1, InsightKind.PAIN, "Old complaint about faxes", date=dt.date(2026, 1, 1)),
            Insight(3, 1, InsightKind.PERSONAL, "Loves sailing", date=dt.date(2026, 11, 1)),
        ]
        used = [c.text for c in signals(insights=notes).insights]
        assert used == ["Backlog of scanned referrals"]

    def it_finds_a_known_competitor_named_in_a_fresh_insight(self):
        note = Insight(
            1, 1, InsightKind.COMPETITOR, "FlowStack demoed last week", date=dt.date(2026, 11, 20)
        )
        found = signals(insights=[note], known=("FlowStack",)).competitors
        assert [(c.name, c.why) for c in found][-1] == (
            "FlowStack",
            "named in an insight of 2026-11-20",
        )

    def it_gives_each_persona_its_share_of_influence(self):
        shares = {p.persona: round(p.share, 3) for p in committee(CONTACTS)}
        assert shares == {"CFO": round(1 / 1.3, 3), "CIO": round(0.3 / 1.3, 3)}


# The indexed ranking must agree with the plain one exactly: same modules, order, scores.

_words = st.sampled_from(
    ["claim", "denial", "intake", "audit", "hipaa", "invoice", "supplier", "backlog", "fax"]
)
_modules = st.lists(
    st.builds(
        lambda i, stages, ind, per, comp, words, review: module(
            f"m{i:03d}",
            mid=i + 1,
            stages=tuple(stages),
            industries=tuple(ind),
            personas=tuple(per),
            competitors=tuple(comp),
            text=" ".join(words),
            review_by=review,
        ),
        st.integers(0, 999),
        st.sets(st.sampled_from(list(Stage)), max_size=2),
        st.sets(st.sampled_from(["Healthcare", "Retail"]), max_size=1),
        st.sets(st.sampled_from(["CFO", "CIO", "COO"]), max_size=3),
        st.sets(st.sampled_from(["Paperbridge", "Arcline", "FlowStack"]), max_size=1),
        st.lists(_words, max_size=5),
        st.one_of(st.none(), st.dates(dt.date(2026, 1, 1), dt.date(2027, 12, 31))),
    ),
    max_size=40,
    unique_by=lambda f: f.module.key,
)


class DescribeLibraryIndex:
    @settings(max_examples=60, deadline=None)
    @given(library=_modules, stage=st.sampled_from(list(Stage)), rated=st.booleans())
    def it_ranks_exactly_like_the_plain_scorer(self, library, stage, rated):
        prospect = Prospect(
            1,
            "Acme",
            industry="Healthcare",
            stage=stage,
            pains=("claim denial backlog",),
            goals=("clean audit",),
            competitors=("Paperbridge",),
        )
        notes = [Insight(1, 1, InsightKind.PAIN, "fax intake review", date=TODAY)]
        sig = signals(prospect, insights=notes, known=("Arcline", "FlowStack", "Paperbridge"))
        ratings = {f.module.id: 1 + (f.module.id % 5) for f in library} if rated else None
        plain = rank_plain(sig, library, Weights(), TODAY, ratings)
        fast = LibraryIndex(library, plain_up_to=0).rank(sig, Weights(), TODAY, ratings, None)
        assert [(r.module.key, r.score) for r in fast] == [(r.module.key, r.score) for r in plain]
        top = LibraryIndex(library, plain_up_to=0).rank(sig, Weights(), TODAY, ratings, limit=5)
        assert top == fast[:5]
        small = LibraryIndex(library)  # one by one, as a small library is ranked
        assert small.rank(sig, Weights(), TODAY, ratings, limit=None) == fast
        for stage_only in (True, False):
            assert small.rank(sig, Weights(), TODAY, ratings, 5, stage_only) == LibraryIndex(
                library, plain_up_to=0
            ).rank(sig, Weights(), TODAY, ratings, 5, stage_only)

    @pytest.mark.parametrize("plain_up_to", [0, 300])
    def it_breaks_ties_by_module_key_whatever_the_input_order(self, plain_up_to):
        library = [module(k) for k in ("b-slide", "a-slide", "c-slide")]
        for order in (library, library[::-1]):
            ranked = LibraryIndex(order, plain_up_to).rank(signals(), Weights(), TODAY)
            assert [r.module.key for r in ranked] == ["a-slide", "b-slide", "c-slide"]

    @pytest.mark.parametrize("plain_up_to", [0, 300])
    def it_can_keep_only_modules_for_the_prospects_stage(self, plain_up_to):
        library = [
            module("now"),
            module("later", stages=(Stage.POST_SALE,)),
            module("any", stages=()),
        ]
        index = LibraryIndex(library, plain_up_to)
        kept = index.rank(signals(), Weights(), TODAY, stage_only=True)
        assert {r.module.key for r in kept} == {"now", "any"}

    def it_ranks_a_small_library_without_numpy(self):
        code = (
            "import sys\n"
            "from enabler.domain.recommend.index import LibraryIndex\n"
            "LibraryIndex([]).rank(None, None, None)\n"
            "print('numpy' in sys.modules)"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert done.stdout.strip() == "False", done.stderr
