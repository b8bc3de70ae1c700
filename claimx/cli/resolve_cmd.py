"""``claimx resolve`` and ``claimx evaluate relations``: thin wrappers over :mod:`claimx.resolve`.

Example:
    $ claimx resolve claims.jsonl --out resolved/ --format csv --sources
    $ claimx evaluate relations corpus/gold/relations --claims claims.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from claimx.cli import app, evaluate_app
from claimx.cli.common import (
    ClaimsOption,
    JsonOption,
    NoEmbeddingsOption,
    ResolvedOption,
    claims_and_resolution,
    print_scores,
    require_path,
    sentence_encoder,
    user_errors,
)


def _knowledge():  # -> Knowledge
    from claimx.knowledge import Knowledge
    from claimx.settings import Settings

    return Knowledge.from_settings(Settings.from_env())


@app.command("resolve")
def resolve(
    *,
    claims: Annotated[
        Path, typer.Argument(help="Claims file written by `claimx batch` (.jsonl, .csv, .parquet).")
    ],
    out: Annotated[
        Path, typer.Option("--out", help="Folder for events.jsonl, relations.jsonl, sources.csv.")
    ],
    fmt: Annotated[
        list[str] | None,
        typer.Option("--format", help="Also write events/relations as csv or parquet (repeatable)."),
    ] = None,
    sources: Annotated[bool, typer.Option("--sources", help="Print the per-outlet table to stdout.")] = False,
    show_disputes: Annotated[
        bool, typer.Option("--disputes", help="Print each dispute, its positions and who holds them.")
    ] = False,
    no_embeddings: Annotated[
        bool, typer.Option("--no-embeddings", help="Link on slots alone (no MiniLM sentence similarity).")
    ] = False,
    encoder: Annotated[Path | None, typer.Option("--encoder", help="MiniLM encoder folder.")] = None,
    embedding_cache: Annotated[
        Path | None,
        typer.Option(
            "--embedding-cache",
            help="Keep sentence vectors in this .npz between runs (default: CLAIMS.vectors.npz from batch).",
        ),
    ] = None,
) -> None:
    """Link claims across sources into events; judge corroboration and contradiction."""
    with user_errors():
        from claimx.errors import UsageError
        from claimx.resolve import resolve_claims
        from claimx.resolve.disputes import format_disputes
        from claimx.resolve.io import (
            EXTRA_FORMATS,
            read_claims_checked,
            write_resolution,
            write_run_manifest,
        )
        from claimx.resolve.pipeline import paused_gc
        from claimx.resolve.sources import SOURCE_FIELDS, format_source_table, source_table

        bad = [f for f in fmt or () if f not in EXTRA_FORMATS]
        if bad:
            raise UsageError(f"unknown --format {bad[0]!r} (use csv or parquet; jsonl is always written)")
        if out.exists() and not out.is_dir():
            raise UsageError(f"--out {out} is a file (give a folder for events.jsonl and relations.jsonl)")
        require_path(claims, "claims file")
        with paused_gc():  # reading, the gazetteer and resolving all make many small objects
            records = read_claims_checked(claims)
            enc = sentence_encoder(no_embeddings, encoder, embedding_cache, claims)
            res = resolve_claims(records, enc, knowledge=_knowledge())
            enc.save_cache()
            shared = {cid for e in res.events if len(e.doc_ids) > 1 for cid in e.claim_ids}
            rows = source_table(res.claims, res.relations, shared, res.disputes)
        write_resolution(
            res.events,
            res.relations,
            out,
            disputes=res.disputes,
            formats=fmt or (),
            source_records=[r.to_record() for r in rows],
            source_fields=SOURCE_FIELDS,
        )
        write_run_manifest(out, claims)
        s = res.stats
        print(
            f"claimx: {s.claims} claims ({s.event_claims} about conflict events) -> {s.events} events, "
            f"{s.multi_outlet_events} reported by 2+ outlets; {s.disputes} disputes on {s.disputed_events} "
            f"events ({s.contradictions} contradictions), {s.corroborations} corroborations; "
            f"{s.seconds:.1f}s; "
            f"wrote {out}/events.jsonl, {out}/relations.jsonl, {out}/disputes.jsonl, {out}/sources.csv",
            file=sys.stderr,
        )
        if sources:
            sys.stdout.write(format_source_table(rows))
        if show_disputes:
            sys.stdout.write(format_disputes(res.disputes, res.events))


@evaluate_app.command("relations")
def evaluate_relations(
    *,
    gold: Annotated[
        Path, typer.Argument(help="Gold pairs: a .jsonl file or a folder (corpus/gold/relations).")
    ],
    claims: ClaimsOption,
    resolved: ResolvedOption = None,
    no_embeddings: NoEmbeddingsOption = False,
    as_json: JsonOption = False,
) -> None:
    """Score event linking (pair P/R/F1) and judgement (kind and slot accuracy) against gold pairs."""
    with user_errors():
        from claimx.resolve.evaluate import read_gold, score_relations

        pairs = read_gold(require_path(gold, "gold path"))
        records, res = claims_and_resolution(claims, resolved, no_embeddings)
        docs = {c.claim_id: c.doc_id for c in records}
        print_scores(
            score_relations(pairs, docs, [e.claim_ids for e in res.events], list(res.relations)), as_json
        )


@evaluate_app.command("disputes")
def evaluate_disputes(
    *,
    gold: Annotated[
        Path,
        typer.Argument(help="Dispute gold: a .jsonl file or a folder (corpus/gold/relations/disputes)."),
    ],
    claims: ClaimsOption,
    resolved: ResolvedOption = None,
    no_embeddings: NoEmbeddingsOption = False,
    touching: Annotated[
        bool,
        typer.Option(
            "--touching", help="Also score disputes with one position in a gold article (stricter)."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Score disputes (precision and recall per event and slot) against dispute-level gold."""
    with user_errors():
        from claimx.resolve.dispute_gold import read_dispute_gold, score_disputes

        incidents = read_dispute_gold(require_path(gold, "gold path"))
        records, res = claims_and_resolution(claims, resolved, no_embeddings)
        docs = {c.claim_id: c.doc_id for c in records}
        print_scores(score_disputes(incidents, list(res.disputes), docs, touching=touching), as_json)
