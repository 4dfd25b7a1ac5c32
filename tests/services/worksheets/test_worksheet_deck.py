"""Worksheets in decks and leave-behinds, and the demo worksheets they are built from."""

from __future__ import annotations

import datetime as dt

from enabler.domain.modules import Stage
from enabler.services.deck.build import plan_deck
from enabler.services.deck.context import template_context
from enabler.services.demo.library import load_demo
from enabler.services.worksheets import criteria as service
from enabler.services.worksheets import deck as worksheet_deck
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction

TODAY = dt.date(2026, 11, 23)
WORKSHEET_KEYS = ["decision-criteria", "path-to-decision"]

# fixtures ---------------------------------------------------------------------------------


def keys(db, company):
    return [p.module.key for p in plan_deck(db, company, date=TODAY).modules]


def set_stage(db, company, stage):
    p = prospect_store.find(db, company)
    with transaction(db):
        prospect_store.update(db, p.id, {"stage": stage})


def counts(db):
    return [
        db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        for t in ("criteria", "prospect_criteria", "plan_templates", "plan_steps")
    ]


# specs ------------------------------------------------------------------------------------


class DescribeDemoWorksheets:
    def it_fills_northwind_and_summit(self, demo_db):
        for company in ("Northwind Health", "Summit Credit Union"):
            assert service.criteria_checklist(demo_db, company).stored
            assert worksheet_deck.has_worksheet(demo_db, prospect_store.find(demo_db, company))

    def it_loads_only_once(self, demo_db):
        before = counts(demo_db)
        load_demo(demo_db)
        assert counts(demo_db) == before
        assert before[0] >= 15 and before[2] == 3


class DescribePlanAdjuster:
    def it_adds_the_worksheet_slides_before_the_closing_module(self, demo_db):
        found = keys(demo_db, "Northwind Health")
        at = found.index("decision-criteria")
        assert found[at : at + 3] == [*WORKSHEET_KEYS, "decision-next-steps"]

    def it_leaves_them_out_without_a_worksheet(self, demo_db):
        set_stage(demo_db, "Harborview Bank", Stage.DECISION)
        assert not set(WORKSHEET_KEYS) & set(keys(demo_db, "Harborview Bank"))
        service.mark_criterion(demo_db, "Harborview Bank", "kyc-controls", status="met")
        found = keys(demo_db, "Harborview Bank")
        assert "decision-criteria" in found
        assert "path-to-decision" not in found

    def it_leaves_them_out_before_the_decision_stage(self, demo_db):
        set_stage(demo_db, "Northwind Health", Stage.CONSIDERATION)
        assert not set(WORKSHEET_KEYS) & set(keys(demo_db, "Northwind Health"))

    def it_keeps_an_explicit_choice(self, demo_db):
        plan = plan_deck(demo_db, "Harborview Bank", ["path-to-decision"])
        assert [p.module.key for p in plan.modules] == ["path-to-decision"]


class DescribeDeckContext:
    def it_gives_templates_the_fit_and_the_next_step_as_of_the_decks_date(self, demo_db):
        ctx = template_context(demo_db, plan_deck(demo_db, "Northwind Health", date=TODAY))
        assert ctx["criteria"]["fit_label"].endswith("weighted fit (2 not assessed)")
        assert ctx["criteria"]["items"][0]["ref"] == "security-review"
        plan = ctx["action_plan"]
        assert plan["next_step"] == "Proof of value on 500 prior-auth requests"
        assert plan["overdue"] == [3]
        assert plan["steps"][2]["next"] and plan["steps"][2]["days_overdue"] == 3

    def it_cleans_text_that_slide_xml_cannot_hold(self, demo_db):
        service.mark_criterion(demo_db, "Northwind Health", "hipaa-phi", evidence="BAA\x00 ok\x1b")
        ctx = template_context(demo_db, plan_deck(demo_db, "Northwind Health", date=TODAY))
        hipaa = next(i for i in ctx["criteria"]["items"] if i["ref"] == "hipaa-phi")
        assert hipaa["evidence"] == "BAA ok"


class DescribeLeaveBehind:
    def it_gives_both_sections_in_the_shape_of_a_leave_behind_section(self, demo_db):
        sections = worksheet_deck.leave_behind_sections(demo_db, "Northwind Health")
        assert list(sections) == ["criteria", "action_plan"]
        criteria = sections["criteria"]
        assert criteria["table"][0] == ["Criterion", "Weight", "Where we stand", "Evidence"]
        weights = [int(row[1]) for row in criteria["table"][1:]]
        assert weights == sorted(weights, reverse=True)
        assert all(isinstance(cell, str) for row in criteria["table"] for cell in row)
        plan = sections["action_plan"]
        assert plan["table"][1][:2] == ["1", "Discovery"]
        assert "Next: Proof of value on 500 prior-auth requests" in plan["intro"]

    def it_keeps_rep_notes_out(self, demo_db):
        sections = worksheet_deck.leave_behind_sections(demo_db, "Northwind Health")
        text = str(sections)
        assert "Anita will ask" not in text  # a rep note on the accuracy criterion
        assert "on the committee" not in text  # pre-fill reasons

    def it_has_nothing_for_a_prospect_without_worksheets(self, demo_db):
        assert worksheet_deck.leave_behind_sections(demo_db, "Keystone Manufacturing") == {}


class DescribePastDueSteps:
    def it_warns_the_rep_when_the_path_to_decision_shows_past_due_steps(self, demo_db, tmp_path):
        from enabler.domain.preflight import Check
        from enabler.services.deck.build import build_deck

        plan = plan_deck(demo_db, "Northwind Health", date=dt.date(2026, 12, 7))
        assert "path-to-decision" in [p.module.key for p in plan.modules]
        (finding,) = worksheet_deck.past_due_findings(demo_db, plan)
        assert finding.check is Check.PAST_DUE_STEPS
        assert "3 step(s) past their due date" in finding.message
        assert "“Proof of value on 500 prior-auth requests”, due 20 Nov 2026" in finding.message
        result = build_deck(demo_db, plan, tmp_path / "n.pptx")
        assert finding in result.preflight.warnings and result.preflight.ok

    def it_says_nothing_while_every_step_is_on_time_or_the_plan_is_not_shown(self, demo_db):
        early = plan_deck(demo_db, "Northwind Health", date=dt.date(2026, 7, 1))
        assert worksheet_deck.past_due_findings(demo_db, early) == ()
        without = plan_deck(demo_db, "Northwind Health", ["roi-summary"], date=dt.date(2026, 12, 7))
        assert "path-to-decision" not in [p.module.key for p in without.modules]
        assert worksheet_deck.past_due_findings(demo_db, without) == ()
