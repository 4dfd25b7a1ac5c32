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
