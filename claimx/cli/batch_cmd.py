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
from typing import Annotated

import typer

from claimx.cli import app
from claimx.cli.common import RegionOption, extraction_settings, require_path, user_errors

_DEFAULT_MAX_BYTES = 20_000_000  # = claimx.reading.DEFAULT_MAX_BYTES (not imported: keeps --help fast)


@app.command("batch")
def batch(
    *,
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Files or folders of articles (folders are walked)."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Claims file: .jsonl, .csv or .parquet.")],
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", help="Worker processes here (default: one per CPU core)."),
    ] = None,
    engine: Annotated[str, typer.Option(help="local (this machine) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address, e.g. tcp://10.0.0.5:8786 (with --engine dask)."),
    ] = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Rules only, no learned models.")] = False,
    models: Annotated[Path | None, typer.Option(help="Folder of trained claimx models.")] = None,
    region: RegionOption = None,
    max_bytes: Annotated[
        int, typer.Option(help="Input files larger than this are failed.")
    ] = _DEFAULT_MAX_BYTES,
    timeout: Annotated[float, typer.Option(help="Seconds one article may take in a worker.")] = 300.0,
    progress: Annotated[
        bool | None,
        typer.Option("--progress/--no-progress", help="Progress bar on stderr (default: on a terminal)."),
    ] = None,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Delete OUT.claimx.sqlite first and redo every article.")
    ] = False,
) -> None:
    """Extract the claims of every article under PATH... into OUT.

    Runs in parallel and resumably: finished articles are kept in
    OUT.claimx.sqlite, so the same command run again after an
    interruption finishes the rest. Failed articles are listed in the
    summary and in OUT-STEM.errors.jsonl; exit status 1 if any failed.
    """
    from claimx.batch import BatchInterrupted, format_summary, run_batch

    with user_errors():
        if models is not None:
            require_path(models, "models folder")
        settings = extraction_settings(models, rules_only, region)
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
                fresh=fresh,
            )
        except BatchInterrupted as exc:
            print(f"claimx: {exc}", file=sys.stderr)
            raise typer.Exit(130) from None
    print(format_summary(result), file=sys.stderr, end="")
    raise typer.Exit(result.exit_code)
