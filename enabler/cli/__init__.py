"""The `enabler` command line: a thin click shell over enabler.services.

Exit codes: 0 success, 1 a user error (one line on stderr saying what to do), 2 usage error.
"""

from __future__ import annotations

import os
import sys

import click

from enabler.cli.messages import clash_message
from enabler.errors import EnablerError, OutputClash


class _Group(click.Group):
    """Turns expected errors into one-line messages instead of tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except OutputClash as exc:
            click.echo(f"Error: {clash_message(exc)}", err=True)
            ctx.exit(1)
        except EnablerError as exc:
            click.echo(f"Error: {exc}", err=True)
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
    cli(prog_name="enabler")


def _register() -> None:
    """Each module of this package that defines `register(cli)` adds its commands."""
    import importlib
    import pkgutil

    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(module, "register"):
            module.register(cli)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
