"""Which template values rendering a plan can read: never too few."""

from __future__ import annotations

from enabler.domain.deck.plan import DeckPlan, PlannedModule
from enabler.domain.modules import (
    Column,
    Module,
    ModuleKind,
    ModuleState,
    ModuleVersion,
    SmartContent,
    SmartLayout,
)
from enabler.domain.prospects import Prospect
from enabler.render.templating.context_reads import OPENING_NAMES, plan_reads

PROSPECT = Prospect(id=1, company="Acme Clinics", industry="Healthcare")


def planned(n: int, content: SmartContent | None, notes: str = "", kind=ModuleKind.SMART):
    module = Module(id=n, key=f"m{n}", title=f"M{n}", state=ModuleState.APPROVED, owner="o")
    version = ModuleVersion(
        id=n, module_id=n, number=1, kind=kind, content=content, talking_points=notes
    )
    return PlannedModule(module, version)


def plan_of(*modules: PlannedModule, title: str = "") -> DeckPlan:
    return DeckPlan(prospect=PROSPECT, modules=modules, title=title)


class DescribePlanReads:
    def it_reads_only_what_the_opening_slides_need_for_plain_text(self):
        plain = planned(1, SmartContent(SmartLayout.BULLETS, "Why now", bullets=("Costs rise",)))
        assert plan_reads(plan_of(plain)) == OPENING_NAMES

    def it_collects_names_from_every_text_notes_and_the_deck_title(self):
        content = SmartContent(
            SmartLayout.TWO_COLUMN,
            "Payback",
            columns=(Column("Today", ("{{ criteria.items | length }} criteria",)),),
            table=(("Term", "{{ glossary.sla }}"),),
        )
        deck = plan_of(
            planned(1, content, notes="Ask {{ contacts[0].name }}"),
            title="{{ roi.npv_text }} for {{ prospect.company }}",
        )
        assert plan_reads(deck) == OPENING_NAMES | {"criteria", "glossary", "contacts", "roi"}

    def it_reads_anything_when_a_slide_reads_the_context_itself(self):
        text = planned(1, SmartContent(SmartLayout.BULLETS, "Why now"))
        roi = planned(2, SmartContent(SmartLayout.ROI_SUMMARY, "Business case"))
        designed = planned(3, None, kind=ModuleKind.DESIGNED)
        assert plan_reads(plan_of(text, roi)) is None
        assert plan_reads(plan_of(text, designed)) is None

    def it_reads_anything_when_a_text_cannot_be_analysed(self):
        broken = planned(1, SmartContent(SmartLayout.BULLETS, "Hi {{ prospect.company "))
        assert plan_reads(plan_of(broken)) is None
