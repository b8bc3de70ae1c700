"""``claimx extract FILE``: the claims of one article, to stdout.

Example:
    $ claimx extract corpus/seeds/004_5f01a3c730e886de.txt --format jsonl
    $ curl -s https://example.org/story.html | claimx extract - --input-format html
"""

from __future__ import annotations

import dataclasses
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimx.cli import app
from claimx.cli.common import (
    ModelsOption,
    RegionOption,
    RulesOnlyOption,
    extraction_settings,
    require_path,
    user_errors,
)
from claimx.errors import UsageError

if TYPE_CHECKING:
    from claimx.types import Article, ReadFailure


class ExtractFormat(str, Enum):
    """Output formats of ``claimx extract``."""

    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


class InputFormat(str, Enum):
    """Input formats ``--input-format`` can force (else the suffix, or for ``-`` a sniff, decides)."""

    txt = "txt"
    md = "md"
    html = "html"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


@app.command()
def extract(
    file: Annotated[
        Path,
        typer.Argument(help="An article: .txt, .md, .html, .json, .jsonl or .csv; - reads standard input."),
    ],
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
    rules_only: RulesOnlyOption = False,
    models: ModelsOption = None,
    input_format: Annotated[
        InputFormat | None,
        typer.Option("--input-format", help="Format of the input (default: its suffix; sniffed for -)."),
    ] = None,
    region: RegionOption = None,
) -> None:
    """Extract the claims of one article and print them."""
    with user_errors():
        fmt = _check_format(format)
        pub = _check_date(published)
        settings = extraction_settings(models, rules_only, region)
        from claimx.output import claims_to_csv, claims_to_jsonl, format_table
        from claimx.types import ReadFailure

        records = _read_input(file, None if input_format is None else input_format.value)
        failures = [r for r in records if isinstance(r, ReadFailure) and r.kind == "error"]
        articles = [r for r in records if not isinstance(r, ReadFailure)]
        if not articles:
            reason = failures[0].reason if failures else "no article found"
            name = "standard input" if str(file) == "-" else file
            print(f"claimx: error: cannot read {name}: {reason}", file=sys.stderr)
            raise typer.Exit(1)
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


def _read_input(file: Path, input_format: str | None) -> list[Article | ReadFailure]:
    """The records of ``file`` (``-``: standard input), parsed as ``input_format`` when given."""
    from claimx.reading.discover import read_file, read_stream

    if str(file) == "-":
        return read_stream(sys.stdin.buffer.read(), input_format)
    require_path(file, "file")
    if file.is_dir():
        raise UsageError(f"{file} is a folder (use `claimx batch {file} --out claims.jsonl` for folders)")
    if input_format is not None:
        return read_stream(file.read_bytes(), input_format, name=file.stem)
    return read_file(file)


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
