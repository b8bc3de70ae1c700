"""``claimx export``: claimx's predictions as Label Studio pre-annotations or doccano JSONL.

The labelling loop: export, correct in the tool, then ``claimx convert`` / ``claimx train`` the
tool's export (see claimx.learn.export).

Example:
    $ claimx export corpus/new/ --out tasks.json --config labelstudio.xml
    $ claimx export corpus/new/ --format doccano --out doccano.jsonl --config doccano_labels.json
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from claimx.cli import app
from claimx.cli.common import ModelsOption, RegionOption, RulesOnlyOption, extraction_settings, user_errors
from claimx.errors import UsageError

if TYPE_CHECKING:
    from claimx.settings import Settings


class ExportFormat(str, Enum):
    """Annotation tools ``claimx export`` writes for."""

    labelstudio = "labelstudio"
    doccano = "doccano"


class Split(str, Enum):
    """The split exported documents are marked with."""

    train = "train"
    dev = "dev"
    test = "test"


@app.command()
def export(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="Articles: files or folders, as for `claimx batch`.")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="File to write (Label Studio .json, doccano .jsonl).")
    ] = None,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Annotation tool.")] = (
        ExportFormat.labelstudio
    ),
    config: Annotated[
        Path | None,
        typer.Option(help="Also write the tool's labelling config here (Label Studio XML, doccano labels)."),
    ] = None,
    split: Annotated[Split | None, typer.Option(help="Mark the documents with this split.")] = None,
    context_args: Annotated[
        bool,
        typer.Option(help="Also pre-annotate a location / date a claim took from its paragraph or lead."),
    ] = False,
    rules_only: RulesOnlyOption = False,
    models: ModelsOption = None,
    region: RegionOption = None,
) -> None:
    """Write claimx's predictions for articles as pre-annotations to correct in Label Studio or doccano."""
    with user_errors():
        from claimx.learn.export import write_config

        if config is not None:
            for p in write_config(config, format.value):
                typer.echo(f"wrote {format.value} config {p}", err=True)
        if not inputs:
            if config is None:
                raise UsageError("give articles to export (files or folders) with --out, or --config")
            return
        if out is None:
            raise UsageError("give --out FILE for the export (e.g. tasks.json or doccano.jsonl)")
        settings = extraction_settings(models, rules_only, region)
        failed = _export(inputs, out, format.value, split, context_args, settings)
    if failed:
        raise typer.Exit(1)


def _export(
    inputs: list[Path],
    out: Path,
    fmt: str,
    split: Split | None,
    context_args: bool,
    settings: Settings,
) -> int:
    """Run the extractor over ``inputs`` and write ``out``; the number of articles that failed."""
    from claimx.extract import Extractor
    from claimx.learn.export import predict_articles, write_export
    from claimx.reading import iter_inputs
    from claimx.types import ReadFailure

    records = list(iter_inputs(inputs))  # raises UsageError for a missing path first
    extractor = Extractor.load(settings)
    articles = [r for r in records if not isinstance(r, ReadFailure)]
    failures = [
        f"{r.doc_id}: {r.reason}" for r in records if isinstance(r, ReadFailure) and r.kind == "error"
    ]
    docs = []
    found = predict_articles(
        articles, extractor, split=split.value if split else None, context_args=context_args
    )
    for art, result in found:
        if isinstance(result, Exception):
            failures.append(f"{art.doc_id}: {result}")
        else:
            docs.append(result)
    summary = write_export(docs, out, fmt, model_version=extractor.model_version)
    for line in failures:
        print(f"claimx: warning: {line}", file=sys.stderr)
    for doc_id in summary.not_round_trip:
        print(f"claimx: warning: {doc_id}: some labels do not survive the {fmt} round trip", file=sys.stderr)
    typer.echo(f"wrote {summary.documents} documents with {summary.actions} actions to {out}", err=True)
    return len(failures)
