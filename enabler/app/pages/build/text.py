"""Texts the Build page shows: preflight findings and the flags a rep can raise."""

from __future__ import annotations

import html


def preflight_html(report, limit: int = 8) -> str:
    """Preflight findings under the build result: errors first, each with slide and shape."""
    if report is None or not report.findings:
        return " Preflight: no problems found."
    parts = [f" Preflight: {len(report.errors)} errors, {len(report.warnings)} warnings.<ul>"]
    for finding in (*report.errors, *report.warnings)[:limit]:
        where = f"slide {finding.slide}: " if finding.slide else ""
        parts.append(f"<li>{finding.severity.value}: {html.escape(where + finding.message)}</li>")
    return "".join(parts) + "</ul>"


FLAGS = (
    ("No flag", None),
    ("Needs update", "needs_update"),
    ("Wrong claim", "wrong_claim"),
    ("Missing for an industry", "missing_for_industry"),
)


def left_out_html(notes) -> str:
    """Modules the automatic plan left out because a field has no value, and how to fill it."""
    gaps = [n for n in notes if n.kind.value == "left_out"]
    if not gaps:
        return ""
    items = "; ".join(
        f"“{html.escape(n.module_title)}” needs {html.escape(n.field)}"
        + (" (add a contact on the Prospects page)" if n.field.startswith("contact.") else "")
        for n in gaps
    )
    return f"<br>Left out: {items}. Fill the field below to use them."
