"""Criteria checklists and action plans through the services the CLI and the app share."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.domain.action_plan import DealSize, PlanTemplate, StepStatus, TemplateStep
from enabler.domain.criteria import Criterion, CriterionStatus
from enabler.domain.field_errors import FieldErrors
from enabler.domain.modules import ModuleState
from enabler.errors import Conflict, Fix, Hint, InvalidInput, NotFound
from enabler.services.worksheets import action_plans as plans
from enabler.services.worksheets import criteria as service
from enabler.store import audit
from enabler.store import criteria as store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction

TODAY = dt.date(2026, 11, 23)
ACME = "Acme Clinics"  # Healthcare, decision stage, Jo Buyer (CFO) on the committee

# fixtures ---------------------------------------------------------------------------------


def criterion(key, *, industries=(), personas=(), weight=3, state=ModuleState.APPROVED):
    return Criterion(
        id=0,
        key=key,
        name=key.replace("-", " ").capitalize(),
        industries=industries,
        personas=personas,
        weight=weight,
        state=state,
    )


@pytest.fixture
def lib(small_library):
    db = small_library
    with transaction(db):
        for crit in (
            criterion("hipaa", industries=("Healthcare",), weight=5),
            criterion("total-cost", personas=("CFO",), weight=4),
            criterion("ehr-integration", personas=("CIO",)),
            criterion("kyc", industries=("Banking",)),
            criterion("draft-one", state=ModuleState.DRAFT),
        ):
            store.create_criterion(db, crit)
    return db


def rows(db, table):
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def step(db, **kw):
    return plans.save_step(db, ACME, actor="Dana", today=TODAY, **kw)


@pytest.fixture
def planned(lib):
    step(lib, name="Discovery", due="2026-11-01", status="done")
    step(lib, name="Demo", due="2026-11-20")
    step(lib, name="Signature", due="2026-12-15")
    return lib


# specs ------------------------------------------------------------------------------------


class DescribeCriteriaChecklist:
    def it_prefills_from_the_industry_and_the_committee(self, lib):
        cl = service.criteria_checklist(lib, ACME)
        assert [i.ref for i in cl.items] == ["hipaa", "total-cost"]
        assert cl.items[1].reason == "CFO on the committee (Jo Buyer)"
        assert not cl.stored
        assert cl.fit.percent == 0

    def it_stores_a_suggested_item_when_marked(self, lib):
        item = service.mark_criterion(
            lib, ACME, "hipaa", status="met", evidence="BAA signed", expected_version=0, actor="D"
        )
        assert (item.version, item.status, item.weight) == (1, CriterionStatus.MET, 5)
        assert item.reason == "Typical in Healthcare evaluations"
        cl = service.criteria_checklist(lib, ACME)
        assert cl.stored
        assert cl.fit.percent == round(100 * 5 / 9)
        assert [i.ref for i in cl.weak_spots] == ["total-cost"]

    def it_refuses_a_change_made_from_a_stale_version(self, lib):
        service.mark_criterion(lib, ACME, "hipaa", status="met")
        with pytest.raises(Conflict, match="changed since you opened it"):
            service.mark_criterion(lib, ACME, "hipaa", status="gap", expected_version=0)
        assert service.criteria_checklist(lib, ACME).items[0].status is CriterionStatus.MET

    def it_reports_every_bad_field_and_saves_nothing(self, lib):
        before = len(audit.entries(lib))
        with pytest.raises(FieldErrors) as caught:
            service.mark_criterion(lib, ACME, "hipaa", status="done", weight="9", note="x")
        assert set(caught.value.errors) == {"status", "weight"}
        assert "weight 9 is out of range" in str(caught.value)
        assert "Nothing was saved" in str(caught.value)
        assert rows(lib, "prospect_criteria") == 0
        assert len(audit.entries(lib)) == before

    def it_asks_for_something_to_change(self, lib):
        with pytest.raises(InvalidInput, match="Nothing to change"):
            service.mark_criterion(lib, ACME, "hipaa")

    def it_adds_the_reps_own_criterion_once(self, lib):
        item = service.add_criterion(lib, ACME, name="Same-day turnaround", weight=5, actor="Dana")
        assert item.ref.startswith("custom-")
        assert item.reason == "Added by the rep (Dana)"
        with pytest.raises(Conflict, match="already have"):
            service.add_criterion(lib, ACME, name="  same-day   TURNAROUND ")
        marked = service.mark_criterion(lib, ACME, item.ref, status="partly")
        assert marked.status is CriterionStatus.PARTLY

    def it_adds_a_library_criterion_the_rules_did_not_suggest(self, lib):
        item = service.add_criterion(lib, ACME, key="ehr-integration", status="gap")
        assert (item.reason, item.weight) == ("Added by the rep", 3)
        assert "ehr-integration" in [i.ref for i in service.criteria_checklist(lib, ACME).items]
        with pytest.raises(Conflict, match="already include"):
            service.add_criterion(lib, ACME, key="ehr-integration")

    def it_wants_either_a_key_or_a_name_and_valid_values(self, lib):
        with pytest.raises(FieldErrors) as caught:
            service.add_criterion(lib, ACME, key="hipaa", name="Mine", weight="0")
        assert set(caught.value.errors) == {"criterion", "weight"}

    def it_keeps_unapproved_criteria_off_checklists(self, lib):
        with pytest.raises(InvalidInput, match="draft, not approved"):
            service.add_criterion(lib, ACME, key="draft-one")

    def it_drops_a_criterion_and_brings_it_back_with_its_notes(self, lib):
        service.mark_criterion(lib, ACME, "total-cost", note="CFO cares", status="partly")
        service.drop_criterion(lib, ACME, "total-cost")
        assert [i.ref for i in service.criteria_checklist(lib, ACME).items] == ["hipaa"]
        back = service.mark_criterion(lib, ACME, "total-cost", weight=2)
        assert (back.note, back.status, back.weight) == ("CFO cares", CriterionStatus.PARTLY, 2)

    def it_names_what_it_cannot_find(self, lib):
        with pytest.raises(NotFound, match="no item 'custom-99'"):
            service.mark_criterion(lib, ACME, "custom-99", status="met")
        with pytest.raises(NotFound, match="Did you mean 'hipaa'"):
            service.mark_criterion(lib, ACME, "hipa", status="met")
        with pytest.raises(NotFound, match="not on Acme Clinics's criteria"):
            service.drop_criterion(lib, ACME, "kyc")


class DescribeActionPlan:
    def it_keeps_steps_in_order_and_finds_the_next_and_overdue_ones(self, planned):
        plan = plans.action_plan(planned, ACME, "2026-11-23")
        assert [s.name for s in plan.steps] == ["Discovery", "Demo", "Signature"]
        assert plan.next_step.name == "Demo"
        assert [s.name for s in plan.overdue] == ["Demo"]
        assert plans.action_plan(planned, ACME, TODAY.replace(day=19)).overdue == []

    def it_inserts_a_step_at_a_position(self, planned):
        plan = step(planned, name="Security review", due="2026-12-01", position=3)
        assert [s.name for s in plan.steps] == ["Discovery", "Demo", "Security review", "Signature"]

    def it_refuses_a_step_due_before_the_previous_one_and_saves_nothing(self, planned):
        before = plans.action_plan(planned, ACME, TODAY)
        with pytest.raises(
            FieldErrors, match="is due 2026-11-10, before step 3 'Signature'"
        ) as caught:
            step(planned, name="Legal", due="2026-11-10")
        assert set(caught.value.errors) == {"due"}
        with pytest.raises(FieldErrors, match="before step 1"):
            step(planned, number=3, position=1)
        assert plans.action_plan(planned, ACME, TODAY) == before

    def it_reports_a_bad_date_and_a_bad_status_together(self, planned):
        with pytest.raises(FieldErrors) as caught:
            step(planned, number=2, due="31/12/2026", status="finished", name=" ")
        assert set(caught.value.errors) == {"due", "status", "name"}
        assert "YYYY-MM-DD" in caught.value.errors["due"]

    def it_changes_a_step_and_clears_its_date(self, planned):
        plan = step(planned, number=2, status="in_progress", their_owner="Jo Buyer", due="")
        demo = plan.steps[1]
        assert (demo.status, demo.their_owner, demo.due, demo.version) == (
            StepStatus.IN_PROGRESS,
            "Jo Buyer",
            None,
            2,
        )

    def it_refuses_a_stale_step_version(self, planned):
        step(planned, number=2, status="done")
        with pytest.raises(Conflict, match="changed by Dana since you opened it"):
            step(planned, number=2, status="blocked", expected_version=1)

    def it_removes_a_step_and_renumbers_the_rest(self, planned):
        plan = plans.remove_step(planned, ACME, 1, actor="Dana", today=TODAY)
        assert [(s.number, s.name) for s in plan.steps] == [(1, "Demo"), (2, "Signature")]
        with pytest.raises(NotFound, match="no step 5 \\(steps 1 to 2\\)"):
            plans.remove_step(planned, ACME, 5)


class DescribeTemplates:
    @pytest.fixture
    def templated(self, lib):
        template = PlanTemplate(
            DealSize.MID,
            (
                TemplateStep("Discovery", "Account Executive", "Champion", 0),
                TemplateStep("Business case", "Account Executive", "CFO", 21),
            ),
        )
        plans.save_template(lib, template, actor="Lena")
        return lib

    def it_fills_the_plan_from_the_template_for_the_deal_amount(self, templated):
        p = prospect_store.find(templated, ACME)
        with transaction(templated):
            prospect_store.update(templated, p.id, {"deal_amount": 120_000.0})
        plan = plans.apply_template(templated, ACME, start="2026-12-01", today=TODAY)
        assert plan.template is DealSize.MID
        assert [(s.name, s.due) for s in plan.steps] == [
            ("Discovery", dt.date(2026, 12, 1)),
            ("Business case", dt.date(2026, 12, 22)),
        ]
        assert [s.our_owner for s in plan.steps] == ["Dana Rep", "Dana Rep"]
        assert plan.steps[1].their_owner == "Jo Buyer"

    def it_asks_for_a_size_when_the_deal_amount_is_unknown(self, templated):
        with pytest.raises(InvalidInput, match="deal size \\(small, mid or large\\)") as err:
            plans.apply_template(templated, ACME)
        assert err.value.hint == Hint(Fix.GIVE, "size")
        with pytest.raises(FieldErrors, match="'huge' is not valid"):
            plans.apply_template(templated, ACME, "huge")

    def it_replaces_an_existing_plan_only_when_asked(self, templated):
        step(templated, name="Kick-off call")
        with pytest.raises(Conflict, match="already has a plan") as err:
            plans.apply_template(templated, ACME, "mid")
        assert err.value.hint == Hint(Fix.CONFIRM, "replace")
        plan = plans.apply_template(templated, ACME, "mid", replace=True, today=TODAY)
        assert [s.name for s in plan.steps] == ["Discovery", "Business case"]

    def it_refuses_a_template_whose_steps_go_back_in_time(self, lib):
        bad = PlanTemplate(DealSize.SMALL, (TemplateStep("A", offset_days=9), TemplateStep("B")))
        with pytest.raises(FieldErrors, match="step 2 'B' is due"):
            plans.save_template(lib, bad)
        assert plans.plan_templates(lib) == []
