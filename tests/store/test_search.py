"""Library search: FTS5 ranking, snippets, facets, safety, and an index that follows edits."""

from __future__ import annotations

import pytest

from enabler.domain.modules import ModuleState, SmartContent, SmartLayout, Stage
from enabler.domain.version_diff import VersionSnapshot
from enabler.errors import InvalidInput
from enabler.store import search as search_store
from enabler.store import versions
from enabler.store.connection.db import transaction
from enabler.store.search import SearchFilters, search
from tests.conftest import add_module


def keys(results) -> list[str]:
    return [h.key for h in results.hits]


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def library(db):
    add_module(
        db,
        "claims-title",
        SmartContent(SmartLayout.BULLETS, "Claims automation", bullets=("Faster intake",)),
        stages=(Stage.DECISION,),
        industries=("Healthcare",),
    )
    add_module(
        db,
        "claims-notes",
        SmartContent(SmartLayout.BULLETS, "Intake review", bullets=("Reviewers see fields",)),
        notes="Mention the claims backlog only if they raise it.",
        stages=(Stage.AWARENESS,),
    )
    add_module(
        db,
        "kyc",
        SmartContent(
            SmartLayout.QUOTE,
            "Onboarding",
            quote="KYC checks in minutes, not days",
            attribution="Head of Ops",
        ),
        stages=(Stage.DECISION,),
        industries=("Financial Services",),
        tags=("kyc", "proof"),
    )
    add_module(
        db,
        "draft-claims",
        SmartContent(SmartLayout.BULLETS, "Claims draft", bullets=("tbd",)),
        state=ModuleState.DRAFT,
    )
    with transaction(db):
        db.execute(
            "UPDATE modules SET personas = '[\"CFO\"]', competitors = '[\"Arcline\"]' "
            "WHERE key = 'claims-title'"
        )
    return db


class DescribeSearch:
    def it_ranks_title_matches_above_note_matches(self, library):
        results = search(library, "claims")
        assert keys(results)[0] in ("claims-title", "draft-claims")
        assert keys(results)[-1] == "claims-notes"
        assert results.total == 3

    def it_searches_every_text_of_the_current_version_and_tags(self, library):
        assert keys(search(library, "minutes")) == ["kyc"]  # quote text
        assert keys(search(library, "ops")) == ["kyc"]  # attribution
        assert keys(search(library, "proof")) == ["kyc"]  # tag
        assert keys(search(library, "backlog")) == ["claims-notes"]  # talking points
        assert search(library, "bullets").total == 0  # layout names are not text

    def it_stems_words_and_supports_phrases_prefixes_or_and_not(self, library):
        assert "claims-title" in keys(search(library, "automated"))
        assert keys(search(library, '"checks in minutes"')) == ["kyc"]
        assert search(library, '"minutes in checks"').total == 0
        assert "kyc" in keys(search(library, "onboard*"))
        assert set(keys(search(library, "kyc OR backlog"))) == {"kyc", "claims-notes"}
        assert "claims-notes" not in keys(search(library, "claims -backlog"))

    def it_highlights_the_title_and_a_snippet(self, library):
        hit = search(library, "backlog").hits[0]
        assert hit.snippet.marked() == "Mention the claims [backlog] only if they raise it."
        assert hit.title.plain == "Intake review"
        assert hit.title.marked("<b>", "</b>") == "Intake review"
        hit = search(library, "claims", SearchFilters(state="approved")).hits[0]
        assert hit.title.marked("<b>", "</b>") == "<b>Claims</b> automation"
        assert hit.score < 0  # bm25: lower is better

    def it_narrows_by_facets(self, library):
        f = SearchFilters
        assert keys(search(library, "claims", f(state="approved", stage="decision"))) == [
            "claims-title"
        ]
        assert keys(search(library, "", f(persona="cfo"))) == ["claims-title"]
        assert keys(search(library, "", f(competitor="Arcline"))) == ["claims-title"]
        assert keys(search(library, "", f(kind="smart", owner="Marketing"))) == [
            "claims-title",
            "draft-claims",
            "claims-notes",
            "kyc",
        ]  # no words: by title

    def it_counts_modules_made_for_every_industry_in_any_industry(self, library):
        found = keys(search(library, "", SearchFilters(industry="healthcare")))
        assert set(found) == {"claims-title", "claims-notes", "draft-claims"}

    def it_pages_and_reports_the_total(self, library):
        page = search(library, "claims", limit=1, offset=1)
        assert page.total == 3 and len(page.hits) == 1

    def it_counts_facets_of_the_matches(self, library):
        counts = search_store.facet_counts(library, "claims")
        assert counts["state"] == {"approved": 2, "draft": 1}
        assert counts["stage"] == {"awareness": 1, "decision": 2}
        assert counts["competitor"] == {"Arcline": 1}
        assert counts["kind"] == {"smart": 3}

    @pytest.mark.parametrize(
        "text", ["title:claims", "NEAR(claims intake)", "claims^", "'; DROP TABLE modules;--"]
    )
    def it_treats_fts_syntax_in_user_input_as_text(self, library, text):
        search(library, text)  # no exception
        assert library["modules"].count == 4

    def it_gives_a_friendly_message_for_real_mistakes(self, library):
        with pytest.raises(InvalidInput, match="closing"):
            search(library, '"claims')
        with pytest.raises(InvalidInput, match=r"Stage must be one of .*, not 'later'"):
            search(library, "x", SearchFilters(stage="later"))

    def it_takes_a_stage_as_label_hyphen_or_underscore(self, library):
        found = {
            f: search(library, "", SearchFilters(stage=f)).total for f in ("decision", "Decision")
        }
        assert len(set(found.values())) == 1
        assert SearchFilters(stage="Post-sale").validate().stage == "post_sale"
        assert SearchFilters(stage="post-sale").validate().stage == "post_sale"


