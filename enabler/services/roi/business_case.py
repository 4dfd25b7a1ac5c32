"""ROI use cases: set a prospect's business case, compute it, present it.

Shared by the CLI, the deck build, the leave-behind and (later) the desktop app. Everything
that computes is pure and fast: `preview(data)` validates and evaluates form input without
touching the library, so the GUI can recompute as the rep types.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from enabler.domain.prospects import Prospect
from enabler.domain.refs import ProspectRef
from enabler.domain.roi.case import BusinessCase, business_case
from enabler.domain.roi.model import RoiModel, RoiPreset, Scenario, model_to_dict
from enabler.domain.roi.parse import FieldError, parse_model
from enabler.domain.roi.sensitivity import DEFAULT_SWING_PCT
from enabler.errors import Fix, Hint, InvalidInput, NotFound
from enabler.render.slides.roi_svg import cumulative_svg
from enabler.services.json_input import loads_json
from enabler.services.roi import as_json as roi_json
from enabler.services.roi.figures import (
    CONVENTIONS,
    Formatter,
    assumption_rows,
    flag_messages,
    headline_rows,
)
from enabler.store import prospects as prospect_store
from enabler.store import roi as roi_store
from enabler.store.connection.db import transaction

MAX_INPUT_BYTES = 1_000_000


class InvalidRoiModel(InvalidInput):
    """A model with field errors; `errors` lists each one for a form to show beside its field."""

    def __init__(self, errors: tuple[FieldError, ...]) -> None:
        self.errors = errors
        shown = "; ".join(str(e) for e in errors[:6])
        more = f" (and {len(errors) - 6} more)" if len(errors) > 6 else ""
        super().__init__(f"ROI model not saved: {shown}{more}. Fix these fields and try again.")


@dataclass(frozen=True, slots=True)
class Preview:
    """Live result for form input: a business case, or the field errors that block it."""

    case: BusinessCase | None
    errors: tuple[FieldError, ...] = ()


def formatter(prospect: Prospect) -> Formatter:
    return Formatter(prospect.currency or "USD", prospect.locale or "en_US")


def _prospect(db: sqlite_utils.Database, prospect: Prospect | ProspectRef) -> Prospect:
    if isinstance(prospect, Prospect):
        return prospect
    return prospect_store.find(db, prospect)


def parse(data: object) -> RoiModel:
    """A valid model from plain data, or InvalidRoiModel naming every bad field."""
    parsed = parse_model(data)
    if parsed.model is None:
        raise InvalidRoiModel(parsed.errors)
    return parsed.model


def preview(
    data: object, scenario: Scenario = Scenario.EXPECTED, swing_pct: float = DEFAULT_SWING_PCT
) -> Preview:
    parsed = parse_model(data)
    if parsed.model is None:
        return Preview(None, parsed.errors)
    return Preview(business_case(parsed.model, scenario, swing_pct))


def read_input(path: Path | str) -> object:
    """The JSON in `path`, or a message saying what is wrong with the file."""
    path = Path(path)
    try:
        raw = path.read_bytes()[: MAX_INPUT_BYTES + 1]
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}. Check the path.") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise InvalidInput(f"{path} is larger than 1 MB; an ROI model is a few kilobytes.")
    try:
        return loads_json(raw.decode("utf-8-sig"))
    except ValueError as exc:  # UnicodeDecodeError, JSONDecodeError, NestedTooDeeply
        raise InvalidInput(f"{path} is not valid JSON ({exc}). Fix the file and retry.") from None


def get_model(db: sqlite_utils.Database, prospect: Prospect | ProspectRef) -> RoiModel | None:
    return roi_store.get_model(db, prospect_store.resolve(db, prospect).id)


def set_model(
    db: sqlite_utils.Database, prospect: Prospect | ProspectRef, data: object, actor: str = ""
) -> RoiModel:
    """Validate `data` and save it as the prospect's model; nothing is saved on any error."""
    target = prospect_store.resolve(db, prospect)
    model = parse(data)
    with transaction(db):
        roi_store.save_model(db, target.id, model, actor)
    return model


def apply_preset(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    industry: str | None = None,
    actor: str = "",
) -> RoiModel:
    """Start the prospect's model from the preset for `industry` (default: the prospect's)."""
    target = prospect_store.resolve(db, prospect)
    wanted = industry or target.industry
    preset = roi_store.get_preset(db, wanted) if wanted else None
    if preset is None:
        names = ", ".join(p.industry for p in roi_store.list_presets(db)) or "none yet"
        raise NotFound(
            f"No ROI preset for {wanted or 'a prospect without industry'!r} (presets: {names}).",
            hint=Hint(Fix.GIVE, "roi_input"),
        )
    data = model_to_dict(preset.model) | {"preset": preset.name}
    return set_model(db, target, data, actor)


def clear_model(
    db: sqlite_utils.Database, prospect: Prospect | ProspectRef, actor: str = ""
) -> bool:
    target = prospect_store.resolve(db, prospect)
    with transaction(db):
        return roi_store.delete_model(db, target.id, actor)


def list_presets(db: sqlite_utils.Database) -> list[RoiPreset]:
    return roi_store.list_presets(db)


def case_for(
    db: sqlite_utils.Database,
    prospect: Prospect | ProspectRef,
    scenario: Scenario = Scenario.EXPECTED,
    swing_pct: float = DEFAULT_SWING_PCT,
) -> tuple[Prospect, BusinessCase]:
    """The prospect and its business case; NotFound when it has no model yet."""
    target = prospect_store.resolve(db, prospect)
    model = roi_store.get_model(db, target.id)
    if model is None:
        raise NotFound(
            f"{target.company} has no ROI model yet.",
            hint=Hint(Fix.DO_FIRST, "set_roi", target.company),
        )
    return target, business_case(model, scenario, swing_pct)


def case_json(prospect: Prospect, case: BusinessCase) -> dict:
    """Inputs, discount rate, yearly flows and every output: enough to recompute it all."""
    return roi_json.case_json(prospect, case, formatter(prospect))


def leave_behind_roi(db: sqlite_utils.Database, prospect: Prospect | ProspectRef) -> dict | None:
    """Headline figures (as text) and an SVG of cumulative cash, or None without a model."""
    target = prospect_store.resolve(db, prospect)
    model = roi_store.get_model(db, target.id)
    if model is None:
        return None
    case = business_case(model)
    fmt = formatter(target)
    r = case.result
    return {
        "title": f"Business case for {target.company}",
        "scenario": case.scenario.label,
        "headline": [
            {"label": label, "value": adjusted, "unadjusted": unadjusted}
            for label, adjusted, unadjusted in headline_rows(case, fmt)
        ],
        "assumptions": [{"label": k, "value": v} for k, v in assumption_rows(case, fmt)],
        "notes": list(CONVENTIONS),
        "flags": flag_messages(case),
        "chart_title": "Cumulative cash flow (risk-adjusted)",
        "chart_svg": cumulative_svg(
            [f"Year {t}" for t in range(r.horizon_years + 1)],
            list(r.adjusted.cumulative),
            fmt.compact,
            "Cumulative cash flow (risk-adjusted)",
        ),
    }
