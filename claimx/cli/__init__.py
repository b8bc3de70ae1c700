"""The ``claimx`` command line: a thin Typer layer over the library.

Each command lives in its own module and registers itself on :data:`app`;
the logic lives in the library. Unusable arguments give one line on stderr and
exit status 2 (see :mod:`claimx.cli.common`).

Example:
    $ claimx extract corpus/seeds/001_5181122ce5a15aa8.txt --format jsonl
"""

from __future__ import annotations

import sys

import typer

app = typer.Typer(
    name="claimx",
    help="Turn conflict news into checkable claims: extract, batch, resolve, train, evaluate, report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

evaluate_app = typer.Typer(
    help="Score claimx against gold: `extraction`, `relations` (resolver), `links` (doc -> event), `ged`.",
    no_args_is_help=True,
)
app.add_typer(evaluate_app, name="evaluate")


def _register_commands() -> None:
    """Import the command modules; each one adds its command(s) to ``app``."""
    import importlib

    commands = ("extract_cmd", "batch_cmd", "resolve_cmd", "report_cmd", "learn_cmd", "export_cmd", "ged_cmd")
    for name in commands:
        try:
            importlib.import_module(f"claimx.cli.{name}")
        except ModuleNotFoundError as exc:  # a command module not written yet
            if exc.name != f"claimx.cli.{name}":
                raise


_register_commands()


def _kind(exc: BaseException) -> str:
    """Click's exception kinds by name (typer may vendor its own copy of click)."""
    names = {k.__name__ for k in type(exc).__mro__}
    for kind in ("UsageError", "Abort", "Exit"):
        if kind in names:
            return kind
    return ""


def main() -> None:
    """Entry point of ``claimx`` and ``python -m claimx``.

    Click's own usage errors (unknown option, missing argument) are printed as
    one line on stderr with exit status 2, like claimx's own UsageError.
    """
    try:
        rv = app(standalone_mode=False)
        sys.exit(rv if isinstance(rv, int) else 0)
    except Exception as exc:
        kind = _kind(exc)
        if kind == "UsageError":
            ctx = getattr(exc, "ctx", None)
            hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
            msg = exc.format_message()  # type: ignore[attr-defined]
            print(f"claimx: error: {msg}{hint}".replace("\n", " "), file=sys.stderr)
            sys.exit(2)
        if kind == "Abort":
            print("claimx: aborted", file=sys.stderr)
            sys.exit(130)
        if kind == "Exit":
            sys.exit(getattr(exc, "exit_code", 0))
        raise
    except KeyboardInterrupt:
        print("claimx: interrupted", file=sys.stderr)
        sys.exit(130)