class DescribeTheIndex:
    def it_follows_new_versions_and_retitling(self, library):
        module = library["modules"].get(
            library.execute("SELECT id FROM modules WHERE key = 'kyc'").fetchone()[0]
        )
        snap = VersionSnapshot(
            "smart",
            {"layout": "bullets", "title": "Onboarding", "bullets": ["Sanctions screening"]},
        )
        with transaction(library):
            vid = versions.add_version(library, module["id"], snap, actor="t")
            library.execute(
                "UPDATE modules SET current_version_id = ?, title = 'Client onboarding' "
                "WHERE id = ?",
                [vid, module["id"]],
            )
        assert keys(search(library, "sanctions")) == ["kyc"]
        assert search(library, "minutes").total == 0
        assert keys(search(library, "client")) == ["kyc"]

    def it_drops_deleted_modules_and_rebuilds(self, library):
        with transaction(library):
            library.execute("DELETE FROM modules WHERE key = 'kyc'")
        assert search(library, "minutes").total == 0
        with transaction(library):
            library.execute("DELETE FROM module_fts")
            search_store.rebuild(library)
        assert search(library, "claims").total == 3


class DescribeFacetIndex:
    def it_matches_facet_values_with_spaces_accents_and_case(self, library):
        with transaction(library):
            library.execute(
                "UPDATE modules SET owner = 'Tomás Reyes', "
                "personas = '[\"VP Operations\", \"Head of Claims & Billing\"]' WHERE key = 'kyc'"
            )
        f = SearchFilters
        assert keys(search(library, "", f(owner="tomas reyes"))) == ["kyc"]
        assert keys(search(library, "", f(persona="vp operations"))) == ["kyc"]
        assert keys(search(library, "", f(persona="Head of Claims & Billing"))) == ["kyc"]
        by_industry = search(library, "", f(industry="Financial Services", stage="decision"))
        assert keys(by_industry) == ["draft-claims", "kyc"]  # draft-claims: every industry
        assert search(library, "", f(persona="VP")).total == 0  # whole values only

    def it_keeps_words_out_of_the_facet_column(self, library):
        assert search(library, "xxstatexapproved").total == 0
        assert search(library, '"xxstatexapproved"').total == 0

    def it_re_indexes_facets_when_a_module_changes_state(self, library):
        with transaction(library):
            library.execute("UPDATE modules SET state = 'retired' WHERE key = 'kyc'")
        assert search(library, "", SearchFilters(state="approved")).total == 2
        assert keys(search(library, "minutes", SearchFilters(state="retired"))) == ["kyc"]
