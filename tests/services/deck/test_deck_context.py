"""The deck context: who provides which top-level name, and which names a deck can fill."""

from __future__ import annotations

from enabler.domain.designed import unknown_fields
from enabler.services.deck.context import CONTEXT_PROVIDERS, PROVIDED_NAMES, context_roots


class DescribeContextRoots:
    def it_is_every_name_the_providers_declare(self):
        declared = set().union(*PROVIDED_NAMES.values())
        assert context_roots() == declared
        assert {"roi", "objections", "glossary", "criteria", "contacts"} <= context_roots()

    def it_declares_names_only_for_registered_providers(self):
        assert set(PROVIDED_NAMES) <= set(CONTEXT_PROVIDERS)

    def it_lets_a_roi_field_through(self):
        assert unknown_fields(("roi.npv", "roi.payback_months"), context_roots()) == ()
        assert unknown_fields(("budget.total",), context_roots()) == ("budget.total",)
