"""What the Library screens are shown: facets, a module's actions, the review queue, staleness."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.domain.modules import ModuleState, SmartContent, SmartLayout
from enabler.domain.profile import make_profile
from enabler.services.library import governance, revisions
from enabler.services.library import views as library_views
from enabler.services.library.revisions import ModuleEdit
from enabler.store.connection.db import transaction
from enabler.store.search import SearchFilters
from tests.conftest import add_module

LENA = make_profile("Lena Brandt", "marketing")
OWEN = make_profile("Owen Park", "marketing")


def facet(findings, name):
    return {
        v.value: (v.count, v.selected) for f in findings.facets if f.name == name for v in f.values
    }


# fixtures -------------------------------------------------------------------------------


@pytest.fixture
def draft(small_library):
    """small_library has four approved modules and one draft ("draft")."""
    return small_library


class DescribeFindModules:
    def it_counts_facets_and_keeps_a_chosen_facets_alternatives(self, draft):
        everything = library_views.find_modules(draft)
        assert everything.total == 5
        assert facet(everything, "state") == {"approved": (4, False), "draft": (1, False)}

        drafts = library_views.find_modules(draft, filters=SearchFilters(state="draft"))
        assert [h.key for h in drafts.hits] == ["draft"]
        # the other state stays listed with what choosing it would give
        assert facet(drafts, "state") == {"approved": (4, False), "draft": (1, True)}
        assert facet(drafts, "industry") == {}  # the draft is for every industry

    def it_lists_a_chosen_value_that_no_longer_matches(self, draft):
        found = library_views.find_modules(draft, "pillars", SearchFilters(owner="Nobody"))
        assert found.total == 0
        assert facet(found, "owner")["Nobody"] == (0, True)

    def it_labels_stages_for_people(self, draft):
        stages = next(f for f in library_views.find_modules(draft).facets if f.name == "stage")
        assert [v.label for v in stages.values] == ["Decision"]


class DescribeModuleDetail:
    def it_offers_what_the_lifecycle_allows(self, draft):
        assert library_views.module_detail(draft, "draft").actions == {
            "comment",
            "submit",
            "restore",
        }
        approved = library_views.module_detail(draft, "pillars")
        assert approved.actions == {"comment", "retire", "reviewed", "restore"}
        assert "pillars" not in [k for k, _ in approved.replacements]
        assert "draft" not in [k for k, _ in approved.replacements]  # approved ones only
        governance.submit(draft, LENA, "draft")
        assert library_views.module_detail(draft, "draft").actions == {
            "comment",
            "approve",
            "reject",
        }

    def it_names_the_replacement_of_a_retired_module(self, draft):
        governance.retire(draft, LENA, "retail-only", replacement="pillars")
        d = library_views.module_detail(draft, "retail-only")
        assert d.replaced_by == "pillars" and d.state_text == "retired"
        assert "restore" in d.actions and "retire" not in d.actions

    def it_suggests_the_next_review_date_from_the_rules(self, draft):
        governance.set_rules(draft, LENA, review_days=30)
        d = library_views.module_detail(draft, "pillars", today=dt.date(2026, 1, 1))
        assert d.suggested_review_by == dt.date(2026, 1, 31)


class DescribeReviewQueue:
    def it_diffs_a_revision_against_the_approved_version(self, draft):
        revisions.edit_module(draft, OWEN, "pillars", ModuleEdit({"title": "Three pillars"}))
        governance.submit(draft, OWEN, "pillars", comment="Tighter")
        [item] = library_views.review_queue(draft)
        assert (item.number, item.base_number) == (2, 1)
        assert [c.field for c in item.changes] == ["title"]
        assert (item.submitted_by, item.note) == ("Owen Park", "Tighter")

    def it_shows_a_new_module_as_all_new(self, draft):
        governance.submit(draft, LENA, "draft")
        [item] = library_views.review_queue(draft)
        assert item.base_number is None
        assert 'Title set to "Draft"' in [c.summary for c in item.changes]
        assert "kind" not in [c.field for c in item.changes]

    def it_compares_a_resubmitted_module_with_its_last_approved_version(self, draft):
        add_module(
            draft,
            "cycle",
            SmartContent(SmartLayout.BULLETS, "Cycle", bullets=("a",)),
            state=ModuleState.DRAFT,
        )
        governance.submit(draft, LENA, "cycle")
        governance.approve(draft, OWEN, "cycle")
        governance.retire(draft, LENA, "cycle", no_replacement=True)
        revisions.restore_version(draft, LENA, "cycle", 1)  # back as a draft: version 2
        revisions.edit_module(draft, LENA, "cycle", ModuleEdit({"bullets": ["a", "b"]}))
        governance.submit(draft, LENA, "cycle")
        [item] = library_views.review_queue(draft)
        assert (item.number, item.base_number) == (3, 1)
        assert [c.field for c in item.changes] == ["bullets"]

    def it_is_empty_when_nothing_waits(self, draft):
        assert library_views.review_queue(draft) == []


class DescribeStaleReport:
    def it_lists_overdue_modules_and_the_next_review_coming_up(self, draft):
        with transaction(draft):
            draft.execute("UPDATE modules SET review_by = '2026-01-10'")
            draft.execute("UPDATE modules SET review_by = '2025-12-01' WHERE key = 'proof'")
            draft.execute("UPDATE modules SET review_by = '2026-03-01' WHERE key = 'pillars'")
        report = library_views.stale_report(draft, dt.date(2026, 2, 1))
        assert [(m.status.key, m.days_overdue) for m in report.modules] == [
            ("proof", 62),
            ("retail-only", 22),
            ("why-section", 22),
        ]  # the draft has no review date to keep; pillars is not due yet
        assert report.next_due.key == "pillars"
        assert library_views.stale_report(draft, dt.date(2026, 4, 1)).next_due is None
