"""``claimx extract FILE``: the claims of one article, to stdout.

Example:
    $ claimx extract corpus/seeds/004_5f01a3c730e886de.txt --format jsonl
"""

from __future__ import annotations

import dataclasses
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from claimx.cli import app
from claimx.cli.common import require_path, user_errors
from claimx.errors import UsageError


class ExtractFormat(str, Enum):
    """Output formats of ``claimx extract``."""

    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="An article: .txt, .md, .html, .json, .jsonl or .csv.")],
    format: Annotated[
        str,
        typer.Option("--format", "-f", help="table (for a person), jsonl, csv or html (marked-up article)."),
    ] = "table",
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) when the article does not state it.")
    ] = None,
    source: Annotated[
        str | None, typer.Option(help="Outlet name when the article does not state it.")
    ] = None,
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Use the rules, not the learned models.")
    ] = False,
    models: Annotated[
        Path | None,
        typer.Option(help="Folder of trained models (default: CLAIMX_MODELS or the bundled ones)."),
    ] = None,
) -> None:
    """Extract the claims of one article and print them."""
    with user_errors():
        fmt = _check_format(format)
        require_path(file, "file")
        if file.is_dir():
            raise UsageError(f"{file} is a folder (use `claimx batch {file} --out claims.jsonl` for folders)")
        pub = _check_date(published)
        from claimx.output import claims_to_csv, claims_to_jsonl, format_table
        from claimx.reading import read_file
        from claimx.settings import Settings
        from claimx.types import ReadFailure

        records = read_file(file)
        failures = [r for r in records if isinstance(r, ReadFailure) and r.kind == "error"]
        articles = [r for r in records if not isinstance(r, ReadFailure)]
        if not articles:
            reason = failures[0].reason if failures else "no article found"
            print(f"claimx: error: cannot read {file}: {reason}", file=sys.stderr)
            raise typer.Exit(1)
        settings = Settings.from_env().with_overrides(models_dir=models, rules_only=rules_only or None)
        from claimx.extract import Extractor

        extractor = Extractor.load(settings)
        out: list[str] = []
        all_claims = []
        for record in articles:
            art = dataclasses.replace(
                record, published=record.published or pub, source=record.source or source
            )
            if fmt == "html":
                from claimx.reading.clean import clean_article
                from claimx.report.article import render_article

                cleaned = clean_article(art)
                out.append(render_article(cleaned, extractor.extract(cleaned, clean=False)))
                continue
            all_claims.extend(extractor.extract(art))
        if fmt == "table":
            out.append(format_table(all_claims))
        elif fmt == "jsonl":
            out.append(claims_to_jsonl(all_claims))
        elif fmt == "csv":
            out.append(claims_to_csv(all_claims))
        sys.stdout.write("".join(out))
        for f in failures:
            print(f"claimx: warning: {f.doc_id}: {f.reason}", file=sys.stderr)
        if failures:
            raise typer.Exit(1)


def _check_format(value: str) -> str:
    try:
        return ExtractFormat(value).value
    except ValueError:
        raise UsageError(f"unknown format '{value}' (use table, jsonl, csv or html)") from None


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from claimx.normalize.dates import parse_published

    iso = parse_published(value)
    if iso is None:
        raise UsageError(f"cannot read --published '{value}' as a date (use YYYY-MM-DD)")
    return iso
