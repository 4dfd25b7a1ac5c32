"""Library ▸ Review queue: the pending change, Approve / Reject with a comment, the four-eyes
rule, conflicts and the local profile (pytest-qt, offscreen, on a copy of the demo library)."""

from __future__ import annotations

import pytest

from enabler.domain.modules import ModuleState
from enabler.services.library import governance, revisions
from enabler.store import settings, users
from enabler.store.connection.db import transaction
from tests.app.conftest import wait_ops
from tests.app.library_support import OWEN, act, in_review, load, other, status, testers


@pytest.fixture
def review(app_window):
    tab = app_window.pages["Library"].tab["Review queue"]
    tab.checks = testers(tab.model)
    return tab


class DescribeReviewQueue:
    def it_shows_the_pending_diff_and_approves(self, qtbot, review, app_window):
        before = in_review(app_window)
        load(qtbot, review)
        assert [i.status.key for i in review.model.items()] == ["value-pillars"]
        text = review.diff.toPlainText()
        assert "Version 2 (in review) against version 1 (approved)" in text
        assert 'to "Pillars that pay back"' in text and "Ready for a look" in text
        review.comment.setPlainText("Clearer, thanks")
        act(qtbot, review, review.approve_button.click)
        s = status(app_window, "value-pillars")
        assert s.state is ModuleState.APPROVED and s.revision_version_id is None
        assert s.current_version_id == before.revision_version_id
        assert s.title == "Pillars that pay back" and s.reviewer == "Lena Brandt"
        assert review.model.rowCount() == 0 and not review.empty.isHidden()
        assert review.comment.toPlainText() == ""

    def it_rejects_only_with_a_comment(self, qtbot, review, app_window):
        in_review(app_window)
        load(qtbot, review)
        said = act(qtbot, review, review.reject_button.click, "error")
        assert said.startswith("Say why when you reject")
        assert status(app_window, "value-pillars").revision_state is ModuleState.IN_REVIEW
        review.comment.setPlainText("Source the 40% figure")
        act(qtbot, review, review.reject_button.click)
        assert status(app_window, "value-pillars").revision_state is ModuleState.DRAFT
        last = revisions.history(other(app_window), "value-pillars").events[-1]
        assert (last.action, last.comment) == ("reject", "Source the 40% figure")

    def it_keeps_to_the_four_eyes_rule(self, qtbot, review, app_window):
        db = other(app_window)
        governance.set_rules(db, OWEN, approver_must_differ=True)
        in_review(app_window, by=users.get_profile(db))  # Lena wrote it, Lena reviews
        load(qtbot, review)
        review.comment.setPlainText("Looks fine")
        said = act(qtbot, review, review.approve_button.click, "error")
        assert "requires a different approver" in said
        assert status(app_window, "value-pillars").revision_state is ModuleState.IN_REVIEW
        assert review.comment.toPlainText() == "Looks fine"

    def it_reports_a_conflict_and_keeps_the_comment(self, qtbot, review, app_window):
        in_review(app_window)
        load(qtbot, review)
        db = other(app_window)  # meanwhile: sent back and resubmitted elsewhere
        governance.reject(db, OWEN, "value-pillars", comment="One more fix")
        governance.submit(db, OWEN, "value-pillars")
        review.comment.setPlainText("Approved for Q3")
        said = act(qtbot, review, review.approve_button.click, "error")
        assert "changed by someone else" in said
        assert status(app_window, "value-pillars").revision_state is ModuleState.IN_REVIEW
        assert review.comment.toPlainText() == "Approved for Q3"

    def it_asks_who_you_are_and_offers_to_set_it(self, qtbot, review, app_window):
        db = other(app_window)
        with transaction(db):
            db.execute("DELETE FROM settings WHERE key = ?", [users.PROFILE_KEY])
        in_review(app_window)
        load(qtbot, review)
        assert "Tell Enabler who you are" in review.me.who.text()
        assert not review.me.form.isHidden() and not review.approve_button.isEnabled()
        said = act(qtbot, review.me, review.me.save_button.click, "error")
        assert said.startswith("Give your name")
        review.me.name.setText("Priya Shah")
        review.me.role.setCurrentIndex(review.me.role.findData("marketing"))
        with qtbot.waitSignal(review.loaded, timeout=30000):
            review.me.save_button.click()
        wait_ops(qtbot, review)
        assert settings.get(other(app_window), users.PROFILE_KEY) == {
            "name": "Priya Shah",
            "role": "marketing",
        }
        assert "Priya Shah" in review.me.who.text() and review.approve_button.isEnabled()
