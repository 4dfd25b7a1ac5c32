"""What the app's pages read in one call: insights with names, work waiting, closed deals."""

from __future__ import annotations

from enabler.domain.feedback import Outcome
from enabler.services.app_views import closed_deals, insights_view, waiting_work
from enabler.services.feedback import ratings as feedback
from enabler.services.library import governance


class DescribeAppViews:
    def it_names_modules_and_objections_for_the_insights_page(self, demo_db):
        from enabler.services.objections import checklists as objections

        objections.mark(demo_db, "Harborview Bank", "price-too-expensive", "raised")
        view = insights_view(demo_db)
        assert view.titles["why-us"] == "Why {{ vendor.product }}"
        assert view.objections["price-too-expensive"].startswith("You are more expensive")
        assert "Northwind Health" in [p.company for p in view.prospects]

    def it_counts_work_waiting_and_lists_closed_deals(self, demo_db):
        assert waiting_work(demo_db).flags == 0 and closed_deals(demo_db) == {}
        governance.require_profile(demo_db)
        feedback.rate(demo_db, "why-us", 2, flag="needs_update")
        receipt = feedback.record_outcome(demo_db, "Harborview Bank", "lost")
        assert waiting_work(demo_db).flags == 1
        assert list(closed_deals(demo_db).values()) == [Outcome.LOST]
        assert receipt is not None
