"""The ``claimx`` command line: a thin Typer layer over the library.

Each command lives in its own module and registers itself on :data:`app`;
the logic lives in the library. Unusable arguments give one line on stderr and
exit status 2 (see :mod:`claimx.cli.common`).

Example:
    $ claimx extract corpus/seeds/001_5181122ce5a15aa8.txt --format jsonl
"""

from __future__ import annotations

import sys

import click
import typer

app = typer.Typer(
    name="claimx",
    help="Turn conflict news into checkable claims: extract, batch, resolve, train, evaluate, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

evaluate_app = typer.Typer(
    help="Score claimx against gold: `extraction` (claims, per slot and role) or `relations` (resolver).",
    no_args_is_help=True,
)
app.add_typer(evaluate_app, name="evaluate")


def _register_commands() -> None:
    """Import the command modules; each one adds its command(s) to ``app``."""
    import importlib

    for name in ("extract_cmd", "batch_cmd", "resolve_cmd", "report_cmd", "learn_cmd"):
        try:
            importlib.import_module(f"claimx.cli.{name}")
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != f"claimx.cli.{name}":
                raise


_register_commands()


def main() -> None:
    """Entry point of ``claimx`` and ``python -m claimx``.

    Click's own usage errors (unknown option, missing argument) are printed as
    one line on stderr with exit status 2, like claimx's own UsageError.
    """
    try:
        app(standalone_mode=False)
    except click.exceptions.UsageError as exc:
        hint = f" (see `claimx {exc.ctx.info_name} --help`)" if exc.ctx and exc.ctx.info_name else ""
        print(f"claimx: error: {exc.format_message()}{hint}".replace("\n", " "), file=sys.stderr)
        sys.exit(2)
    except click.exceptions.Abort:
        print("claimx: aborted", file=sys.stderr)
        sys.exit(130)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
