"""Build a personalised deck for a prospect."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.deck.plan import DeckPlan, PlannedModule
from enabler.domain.deck.storyline import DEFAULT_TOP
from enabler.domain.modules import Module, ModuleState
from enabler.domain.preflight import PreflightReport
from enabler.domain.prospects import Prospect
from enabler.domain.refs import ModuleRef, ProspectRef
from enabler.errors import Fix, Hint, InvalidInput
from enabler.export.atomic import write_atomic
from enabler.export.file_kind import require_extension
from enabler.render import deck as deck_render
from enabler.render.templating.context_reads import plan_reads
from enabler.services.deck.auto_plan import automatic_modules
from enabler.services.deck.context import template_context
from enabler.services.deck.preflight import check_presentation, planned_modules
from enabler.services.objections import deck as objection_deck
from enabler.services.output_guard import check_outputs
from enabler.services.roi import deck as roi_deck
from enabler.services.slides.templates import installed_template
from enabler.services.worksheets import deck as worksheet_deck
from enabler.store import assets, decks
from enabler.store import modules as module_store
from enabler.store import prospects as prospect_store
from enabler.store.connection.db import transaction

# Each adjuster may add or drop modules from the automatic selection (never from an explicit
# --modules list), e.g. add the ROI slides when the prospect has an ROI model and drop them when
# it has none. Signature: (db, prospect, modules) -> modules. Add one line per feature.
PlanAdjuster = Callable[[sqlite_utils.Database, Prospect, list[Module]], list[Module]]
PLAN_ADJUSTERS: tuple[PlanAdjuster, ...] = (
    objection_deck.adjust_plan,
    roi_deck.adjust_plan,
    worksheet_deck.adjust_plan,
)


@dataclass(frozen=True, slots=True)
class BuildResult:
    path: Path
    deck_id: int
    slides: int
    modules: tuple[str, ...]
    preflight: PreflightReport | None = None  # checks run on the built deck


def plan_deck(
    db: sqlite_utils.Database,
    prospect_ref: ProspectRef,
    module_refs: Sequence[ModuleRef | str] | None = None,
    overrides: dict[str, str] | None = None,
    rep: str = "",
    date: dt.date | None = None,
    top: int = DEFAULT_TOP,
    show_status: bool = False,
) -> DeckPlan:
    """Choose the prospect, contact and module versions for a deck.

    `module_refs` are what the user chose (ModuleRefs) or keys as stored (plain str). Without
    them, the automatic deck of `top` modules in story order, leaving out
    modules whose fields the prospect cannot fill; `plan.notes` say what was added, replaced
    or left out and why (see enabler.services.deck.auto_plan). `date` is the deck's "today" (the
    clock every date on it is judged by); `show_status` puts internal status such as overdue
    steps on the buyer's slides.
    """
    prospect = prospect_store.find(db, prospect_ref)
    contacts = prospect_store.contacts(db, prospect.id)
    plan = DeckPlan(
        prospect=prospect,
        modules=(),
        contact=contacts[0] if contacts else None,
        rep=rep or prospect.owner_rep,
        date=date or dt.date.today(),
        overrides=dict(overrides or {}),
        show_status=show_status,
    )
    notes: tuple = ()
    if module_refs:
        chosen = [module_store.get_module(db, ref) for ref in module_refs]
        not_approved = [m.key for m in chosen if m.state is not ModuleState.APPROVED]
        if not_approved:
            raise InvalidInput(
                f"Only approved modules can go into a deck; not approved: "
                f"{', '.join(not_approved)}."
            )
    else:
        ctx = template_context(db, plan)
        chosen, notes = automatic_modules(db, plan, top, PLAN_ADJUSTERS, ctx)
        if not chosen:
            raise InvalidInput(
                f"No approved module matches {prospect.company} ({prospect.stage.label}, "
                f"{prospect.industry or 'no industry'}).",
                hint=Hint(Fix.GIVE, "modules"),
            )
    planned = tuple(PlannedModule(m, module_store.current_version(db, m)) for m in chosen)
    return dataclasses.replace(plan, modules=planned, notes=notes)


# Told how far a build is: (modules done, modules in the plan, what is happening). It may raise
# to stop the build (the app's Cancel does); nothing is written then.
BuildProgress = Callable[[int, int, str], None]


def render_plan(
    db: sqlite_utils.Database,
    plan: DeckPlan,
    template: Path | bytes | None = None,
    progress: BuildProgress | None = None,
):
    """Render the plan to an in-memory presentation."""
    ctx = template_context(db, plan, plan_reads(plan))  # only the data the plan can show
    template = template or installed_template(db)  # a customer template replaces brand.pptx
    on_module: deck_render.OnModule | None = None
    if progress is not None:
        total, done = len(plan.modules), iter(range(1, len(plan.modules) + 1))

        def on_module(planned: PlannedModule, _first: int, _count: int) -> None:
            progress(next(done), total, "Rendering slides")

    return deck_render.assemble(
        plan,
        ctx,
        lambda sha: assets.get(db, sha),
        template or deck_render.DEFAULT_TEMPLATE,
        on_module=on_module,
    )


def build_deck(
    db: sqlite_utils.Database,
    plan: DeckPlan,
    out: Path | str,
    built_by: str = "",
    template: Path | None = None,
    progress: BuildProgress | None = None,
) -> BuildResult:
    """Render `plan`, write it atomically to `out` and record it in the library.

    `progress` hears after each module and before the checks and the write; if it raises, the
    build stops there and `out` is untouched. An `out` not ending in .pptx is refused first.
    """
    check_outputs([out], db=db, inputs=[template] if isinstance(template, Path | str) else [])
    out = require_extension(out, ".pptx")
    prs = render_plan(db, plan, template, progress)
    total = len(plan.modules)
    if progress is not None:
        progress(total, total, "Checking the deck")
    # Preflight the in-memory deck (no re-read): overflow, unfilled fields, images, modules.
    report = check_presentation(prs, db, modules=planned_modules(plan))
    report = report.adding(worksheet_deck.past_due_findings(db, plan))  # the data says, too
    blob = deck_render.to_bytes(prs)
    if progress is not None:
        progress(total, total, "Writing the file")
    # The record and the file stand or fall together: a library that cannot record the deck
    # (read-only, full) leaves `out` untouched, and a failed write records nothing.
    with transaction(db):
        deck_id = decks.record(
            db,
            provenance=plan.provenance(),
            output_path=str(Path(out).expanduser().resolve()),
            sha256=hashlib.sha256(blob).hexdigest(),
            built_by=built_by or plan.rep,
        )
        path = write_atomic(Path(out), lambda fh: fh.write(blob))
    return BuildResult(
        path=path,
        deck_id=deck_id,
        slides=len(prs.slides),
        modules=tuple(p.module.key for p in plan.modules),
        preflight=report,
    )
