"""`enabler build` for many prospects at once: --all, --stage, --industry, --out-dir.

The single-deck command (enabler/cli/build.py) stays as it is; this wraps it: one --prospect
with --out runs it unchanged, anything else builds one deck per prospect in parallel.
"""

from __future__ import annotations

import copy
from pathlib import Path

import click

from enabler.cli.support.common import emit_json
from enabler.cli.support.options import PROSPECT, module_refs_of, parse_fields
from enabler.domain.refs import ProspectRef

BATCH_HELP = """

With --all (optionally narrowed by --stage and --industry), or --prospect given more than
once, builds one deck per prospect into --out-dir, named after the company, in parallel across
the machine's cores. Progress goes to stderr, one result line per prospect to stdout; a prospect
that fails does not stop the others (exit 1 and a summary at the end)."""

_BATCH_ONLY = ("everyone", "stage", "industry", "out_dir", "jobs")


def batch_command(single: click.Command) -> click.Command:
    """`single` (one --prospect, --out) extended to many prospects."""
    params: list[click.Parameter] = []
    for param in single.params:
        if param.name == "prospect_ref":
            params.append(
                click.Option(
                    ["--prospect", "prospect_refs"],
                    type=PROSPECT,
                    multiple=True,
                    help="Company name or id (repeat for a deck each).",
                )
            )
        elif param.name == "out":
            loose = copy.copy(param)
            loose.required = False
            params.append(loose)
        else:
            params.append(param)
    params += [
        click.Option(["--all", "everyone"], is_flag=True, help="A deck for every prospect."),
        click.Option(["--stage"], help="Only prospects at this funnel stage."),
        click.Option(["--industry"], help="Only prospects in this industry."),
        click.Option(
            ["--out-dir"],
            type=click.Path(file_okay=False, path_type=Path),
            help="Folder for the decks of a batch (one file per prospect).",
        ),
        click.Option(
            ["--jobs"],
            type=click.IntRange(1, 64),
            help="Decks built at once (default: one per core).",
        ),
    ]

    @click.pass_context
    def callback(ctx: click.Context, **kwargs) -> None:
        refs = kwargs.pop("prospect_refs")
        batch = {name: kwargs.pop(name) for name in _BATCH_ONLY}
        many = batch["everyone"] or len(refs) > 1 or batch["stage"] or batch["industry"]
        if not many and batch["out_dir"] is None:
            if not refs:
                raise click.UsageError("Missing option '--prospect' (or use --all).")
            if kwargs.get("out") is None:
                raise click.UsageError("Missing option '--out' (or --out-dir for a batch).")
            ctx.invoke(single.callback, prospect_ref=refs[0], **kwargs)
            return
        if batch["out_dir"] is None:
            raise click.UsageError("Several decks need --out-dir DIR (one file per prospect).")
        if kwargs.get("out") is not None:
            raise click.UsageError("--out names one deck; a batch writes into --out-dir.")
        _run_batch(refs, batch, kwargs)

    return click.Command(
        single.name,
        params=params,
        callback=callback,
        help=(single.help or "") + BATCH_HELP,
        context_settings=single.context_settings,
    )


def _run_batch(refs: tuple[ProspectRef, ...], batch: dict, kwargs: dict) -> None:
    from enabler.services.deck.batch import BatchOptions, DeckOutcome, build_campaign

    modules = module_refs_of(kwargs.get("module_refs"))
    options = BatchOptions(
        module_refs=tuple(modules) if modules else None,
        overrides=parse_fields(kwargs.get("fields") or ()),
        rep=kwargs.get("rep") or "",
        top=kwargs["top"],
        make_pdf=bool(kwargs.get("make_pdf")),
        force=bool(kwargs.get("force")),
    )
    as_json = bool(kwargs.get("as_json"))

    def on_result(outcome: DeckOutcome, done: int, total: int) -> None:
        click.echo(f"[{done}/{total}] {outcome.company}", err=True)
        if not as_json:
            click.echo(result_line(outcome))

    outcomes = build_campaign(
        kwargs.get("db_path"),
        batch["out_dir"],
        options,
        refs,
        everyone=batch["everyone"],
        stage=batch["stage"],
        industry=batch["industry"],
        workers=batch["jobs"],
        on_result=on_result,
    )
    if as_json:
        emit_json([outcome_dict(o) for o in outcomes])
    failed = [o for o in outcomes if not o.ok]
    built = sum(1 for o in outcomes if o.path is not None)
    click.echo(f"Built {built} of {len(outcomes)} decks in {batch['out_dir']}.", err=True)
    if failed:
        names = ", ".join(o.company for o in failed[:10]) + (", …" if len(failed) > 10 else "")
        click.echo(f"{len(failed)} failed: {names}.", err=True)
        raise click.exceptions.Exit(1)


def result_line(outcome) -> str:
    """One line per prospect: what was written, or why not."""
    if outcome.path is None:
        return f"FAILED {outcome.company}: {outcome.error}"

    def counted(n: int, noun: str) -> str:
        return f"{n} {noun}" + ("" if n == 1 else "s")

    checks = (
        f"{counted(outcome.errors, 'preflight error')}, {counted(outcome.warnings, 'warning')}"
        if outcome.errors or outcome.warnings
        else "ready"
    )
    pdf = f", PDF {outcome.pdf}" if outcome.pdf else ""
    line = f"Built {outcome.path} for {outcome.company}: {outcome.slides} slides ({checks}){pdf}"
    return f"{line}; {outcome.error}" if outcome.error else line


def outcome_dict(outcome) -> dict:
    return {
        "company": outcome.company,
        "path": str(outcome.path) if outcome.path else None,
        "pdf": str(outcome.pdf) if outcome.pdf else None,
        "slides": outcome.slides,
        "preflight_errors": outcome.errors,
        "preflight_warnings": outcome.warnings,
        "error": outcome.error or None,
    }
