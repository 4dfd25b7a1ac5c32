"""The "path to decision" slide: a prospect's mutual action plan as a timeline of native shapes.

One numbered circle per step on a line of glued connectors; the due date above each circle, the
step's name and owners (ours, theirs) below. Done steps are green, steps in progress teal,
blocked amber, planned white with a navy outline, and overdue steps coral with "Overdue" under
the date; the next step carries a NEXT flag. A summary line names the next step, the decision
date and progress; a legend shows the colours in use. Registered via `worksheet_slides.py`.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt

from enabler.domain.modules import SmartContent
from enabler.render.colour.ink import readable_ink
from enabler.render.slides.worksheet_shapes import (
    CONTENT_W,
    INK,
    LEFT,
    PAPER,
    TEXT,
    add_filled,
    add_text,
    clip,
    label,
    short_date,
    title_only_slide,
)

STEPS_PER_SLIDE = 10
MAX_NAME, MAX_OWNER = 48, 30  # keeps the text under each circle clear of the legend
LINE_Y = Inches(3.55)
CIRCLE = Inches(0.6)
STEP_COLOURS = {
    "done": MSO_THEME_COLOR.ACCENT_6,
    "in_progress": MSO_THEME_COLOR.ACCENT_1,
    "blocked": MSO_THEME_COLOR.ACCENT_2,
    "planned": PAPER,
    "overdue": MSO_THEME_COLOR.ACCENT_5,
}
LEGEND = {
    "done": "Done",
    "in_progress": "In progress",
    "planned": "Planned",
    "blocked": "Blocked",
    "overdue": "Overdue",
}
# An ellipse's connection sites run counter-clockwise from the top: 2 is its left, 6 its right.
_OVAL_LEFT, _OVAL_RIGHT = 2, 6


def shows_status(plan: Mapping) -> bool:
    """Internal status (overdue steps) is for the rep; on a buyer's slide only when chosen."""
    return bool(plan.get("show_status", True))


def _overdue(step: Mapping, plan: Mapping) -> bool:
    return bool(step["overdue"]) and shows_status(plan)


def colour_key(step: Mapping, plan: Mapping | None = None) -> str:
    return "overdue" if _overdue(step, plan or {}) else step["status"]


def summary(plan: Mapping) -> str:
    parts = []
    if plan.get("next_step"):
        date, today = plan.get("next_step_date"), plan.get("today")
        if date and (shows_status(plan) or not today or date >= today):
            parts.append(f"Next: {plan['next_step']} ({short_date(date, year=True)})")
        else:  # a past date is never announced as what comes next
            parts.append(f"Next: {plan['next_step']}")
    if plan.get("end_date"):
        parts.append(f"Last step {short_date(plan['end_date'], year=True)}")
    parts.append(f"{plan.get('done', 0)} of {plan.get('total', 0)} steps done")
    if plan.get("overdue") and shows_status(plan):
        parts.append(f"{len(plan['overdue'])} overdue")
    return "  ·  ".join(parts)


def _glue(connector, start, end) -> None:
    """Glue a connector from the right of oval `start` to the left of oval `end`.

    python-pptx's `begin_connect` knows only a rectangle's four sites, so the endpoints are
    placed by coordinates and the glue records the ellipse's own site numbers; PowerPoint then
    keeps the line attached when someone moves a circle.
    """
    connector._connect_begin_to(start, _OVAL_RIGHT)
    connector._connect_end_to(end, _OVAL_LEFT)


