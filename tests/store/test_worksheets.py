"""Worksheet tables: criteria library, checklist items, plan templates and plan steps."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from enabler.domain.action_plan import DealSize, PlanTemplate, StepDraft, StepStatus, TemplateStep
from enabler.domain.criteria import Criterion, CriterionStatus, KnownGap, Proof
from enabler.domain.modules import ModuleState
from enabler.domain.prospects import Prospect
from enabler.errors import NotFound
from enabler.store import action_plans as plans
from enabler.store import audit
from enabler.store import criteria as store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction

TODAY = dt.date(2026, 11, 23)

# fixtures ---------------------------------------------------------------------------------


@pytest.fixture
def prospect(db):
    with transaction(db):
        return prospect_store.create(db, Prospect(id=0, company="Acme", industry="Healthcare"))


@pytest.fixture
def security(db):
    crit = Criterion(
        id=0,
        key="security-review",
        name="Passes our security review",
        industries=("Healthcare",),
        personas=("CIO",),
        how_we_meet="SOC 2 Type II",
        proof=Proof(("security-compliance",), ("Lakeshore",), ("SOC 2 Type II",)),
        gaps=(KnownGap("No ISO 27001 yet", "Audit booked for Q2"),),
        weight=5,
        owner="Hannah",
        state=ModuleState.APPROVED,
        review_by=dt.date(2027, 1, 31),
    )
    with transaction(db):
        return store.create_criterion(db, crit, actor="Hannah")


def add_item(db, prospect, security, **values):
    with transaction(db):
        return store.insert_item(
            db,
            prospect.id,
            criterion_id=security.id,
            values={"weight": 4, "status": "partly", **values},
            reason="CIO on the committee",
            actor="Dana",
            today=TODAY,
        )


# specs ------------------------------------------------------------------------------------


class DescribeCriteriaLibrary:
    def it_round_trips_a_criterion_with_its_proof_and_gaps(self, db, security):
        found = store.get_criterion(db, "security-review")
        assert found == security
        assert found.proof.certifications == ("SOC 2 Type II",)
        assert found.gaps[0].answer == "Audit booked for Q2"
        assert store.get_criterion(db, security.id).key == "security-review"

    def it_suggests_the_key_you_meant(self, db, security):
        with pytest.raises(NotFound, match="Did you mean 'security-review'"):
            store.get_criterion(db, "security-reveiw")

    def it_lists_by_state(self, db, security):
        assert store.list_criteria(db, ModuleState.APPROVED) == [security]
        assert store.list_criteria(db, ModuleState.DRAFT) == []


class DescribeChecklistItems:
    def it_stores_an_item_at_version_one_and_audits_it(self, db, prospect, security):
        item_id = add_item(db, prospect, security, evidence="Report shared")
        item, dropped = store.find_item(db, prospect.id, criterion_id=security.id)
        assert (item.item_id, item.version, dropped) == (item_id, 1, False)
        assert (item.weight, item.status) == (4, CriterionStatus.PARTLY)
        assert item.evidence == "Report shared"
        assert audit.entries(db, "prospect_criterion")[-1]["action"] == "create"

    def it_updates_only_from_the_version_it_was_read_at(self, db, prospect, security):
        item_id = add_item(db, prospect, security)
        with transaction(db):
            ok = store.update_item(
                db, item_id, expected_version=1, changes={"status": "met"}, actor="A", today=TODAY
            )
            stale = store.update_item(
                db, item_id, expected_version=1, changes={"status": "gap"}, actor="B", today=TODAY
            )
        assert (ok, stale) == (True, False)
        item, _ = store.find_item(db, prospect.id, item_id=item_id)
        assert (item.status, item.version, item.changed_by) == (CriterionStatus.MET, 2, "A")
        last = audit.entries(db, "prospect_criterion")[-1]
        assert (last["before"], last["after"]) == ('{"status": "partly"}', '{"status": "met"}')

    def it_refuses_weights_and_states_out_of_range_at_the_database(self, db, prospect, security):
        with pytest.raises(sqlite3.IntegrityError):
            add_item(db, prospect, security, weight=7)
        with pytest.raises(sqlite3.IntegrityError):
            add_item(db, prospect, security, status="done")
        assert store.items(db, prospect.id) == []

    def it_keeps_one_item_per_library_criterion(self, db, prospect, security):
        add_item(db, prospect, security)
        with pytest.raises(sqlite3.IntegrityError):
            add_item(db, prospect, security)

    def it_does_not_count_dropped_items_as_a_worksheet(self, db, prospect, security):
        assert not store.has_items(db, prospect.id)
        add_item(db, prospect, security, dropped=1)
        assert not store.has_items(db, prospect.id)
        assert store.items(db, prospect.id)[0][1] is True


class DescribePlanTemplates:
    def it_creates_and_replaces_the_template_for_a_size(self, db):
        first = PlanTemplate(DealSize.SMALL, (TemplateStep("Demo", "AE", "Champion", 0),))
        second = PlanTemplate(DealSize.SMALL, (TemplateStep("Proposal", offset_days=7),), "S")
        with transaction(db):
            plans.put_template(db, first, actor="Lena")
            plans.put_template(db, second, actor="Lena")
        assert plans.list_templates(db) == [second]
        assert plans.get_template(db, DealSize.SMALL).steps[0].offset_days == 7

    def it_says_what_to_do_when_a_size_has_no_template(self, db):
        with pytest.raises(NotFound, match="no plan template for Large"):
            plans.get_template(db, DealSize.LARGE)


class DescribePlanSteps:
    def it_keeps_steps_in_position_order_and_numbers_them(self, db, prospect):
        with transaction(db):
            b = plans.insert_step(db, prospect.id, 1, StepDraft("B"), "Dana", TODAY)
            a = plans.insert_step(db, prospect.id, 2, StepDraft("A", due=TODAY), "Dana", TODAY)
            plans.renumber(db, [a, b])
        steps = plans.steps(db, prospect.id)
        assert [(s.number, s.name) for s in steps] == [(1, "A"), (2, "B")]
        assert steps[0].due == TODAY

    def it_saves_a_step_only_from_the_version_it_was_read_at(self, db, prospect):
        with transaction(db):
            plans.insert_step(db, prospect.id, 1, StepDraft("Demo"), "Dana", TODAY)
        step = plans.steps(db, prospect.id)[0]
        done = StepDraft("Demo", status=StepStatus.DONE)
        with transaction(db):
            assert plans.update_step(db, step, done, expected_version=1, actor="A", today=TODAY)
            assert not plans.update_step(db, step, done, expected_version=1, actor="B", today=TODAY)
        saved = plans.steps(db, prospect.id)[0]
        assert (saved.status, saved.version) == (StepStatus.DONE, 2)

    def it_refuses_a_malformed_due_date_at_the_database(self, db, prospect):
        with pytest.raises(sqlite3.IntegrityError), transaction(db):
            db["plan_steps"].insert(
                {
                    "prospect_id": prospect.id,
                    "position": 1,
                    "name": "Demo",
                    "due": "31/12/2026",
                    "changed_on": TODAY.isoformat(),
                    "created_at": "now",
                }
            )

    def it_deletes_a_prospects_steps_with_an_audit_trail(self, db, prospect):
        with transaction(db):
            plans.insert_step(db, prospect.id, 1, StepDraft("Demo"), "Dana", TODAY)
            plans.set_plan_template(db, prospect.id, DealSize.MID, "Dana")
            assert plans.delete_steps(db, prospect.id, "Dana") == 1
        assert not plans.has_steps(db, prospect.id)
        assert plans.plan_template(db, prospect.id) is DealSize.MID
        assert audit.entries(db, "plan_step")[-1]["action"] == "delete"
