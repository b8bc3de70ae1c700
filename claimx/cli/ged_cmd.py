"""``claimx evaluate ged`` and ``claimx evaluate links``: thin wrappers over :mod:`claimx.ged.check`
and :func:`claimx.resolve.evaluate.score_links`.

Example:
    $ claimx evaluate ged ../shared/data/ucdp_ged --rules-only --limit 300
    $ claimx evaluate ged ../shared/data/ucdp_ged --rules-only --part tune --no-links
    $ claimx evaluate links gold_links.jsonl --claims claims.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from claimx.cli import evaluate_app
from claimx.cli.common import (
    ClaimsOption,
    JsonOption,
    NoEmbeddingsOption,
    ResolvedOption,
    claims_and_resolution,
    print_scores,
    require_path,
    user_errors,
)

_PARTS = {"holdout": "test", "tune": "train"}
"""``--part`` names for the GED splits (``claimx.ged.data.split_of``)."""


@evaluate_app.command("ged")
def evaluate_ged(
    *,
    ged: Annotated[
        Path, typer.Argument(help="UCDP GED *_sources_long.csv or its folder (../shared/data/ucdp_ged).")
    ],
    split: Annotated[
        str,
        typer.Option(
            "--split",
            "--part",
            help="holdout (= test): the fixed 20% hold-out (report on it); tune (= train): the 80%.",
        ),
    ] = "test",
    limit: Annotated[int | None, typer.Option(help="At most N events (stable sample).")] = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Rules, not the model.")] = False,
    model: Annotated[Path | None, typer.Option(help="A model folder written by `claimx train`.")] = None,
    links: Annotated[bool, typer.Option(help="Also score linking, casualties.")] = True,
    no_embeddings: Annotated[
        bool, typer.Option("--no-embeddings", help="Link on slots alone (no MiniLM similarity).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    write: Annotated[
        Path | None,
        typer.Option(
            help="Only write the split's headlines and link gold here (for batch + evaluate links)."
        ),
    ] = None,
) -> None:
    """Score claimx on GED headlines: governorate, date, toll, sides; linking; casualty range."""
    with user_errors():
        from claimx.errors import UsageError
        from claimx.ged.check import extractor_extract, run_check

        split = _PARTS.get(split, split)
        if split not in ("train", "test"):
            raise UsageError(f"unknown --split/--part {split!r} (use holdout or tune; test or train)")
        if rules_only and model is not None:
            raise UsageError("give either --model or --rules-only, not both")
        if model is not None:
            require_path(model, "model folder")
        if limit is not None and limit < 1:
            raise UsageError("--limit must be at least 1")
        require_path(ged, "GED file")
        from claimx.ged.data import read_events, sample_events

        events = sample_events(read_events(ged, split=split), limit)
        if write is not None:
            from claimx.ged.check import write_link_task

            paths = write_link_task(events, write)
            typer.echo("wrote " + ", ".join(map(str, paths)), err=True)
            return
        extract, name = extractor_extract(rules_only, model)
        encoder = None
        if links and not no_embeddings:
            from claimx.resolve.embed import SentenceEncoder

            encoder = SentenceEncoder.from_settings()
        report = run_check(events, extract, name, split=split, links=links, encoder=encoder)
        sys.stdout.write(json.dumps(report.to_record(), indent=1) + "\n" if as_json else report.to_text())


@evaluate_app.command("links")
def evaluate_links(
    *,
    gold: Annotated[Path, typer.Argument(help="Gold: JSONL {doc_id, event} or CSV.")],
    claims: ClaimsOption,
    resolved: ResolvedOption = None,
    no_embeddings: NoEmbeddingsOption = False,
    as_json: JsonOption = False,
) -> None:
    """Score event linking against any gold mapping documents to events: pair P/R/F1 and B-cubed."""
    with user_errors():
        from claimx.resolve.evaluate import doc_partition, read_link_gold, score_links

        mapping = read_link_gold(require_path(gold, "gold file"))
        records, res = claims_and_resolution(claims, resolved, no_embeddings)
        part = doc_partition({c.claim_id: c.doc_id for c in records}, [e.claim_ids for e in res.events])
        print_scores(score_links(mapping, part), as_json)
