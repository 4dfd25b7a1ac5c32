"""How the CLI words a preflight report: one summary line and a line per finding.

Its own module so `enabler build` can print a report without loading the export commands
(leave-behind, LibreOffice) that `enabler/cli/export.py` defines.
"""

from __future__ import annotations

import click

from enabler.domain.preflight import PreflightReport


def echo_findings(report: PreflightReport, indent: str = "  ") -> None:
    """Print each finding on its own line, errors first."""
    for finding in (*report.errors, *report.warnings):
        label = "ERROR  " if finding.severity.value == "error" else "WARNING"
        click.echo(f"{indent}{label} {finding.message}")


def summary(report: PreflightReport) -> str:
    e, w = len(report.errors), len(report.warnings)
    if not e and not w:
        return "ready: no errors or warnings"
    return f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
