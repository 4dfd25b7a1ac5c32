"""The `enabler` command line: a thin click shell over enabler.services.

Exit codes: 0 success, 1 a user error (one line on stderr saying what to do), 2 usage error.
"""

from __future__ import annotations

import os
import sys

import click

from enabler.cli.lazy import LazyCommand, LazyCommands, LazyGroup
from enabler.errors import EnablerError, OutputClash


def _cmd(modules: str, text: str) -> LazyCommand:
    return LazyCommand(tuple(modules.split()), text)


# Command name → the modules whose register() builds it, and its help's first paragraph, so
# `enabler --help` lists every command without importing one (tests/cli/test_lazy.py checks
# this map against the commands themselves).
COMMANDS: dict[str, LazyCommand] = {
    "audit": _cmd("search", "Who changed what and when, newest first, with before and after."),
    "battlecard": _cmd("objections", "How we are different from COMPETITOR: the battlecard."),
    "build": _cmd(
        "build build_batch", "Build a personalised deck for a prospect (and preflight it)."
    ),
    "channel": _cmd(
        "channel",
        "The team channel: a shared folder or WebDAV address marketing and reps both reach.",
    ),
    "check": _cmd(
        "export", "Preflight a deck: unfilled fields, overflowing text, images, module status."
    ),
    "contacts": _cmd(
        "contacts", "The buying committee: who is involved, their persona, influence and stance."
    ),
    "criteria": _cmd(
        "worksheets", "A prospect's evaluation criteria: `enabler criteria --prospect NAME`."
    ),
    "demo": _cmd("library", "Load the bundled demo library (safe to run again)."),
    "designed": _cmd("designed", "Designed modules: slides imported from PowerPoint."),
    "glossary": _cmd(
        "search", "The shared lexicon (use terms in slides as {{ glossary.qualified_lead }})."
    ),
    "import-crm": _cmd("crm", "Create or update prospects from Salesforce or HubSpot CSV exports."),
    "import-slides": _cmd(
        "designed", "Import each slide of a .pptx as a draft designed module (again: new versions)."
    ),
    "insights": _cmd(
        "insights", "Dated, sourced notes on a prospect; promote one to segment research."
    ),
    "keys": _cmd("packs", "Publisher keys: sign packs with yours, trust your marketing team's."),
    "leave-behind": _cmd(
        "export", "Write the PDF a rep sends after the call: priorities, answers, ROI, next steps."
    ),
    "module": _cmd(
        "governance module_versions", "Review workflow and versions of one library module."
    ),
    "modules": _cmd("library", "The slide module library."),
    "objections": _cmd(
        "objections", "A prospect's objection checklist: `enabler objections --prospect NAME`."
    ),
    "outcome": _cmd("feedback", "Record how a prospect's deal ended."),
    "pack": _cmd(
        "packs", "Signed library packs: publish the approved library, import it on reps' machines."
    ),
    "pdf": _cmd(
        "export", "Convert decks to PDF through LibreOffice (kept running across the batch)."
    ),
    "plan": _cmd(
        "action_plans", "A prospect's mutual action plan: `enabler plan --prospect NAME`."
    ),
    "prep-sheet": _cmd(
        "objections", "Write a one-page rep prep sheet PDF: checklist, answers and battlecards."
    ),
    "profile": _cmd("profile", "Who you are on this machine (workflow identity, not security)."),
    "prospects": _cmd("prospects", "Prospects and what reps know about them."),
    "publish": _cmd(
        "channel",
        "Put the approved library in the team channel as the next signed release (marketing).",
    ),
    "rate": _cmd(
        "feedback",
        "Rate a module 1..5 (MODULE_ID is an id or key); a flag goes to marketing's review.",
    ),
    "recommend": _cmd(
        "recommend", "Rank approved modules for a prospect, with the reasons for each score."
    ),
    "report": _cmd(
        "feedback", "Insights for marketing: usage, win rates, ratings, flags and objections."
    ),
    "rebuild": _cmd(
        "rebuild", "Rebuild a deck with retired modules replaced, written beside the old one."
    ),
    "reporters": _cmd("channel", "Whose field reports count (marketing): list, trust, revoke."),
    "roi": _cmd(
        "roi", "Show a prospect's business case: NPV, IRR, payback, ROI, TCO and sensitivity."
    ),
    "rules": _cmd("profile", "Show or change the library's review rules."),
    "search": _cmd(
        "search", 'Search the library: words (all must match), "a phrase", word*, OR, -word.'
    ),
    "segments": _cmd(
        "insights", "Segment research: industry- and persona-level insights from marketing."
    ),
    "stages": _cmd("crm", "How CRM stages map to funnel stages (awareness … post_sale, or keep)."),
    "stale": _cmd("governance", "Approved modules past their review-by date, most overdue first."),
    "sync": _cmd(
        "channel",
        "Send new field reports and fetch library releases (reps); "
        "merge field reports (marketing).",
    ),
    "template": _cmd(
        "designed", "The template decks are built on (yours, or the built-in brand template)."
    ),
    "weights": _cmd(
        "recommend", "The weights behind recommendations (editable; defaults restore with reset)."
    ),
    "whoami": _cmd("profile", "The local profile the audit log names."),
}
# Modules of this package that define no command.
HELPERS = frozenset({"lazy", "support"})


class _Group(LazyGroup):
    """Turns expected errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except OutputClash as exc:
            from enabler.cli.support.messages import clash_message

            click.echo(f"Error: {clash_message(exc)}", err=True)
            ctx.exit(1)
        except EnablerError as exc:
            from enabler.cli.support.messages import error_message

            click.echo(f"Error: {error_message(exc)}", err=True)
            ctx.exit(1)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except BrokenPipeError:
            # The reader went away (e.g. `enabler … | head`): stop quietly.
            sys.stderr.close()
            ctx.exit(0)
        except KeyboardInterrupt:
            click.echo("Interrupted; nothing half-written was kept.", err=True)
            ctx.exit(130)
        except Exception as exc:
            if os.environ.get("ENABLER_DEBUG"):
                raise
            click.echo(
                f"Internal error: {type(exc).__name__}: {exc}. "
                "Re-run with ENABLER_DEBUG=1 for details and report it.",
                err=True,
            )
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="enabler")
def cli() -> None:
    """Enabler: governed slide library, prospect insights and personalised decks, offline."""


def main() -> None:
    if isinstance(cli.commands, LazyCommands):
        cli.commands.pause_collector = True  # a short-lived process: see LazyCommands._import
    cli(prog_name="enabler")


cli.use_lazy_commands(__name__, COMMANDS, HELPERS)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
