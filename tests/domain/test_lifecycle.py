"""Lifecycle rules: transitions, revisions, four eyes, replacements, staleness."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from enabler.domain import lifecycle
from enabler.domain.lifecycle import Action, ModuleStatus
from enabler.domain.modules import ModuleState
from enabler.errors import Conflict, InvalidInput

TODAY = dt.date(2026, 11, 23)


def status(state=ModuleState.DRAFT, **kw) -> ModuleStatus:
    base = {"module_id": 1, "key": "pillars", "title": "Pillars", "owner": "Lena"}
    return ModuleStatus(state=state, **(base | kw))


class DescribeNextState:
    @pytest.mark.parametrize(
        ("state", "action", "expected"),
        [
            (ModuleState.DRAFT, Action.SUBMIT, ModuleState.IN_REVIEW),
            (ModuleState.IN_REVIEW, Action.APPROVE, ModuleState.APPROVED),
            (ModuleState.IN_REVIEW, Action.REJECT, ModuleState.DRAFT),
            (ModuleState.APPROVED, Action.RETIRE, ModuleState.RETIRED),
        ],
    )
    def it_allows_the_documented_path(self, state, action, expected):
        assert lifecycle.next_state(status(state), action) is expected

    @pytest.mark.parametrize(
        ("state", "action"),
        [
            (ModuleState.DRAFT, Action.APPROVE),
            (ModuleState.DRAFT, Action.RETIRE),
            (ModuleState.APPROVED, Action.SUBMIT),
            (ModuleState.APPROVED, Action.APPROVE),
            (ModuleState.RETIRED, Action.SUBMIT),
            (ModuleState.RETIRED, Action.RETIRE),
            (ModuleState.IN_REVIEW, Action.SUBMIT),
        ],
    )
    def it_refuses_anything_else_with_a_reason(self, state, action):
        with pytest.raises(InvalidInput, match=f"Cannot {action.value} 'pillars'"):
            lifecycle.next_state(status(state), action)

    def it_works_on_the_revision_of_an_approved_module(self):
        s = status(ModuleState.APPROVED, revision_version_id=7, revision_state=ModuleState.DRAFT)
        assert s.review_state is ModuleState.DRAFT
        assert s.version_under_review == 7
        assert lifecycle.next_state(s, Action.SUBMIT) is ModuleState.IN_REVIEW
        with pytest.raises(InvalidInput, match=r"approved \(revision draft\)"):
            lifecycle.next_state(s, Action.APPROVE)

    def it_retires_an_approved_module_even_with_an_open_revision(self):
        s = status(ModuleState.APPROVED, revision_version_id=7, revision_state=ModuleState.DRAFT)
        assert lifecycle.next_state(s, Action.RETIRE) is ModuleState.RETIRED


class DescribeEditTarget:
    def it_edits_a_draft_in_place_of_its_current_version(self):
        assert lifecycle.edit_target(status(ModuleState.DRAFT)) == "current"

    def it_never_changes_an_approved_module_in_place(self):
        assert lifecycle.edit_target(status(ModuleState.APPROVED)) == "revision"

    def it_refuses_edits_while_in_review(self):
        with pytest.raises(Conflict, match="in review"):
            lifecycle.edit_target(status(ModuleState.IN_REVIEW))
        in_review_revision = status(
            ModuleState.APPROVED, revision_version_id=3, revision_state=ModuleState.IN_REVIEW
        )
        with pytest.raises(Conflict, match="in review"):
            lifecycle.edit_target(in_review_revision)

    def it_refuses_retired_and_imported_modules(self):
        with pytest.raises(InvalidInput, match="restore"):
            lifecycle.edit_target(status(ModuleState.RETIRED))
        with pytest.raises(Conflict, match="read-only"):
            lifecycle.edit_target(status(ModuleState.APPROVED, read_only=True, origin="HQ"))


class DescribeApproverRule:
    def it_lets_the_author_approve_when_the_rule_is_off(self):
        lifecycle.check_approver("Lena", {"Lena"}, must_differ=False)

    def it_refuses_the_author_or_submitter_when_the_rule_is_on(self):
        with pytest.raises(InvalidInput, match="different approver"):
            lifecycle.check_approver("lena", {"Lena", "Owen"}, must_differ=True)
        lifecycle.check_approver("Hannah", {"Lena", "Owen"}, must_differ=True)


class DescribeReplacement:
    def it_needs_another_approved_module(self):
        s = status(ModuleState.APPROVED)
        with pytest.raises(InvalidInput, match="cannot replace itself"):
            lifecycle.check_replacement(s, s)
        draft = status(ModuleState.DRAFT, module_id=2, key="new")
        with pytest.raises(InvalidInput, match="choose an approved module"):
            lifecycle.check_replacement(s, draft)
        lifecycle.check_replacement(s, dataclasses.replace(draft, state=ModuleState.APPROVED))
        lifecycle.check_replacement(s, None)


class DescribeStaleness:
    def it_is_stale_after_the_review_date_only(self):
        assert not lifecycle.is_stale(TODAY, TODAY)
        assert lifecycle.is_stale(TODAY - dt.timedelta(days=1), TODAY)
        assert lifecycle.is_stale(None, TODAY)
        assert lifecycle.days_overdue(TODAY - dt.timedelta(days=12), TODAY) == 12
        assert lifecycle.days_overdue(TODAY + dt.timedelta(days=5), TODAY) == 0

    def it_defaults_the_review_date_from_the_interval(self):
        assert lifecycle.default_review_by(TODAY, 180) == dt.date(2027, 5, 22)
        with pytest.raises(InvalidInput):
            lifecycle.default_review_by(TODAY, 0)
