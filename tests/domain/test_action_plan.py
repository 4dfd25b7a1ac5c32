"""Mutual action plan: deal sizes, overdue detection, next step, step order and templates."""

from __future__ import annotations

import datetime as dt

import pytest

from enabler.domain.action_plan import (
    ActionPlan,
    DealSize,
    PlanStep,
    PlanTemplate,
    StepDraft,
    StepStatus,
    TemplateStep,
    deal_size_for,
    order_problems,
    parse_deal_size,
    parse_step_status,
    steps_from_template,
)
from enabler.domain.prospects import Contact, Prospect
from enabler.errors import InvalidInput

# fixtures ---------------------------------------------------------------------------------

TODAY = dt.date(2026, 11, 23)
ACME = Prospect(id=1, company="Acme")


def day(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def step(number, due, status="planned", name=None):
    return PlanStep(number, name or f"Step {number}", due=due, status=StepStatus(status))


def plan(*steps):
    return ActionPlan(ACME, tuple(steps), TODAY)


# specs ------------------------------------------------------------------------------------


class DescribeDealSize:
    @pytest.mark.parametrize(
        ("amount", "size"),
        [
            (0, DealSize.SMALL),
            (49_999, DealSize.SMALL),
            (50_000, DealSize.MID),
            (250_000, DealSize.MID),
            (250_001, DealSize.LARGE),
        ],
    )
    def it_bands_deals_by_annual_value(self, amount, size):
        assert deal_size_for(amount) is size

    def it_does_not_guess_without_an_amount(self):
        assert deal_size_for(None) is None

    def it_parses_sizes_and_statuses_and_names_the_allowed_values(self):
        assert parse_deal_size(" Large ") is DealSize.LARGE
        assert parse_step_status("in progress") is StepStatus.IN_PROGRESS
        with pytest.raises(InvalidInput, match="planned, in_progress, done, blocked"):
            parse_step_status("finished")
        with pytest.raises(InvalidInput, match="small, mid, large"):
            parse_deal_size("huge")


class DescribeOverdue:
    def it_flags_steps_past_their_due_date_that_are_not_done(self):
        p = plan(
            step(1, day(-10), "done"),
            step(2, day(-3), "in_progress"),
            step(3, day(-1), "blocked"),
            step(4, day(0)),
            step(5, None),
        )
        assert [s.number for s in p.overdue] == [2, 3]
        assert p.steps[1].days_overdue(TODAY) == 3
        assert p.steps[0].days_overdue(TODAY) == 0

    def it_judges_overdue_as_of_the_plans_day(self):
        late = step(1, day(-1))
        assert late.is_overdue(TODAY)
        assert not late.is_overdue(day(-2))


class DescribeNextStep:
    def it_is_the_first_step_not_done(self):
        p = plan(step(1, day(-5), "done"), step(2, day(2)), step(3, day(9)))
        assert p.next_step.number == 2
        assert p.next_step_date == day(2)
        assert p.end_date == day(9)
        assert p.done_count == 1

    def it_is_none_when_every_step_is_done(self):
        p = plan(step(1, day(-5), "done"))
        assert p.next_step is None
        assert p.next_step_date is None

    def it_ends_at_the_last_dated_step(self):
        assert plan(step(1, day(3)), step(2, None)).end_date == day(3)
        assert plan().end_date is None


class DescribeStepOrder:
    def it_accepts_steps_in_date_order_including_equal_dates_and_undated_steps(self):
        drafts = [StepDraft("A", due=day(1)), StepDraft("B"), StepDraft("C", due=day(1))]
        assert order_problems(drafts) == {}

    def it_names_a_step_due_before_the_step_before_it(self):
        drafts = [StepDraft("Demo", due=day(5)), StepDraft("Legal", due=day(2))]
        problems = order_problems(drafts)
        assert list(problems) == [1]
        assert "step 2 'Legal' is due" in problems[1]
        assert "before step 1 'Demo'" in problems[1]

    def it_compares_across_undated_steps(self):
        drafts = [StepDraft("A", due=day(5)), StepDraft("B"), StepDraft("C", due=day(1))]
        assert list(order_problems(drafts)) == [2]


class DescribeTemplates:
    TEMPLATE = PlanTemplate(
        DealSize.MID,
        (
            TemplateStep("Discovery", "Account Executive", "Champion", 0),
            TemplateStep("Security review", "Solutions Engineer", "CIO", 14, "Send SOC 2"),
            TemplateStep("Signature", "Account Executive", "Procurement", 30),
        ),
    )

    def it_dates_steps_from_the_start_and_fills_in_the_people_we_know(self):
        committee = [
            Contact(0, 1, "Rae Champ", role="Champion"),
            Contact(0, 1, "Ian Tech", persona="CIO"),
        ]
        drafts = steps_from_template(self.TEMPLATE, TODAY, "Dana Rep", committee)
        assert [d.due for d in drafts] == [day(0), day(14), day(30)]
        assert [d.our_owner for d in drafts] == ["Dana Rep", "Solutions Engineer", "Dana Rep"]
        assert [d.their_owner for d in drafts] == ["Rae Champ", "Ian Tech", "Procurement"]
        assert drafts[1].notes == "Send SOC 2"
        assert all(d.status is StepStatus.PLANNED for d in drafts)
