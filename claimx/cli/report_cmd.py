"""``claimx report INPUT --out report.html``: one self-contained HTML page a person can read.

INPUT is a ``claimx resolve`` output folder (events, relations and the claims
behind them) or a claims file alone (claims, map and timeline, no event views).

Example:
    $ claimx report resolved/ --out report.html --claims claims.jsonl
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from claimx.cli import app
from claimx.cli.common import require_path, user_errors
from claimx.errors import UsageError


@app.command()
def report(
    input: Annotated[
        Path,
        typer.Argument(help="A `claimx resolve` output folder, or a claims file (.jsonl, .csv, .parquet)."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")],
    claims: Annotated[
        Path | None,
        typer.Option(help="The claims file behind a resolve folder, when the folder does not point to it."),
    ] = None,
    title: Annotated[str | None, typer.Option(help="The page's title.")] = None,
) -> None:
    """Write an HTML report: disputed events first, sources side by side, evidence, map and timeline."""
    with user_errors():
        require_path(input, "report input")
        if out.suffix.lower() not in {".html", ".htm"}:
            raise UsageError(f"--out {out} should end in .html (the report is one HTML page)")
        if out.is_dir():
            raise UsageError(f"--out {out} is a folder (give a file name such as report.html)")
        from claimx.report import build_report, load_report_input, render_report

        data = build_report(load_report_input(input, claims), title=title)
        page = render_report(data)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp-{os.getpid()}")
        try:
            tmp.write_text(page, encoding="utf-8")
            os.replace(tmp, out)
        finally:
            if tmp.exists():
                tmp.unlink()
    contested = sum(e.status == "contested" for e in data.events)
    events = f", {len(data.events)} events ({contested} disputed)" if data.has_events else ""
    print(f"wrote {out}: {len(data.claims)} claims{events}, {len(page) // 1024} KiB", file=sys.stderr)
