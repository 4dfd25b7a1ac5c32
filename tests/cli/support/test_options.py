"""Shared options: a name-or-id the user typed becomes a typed ref once (cli/support/options)."""

from __future__ import annotations

import click
from click.testing import CliRunner

from enabler.cli.support.options import (
    CRITERION_ITEM,
    MODULE,
    OBJECTION_ITEM,
    module_refs_of,
    prospect_option,
)
from enabler.domain.refs import CriterionRef, CustomItemRef, ModuleRef, ObjectionRef, ProspectRef


class DescribeRefTypes:
    def it_parses_the_prospect_option_into_a_prospect_ref(self):
        seen = _run(prospect_option(required=False), ["--prospect", " Acme Corp "])
        assert seen == ProspectRef(name="Acme Corp")
        assert _run(prospect_option(required=False), ["--prospect", "12"]) == ProspectRef(
            id=12, name="12"
        )

    def it_treats_a_blank_prospect_as_not_given(self):
        assert _run(prospect_option(required=False), ["--prospect", "  "]) is None
        assert _run(prospect_option(required=False), []) is None

    def it_keeps_the_help_metavar(self):
        @click.command()
        @prospect_option()
        def cmd(prospect_ref):
            pass

        assert "--prospect TEXT" in CliRunner().invoke(cmd, ["--help"]).output

    def it_parses_module_arguments(self):
        option = click.option("--module", "prospect_ref", type=MODULE)
        assert _run(option, ["--module", "roi-summary"]) == ModuleRef(name="roi-summary")

    def it_reads_checklist_items_as_custom_or_library_entries(self):
        crit = click.option("--criterion", "prospect_ref", type=CRITERION_ITEM)
        obj = click.option("--objection", "prospect_ref", type=OBJECTION_ITEM)
        assert _run(crit, ["--criterion", "custom-4"]) == CustomItemRef(4)
        assert _run(crit, ["--criterion", "security"]) == CriterionRef(name="security")
        assert _run(obj, ["--objection", "3"]) == ObjectionRef(id=3, name="3")


class DescribeModuleList:
    def it_makes_one_ref_per_comma_separated_part(self):
        assert module_refs_of("intro, 7 ,,roi") == [
            ModuleRef(name="intro"),
            ModuleRef(id=7, name="7"),
            ModuleRef(name="roi"),
        ]
        assert module_refs_of("") is None


# fixtures ---------------------------------------------------------------------------------


def _run(option, args):
    """The value `option` hands the command for `args`."""
    seen = []

    @click.command()
    @option
    def cmd(prospect_ref):
        seen.append(prospect_ref)

    result = CliRunner().invoke(cmd, args)
    assert result.exit_code == 0, result.output
    return seen[0]