def _circle(slide, step: Mapping, cx, plan: Mapping):
    key = colour_key(step, plan)
    planned = key == "planned"
    circle = add_filled(
        slide,
        MSO_SHAPE.OVAL,
        (cx - CIRCLE // 2, LINE_Y - CIRCLE // 2, CIRCLE, CIRCLE),
        STEP_COLOURS[key],
        outline=INK if planned else None,
        name=f"Step {step['number']}",
    )
    ink = INK if planned else readable_ink(slide, STEP_COLOURS[key], (PAPER, INK, TEXT))
    label(circle, str(step["number"]), 14, ink)
    return circle


def _texts(slide, step: Mapping, cx, slot, plan: Mapping) -> None:
    x, width = cx - slot // 2 + Inches(0.04), slot - Inches(0.08)
    overdue = _overdue(step, plan)
    due_colour = MSO_THEME_COLOR.ACCENT_5 if overdue else INK
    due = [(short_date(step.get("due")), 12, True, due_colour)]
    if overdue:
        due.append(("Overdue", 10, True, due_colour))
    box = (x, LINE_Y - Inches(1.15), width, Inches(0.7))
    add_text(slide, box, due, align=PP_ALIGN.CENTER, name=f"Due {step['number']}")
    below = [(clip(step["name"], MAX_NAME), 12, True, TEXT)]
    if step["our_owner"]:
        below.append((clip(f"Us: {step['our_owner']}", MAX_OWNER), 10, False, INK))
    if step["their_owner"]:
        below.append((clip(f"You: {step['their_owner']}", MAX_OWNER), 10, False, INK))
    box = (x, LINE_Y + Inches(0.45), width, Inches(1.6))
    add_text(slide, box, below, align=PP_ALIGN.CENTER, name=f"Step name {step['number']}")
    if step.get("next"):
        flag = add_filled(
            slide,
            MSO_SHAPE.ROUNDED_RECTANGLE,
            (cx - Inches(0.4), LINE_Y - Inches(1.55), Inches(0.8), Inches(0.32)),
            MSO_THEME_COLOR.ACCENT_1,
            name="Next step flag",
        )
        label(flag, "NEXT", 10, readable_ink(slide, MSO_THEME_COLOR.ACCENT_1, (PAPER, INK, TEXT)))


def _timeline(slide, steps: list[Mapping], plan: Mapping) -> None:
    slot = CONTENT_W // max(len(steps), 4)
    circles = []
    for n, step in enumerate(steps):
        cx = LEFT + slot * n + slot // 2
        circles.append(_circle(slide, step, cx, plan))
        _texts(slide, step, cx, slot, plan)
    for start, end in itertools.pairwise(circles):
        line = slide.shapes.add_connector(
            MSO_CONNECTOR.STRAIGHT, start.left + start.width, LINE_Y, end.left, LINE_Y
        )
        line.name = "Step connector"
        line.line.color.theme_color = INK
        line.line.width = Pt(2)
        _glue(line, start, end)


def _legend(slide, steps: list[Mapping], plan: Mapping) -> None:
    present = {colour_key(s, plan) for s in steps}
    x: int = LEFT
    y = Inches(6.55)
    for key, text in LEGEND.items():
        if key not in present:
            continue
        add_filled(
            slide,
            MSO_SHAPE.OVAL,
            (x, y + Inches(0.06), Inches(0.22), Inches(0.22)),
            STEP_COLOURS[key],
            outline=INK if key == "planned" else None,
            name=f"Legend {key}",
        )
        add_text(slide, (x + Inches(0.28), y, Inches(1.4), Inches(0.35)), [text], size=11)
        x += Inches(1.6)


def _notes(plan: Mapping) -> str:
    """Overdue steps and the next step, for the rep (speaker notes)."""
    lines = []
    for s in plan.get("steps") or []:
        if s["overdue"]:
            why = f" ({s['notes']})" if s.get("notes") else ""
            lines.append(f"Overdue: step {s['number']} {s['name']}, {s['days_overdue']} days{why}")
    if plan.get("next_step"):
        when = short_date(plan.get("next_step_date"), year=True)
        lines.append(f"Confirm the next step with the buyer: {plan['next_step']}, due {when}.")
    return "\n".join(lines)


def path_to_decision_slides(
    prs, layouts: Mapping, content: SmartContent, ctx: Mapping, fill
) -> list:
    """The mutual action plan as a timeline, STEPS_PER_SLIDE steps per slide."""
    plan = ctx.get("action_plan") or {}
    steps = list(plan.get("steps") or [])
    if not steps:
        return []
    title = fill(content.title)
    line, notes = summary(plan), _notes(plan)
    added = []
    for start in range(0, len(steps), STEPS_PER_SLIDE):
        slide = title_only_slide(prs, layouts, title + (" (continued)" if start else ""))
        box = (LEFT, Inches(1.55), CONTENT_W, Inches(0.45))
        add_text(slide, box, [line], size=14, colour=INK, name="Plan summary")
        chunk = steps[start : start + STEPS_PER_SLIDE]
        _timeline(slide, chunk, plan)
        _legend(slide, chunk, plan)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        added.append(slide)
    return added
