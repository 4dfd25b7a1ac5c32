"""Copying the business case into a plan the rep is shaping (`roi_deck.place_in_plan`)."""

from __future__ import annotations

import pytest

from enabler.errors import InvalidInput
from enabler.services.deck.build import plan_deck
from enabler.services.roi.deck import ROI_ORDER, place_in_plan
from enabler.store.modules import get_module

ROI_LAYOUTS = {layout.value for layout in ROI_ORDER}


def plan_without_roi(db, company: str) -> list[str]:
    plan = plan_deck(db, company)
    return [
        p.module.key
        for p in plan.modules
        if p.version.content is None or p.version.content.layout.value not in ROI_LAYOUTS
    ]


class DescribePlaceInPlan:
    def it_adds_the_roi_slides_before_the_closing_modules(self, demo_db):
        keys = plan_without_roi(demo_db, "Northwind Health")
        placement = place_in_plan(demo_db, "Northwind Health", keys)
        assert len(placement.modules) == 3  # summary, cash flow, sensitivity
        assert not {m.key for m in placement.modules} & set(keys)
        closing = [n for n, k in enumerate(keys) if get_module(demo_db, k).is_closing]
        assert closing, "the demo plan ends with a closing module"
        assert placement.row == closing[0]

    def it_adds_nothing_already_in_the_plan(self, demo_db):
        first = place_in_plan(demo_db, "Northwind Health", [])
        assert first.row == 0
        again = place_in_plan(demo_db, "Northwind Health", [m.key for m in first.modules])
        assert again.modules == ()

    def it_needs_a_saved_business_case(self, demo_db):
        demo_db.execute(
            "DELETE FROM roi_models WHERE prospect_id = "
            "(SELECT id FROM prospects WHERE company = 'Harborview Bank')"
        )
        with pytest.raises(InvalidInput, match="Harborview Bank has no saved business case"):
            place_in_plan(demo_db, "Harborview Bank", [])
