"""Default module selection and provenance records."""

from __future__ import annotations

import datetime as dt

from enabler.domain.deck.plan import DeckPlan, PlannedModule, default_selection
from enabler.domain.modules import Module, ModuleKind, ModuleState, ModuleVersion, Stage
from enabler.domain.prospects import Prospect


def module(
    mid,
    state=ModuleState.APPROVED,
    stages=(Stage.DECISION,),
    industries=(),
    competitors=(),
    tags=(),
):
    return Module(
        id=mid,
        key=f"m{mid}",
        title=f"M{mid}",
        state=state,
        owner="o",
        stages=stages,
        industries=industries,
        competitors=competitors,
        tags=tags,
    )


PROSPECT = Prospect(
    id=1, company="Acme", industry="Healthcare", stage=Stage.DECISION, competitors=("Paperbridge",)
)


class DescribeDefaultSelection:
    def it_keeps_approved_modules_of_the_stage_and_industry(self):
        mods = [
            module(1),
            module(2, industries=("healthcare",)),
            module(3, industries=("Retail",)),
            module(4, state=ModuleState.DRAFT),
            module(5, stages=(Stage.AWARENESS,)),
            module(6, state=ModuleState.RETIRED),
            module(7, stages=(Stage.AWARENESS, Stage.DECISION)),
        ]
        assert [m.id for m in default_selection(PROSPECT, mods)] == [1, 2, 7]

    def it_keeps_competitor_modules_only_for_competitors_in_play(self):
        mods = [module(1, competitors=("paperbridge",)), module(2, competitors=("Arcline",))]
        assert [m.id for m in default_selection(PROSPECT, mods)] == [1]

    def it_opens_with_the_section_and_ends_with_the_closing(self):
        mods = [module(1, tags=("closing",)), module(2), module(3, tags=("section",)), module(4)]
        assert [m.id for m in default_selection(PROSPECT, mods)] == [3, 2, 4, 1]


class DescribeProvenance:
    def it_lists_module_versions_in_order(self):
        m = module(9)
        v = ModuleVersion(id=42, module_id=9, number=3, kind=ModuleKind.SMART, content=None)
        plan = DeckPlan(PROSPECT, (PlannedModule(m, v),), date=dt.date(2026, 1, 2), rep="R")
        record = plan.provenance()
        assert record["modules"] == [{"module_id": 9, "key": "m9", "version_id": 42, "version": 3}]
        assert record["date"] == "2026-01-02"
        assert record["prospect"] == {"id": 1, "company": "Acme"}
