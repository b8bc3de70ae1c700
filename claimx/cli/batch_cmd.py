"""``claimx batch PATH... --out OUT``: every article under the paths to one claims file.

Thin: arguments to :func:`claimx.batch.run_batch`, its summary to stderr, its
exit status out (0 all went through, 1 some failed, 2 unusable arguments,
130 interrupted).

Example:
    $ claimx batch corpus/ --out out/claims.jsonl --workers 2
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from claimx.cli import app
from claimx.cli.common import user_errors

_DEFAULT_MAX_BYTES = 20 * 1024 * 1024  # = claimx.batch.DEFAULT_MAX_BYTES (not imported: keeps --help fast)


@app.command("batch")
def batch(
    paths: list[Path] = typer.Argument(..., help="Files or folders of articles (folders are walked)."),
    out: Path = typer.Option(..., "--out", "-o", help="Claims file; its suffix picks .jsonl, .csv or .parquet."),
    workers: int | None = typer.Option(
        None, "--workers", "-w", help="Worker processes on this machine [default: the number of CPU cores]."
    ),
    engine: str = typer.Option("local", "--engine", help="local (this machine) or dask (a Dask cluster)."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Address of the Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask)."
    ),
    rules_only: bool = typer.Option(False, "--rules-only", help="Use the rules only, no learned models."),
    models: Path | None = typer.Option(None, "--models", help="Folder of trained claimx models."),
    max_bytes: int = typer.Option(_DEFAULT_MAX_BYTES, "--max-bytes", help="Larger input files are failed."),
    timeout: float = typer.Option(300.0, "--timeout", help="Seconds one article may take in a worker."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress bar on stderr [default: when stderr is a terminal]."
    ),
) -> None:
    """Extract the claims of every article under PATH... into OUT, in parallel and resumably.

    Finished articles are kept in OUT's store (OUT.claimx.sqlite), so running the same
    command again after an interruption finishes the rest. Failed articles are listed in
    the summary and in OUT-stem.errors.jsonl; the exit status is 1 when any failed.
    """
    from claimx.batch import BatchInterrupted, format_summary, run_batch
    from claimx.settings import Settings

    with user_errors():
        settings = Settings.from_env().with_overrides(models_dir=models, rules_only=rules_only or None)
        try:
            result = run_batch(
                paths,
                out,
                settings=settings,
                workers=workers,
                engine=engine,
                scheduler=scheduler,
                max_bytes=max_bytes,
                progress=progress,
                timeout=timeout,
            )
        except BatchInterrupted as exc:
            print(f"claimx: {exc}", file=sys.stderr)
            raise typer.Exit(130) from None
    print(format_summary(result), file=sys.stderr, end="")
    raise typer.Exit(result.exit_code)
