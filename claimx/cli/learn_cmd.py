"""``claimx train``, ``claimx evaluate extraction`` and ``claimx convert``: the learned extractor's commands.

Example:
    $ claimx train ../shared/data/rams/dev.jsonlines corpus/gold/syria/train.jsonl \\
        --dev corpus/gold/syria/dev.jsonl --out models/extractor
    $ claimx evaluate extraction corpus/gold/syria/test.jsonl --model models/extractor
    $ claimx evaluate extraction ../shared/data/rams/dev.jsonlines --split test --rules-only
    $ claimx evaluate geo corpus/gold/world/world.jsonl --rules-only
    $ claimx convert export.json --out labelled.jsonl
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from claimx.cli import app, evaluate_app
from claimx.cli.common import RegionOption, extraction_settings, require_path, user_errors
from claimx.errors import UsageError
from claimx.learn.arguments import default, help_text


def _option(name: str) -> Any:
    """A ``typer.Option`` whose help is that of :class:`TrainingArguments`' field ``name`` (one home)."""
    return typer.Option(help=help_text(name))


_INPUTS_HELP = "Labelled JSONL, RAMS .jsonlines, Label Studio JSON export or doccano JSONL."


@app.command()
def train(
    inputs: Annotated[
        list[Path], typer.Argument(help=_INPUTS_HELP + " Documents of split 'train' (or none).")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Model folder to write (e.g. models/extractor).")],
    dev: Annotated[
        list[Path] | None,
        typer.Option(help="Dev file(s) for early stopping (default: the inputs' split 'dev' documents)."),
    ] = None,
    epochs: Annotated[int, _option("epochs")] = default("epochs"),
    batch_size: Annotated[int, _option("batch_size")] = default("batch_size"),
    lr: Annotated[float, _option("lr")] = default("lr"),
    head_lr: Annotated[float, _option("head_lr")] = default("head_lr"),
    max_length: Annotated[int, _option("max_length")] = default("max_length"),
    lora_r: Annotated[int, _option("lora_r")] = default("lora_r"),
    lora_layers: Annotated[int, _option("lora_layers")] = default("lora_layers"),
    patience: Annotated[int, _option("patience")] = default("patience"),
    seed: Annotated[int, _option("seed")] = default("seed"),
    device: Annotated[str, _option("device")] = default("device"),
    threads: Annotated[int, _option("threads")] = default("threads"),
    max_minutes: Annotated[float, _option("max_minutes")] = default("max_minutes"),
    encoder: Annotated[
        Path | None, typer.Option(help="Base encoder folder (default: CLAIMX_ENCODER or the pip MiniLM).")
    ] = None,
    spacy_model: Annotated[str | None, typer.Option(help="spaCy pipeline for sentence splitting.")] = None,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
) -> None:
    """Train the learned extractor (action and argument models) on labelled data."""
    with user_errors():
        for p in [*inputs, *(dev or [])]:
            require_path(p, "file")
        from claimx.learn.arguments import TrainingArguments
        from claimx.learn.sources import load_many
        from claimx.learn.train import spacy_splitter
        from claimx.learn.train import train as run_train
        from claimx.settings import Settings

        settings = Settings.from_env().with_overrides(encoder_path=encoder, spacy_model=spacy_model)
        args = TrainingArguments(
            out_dir=out,
            encoder_path=settings.resolved_encoder_path(),
            epochs=epochs,
            batch_size=batch_size,
            lr=lr,
            head_lr=head_lr,
            max_length=max_length,
            lora_r=lora_r,
            lora_layers=lora_layers,
            patience=patience,
            seed=seed,
            device=device,
            threads=threads,
            max_minutes=max_minutes,
        )
        train_docs = load_many(inputs, split="train")
        dev_docs = load_many(dev, split=None) if dev else load_many(inputs, split="dev")
        dev_docs = [d for d in dev_docs if d.split in (None, "dev")]
        if not train_docs:
            raise UsageError("no training documents in the inputs (need split 'train' or no split)")
        typer.echo(f"training on {len(train_docs)} documents, dev {len(dev_docs)}", err=True)
        result = run_train(
            args, train_docs, dev_docs, splitter=spacy_splitter(settings.spacy_model), progress=progress
        )
        if result.dev_report is not None:
            typer.echo(result.dev_report.render(), err=True)
        typer.echo(
            f"wrote {result.out_dir} (best epoch {result.best_epoch} of {result.epochs_run})", err=True
        )


@evaluate_app.command("extraction")
def evaluate_extraction(
    gold: Annotated[list[Path], typer.Argument(help=_INPUTS_HELP)],
    model: Annotated[Path | None, typer.Option(help="A model folder written by `claimx train`.")] = None,
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Evaluate the rules instead of a model.")
    ] = False,
    split: Annotated[
        str | None, typer.Option(help="Only documents of this split (train, dev, test); default all.")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores as JSON here.")
    ] = None,
    region: RegionOption = None,
) -> None:
    """Precision / recall / F1 per slot and role, exact and lenient span match.

    Without --model or --rules-only the default extractor is scored (models/extractor, else the rules).
    """
    with user_errors():
        for p in gold:
            require_path(p, "file")
        if model is not None and rules_only:
            raise UsageError("give either --model or --rules-only, not both")
        if split is not None and split not in ("train", "dev", "test"):
            raise UsageError(f"unknown split {split!r} (use train, dev or test)")
        from claimx.learn.evaluate import evaluate
        from claimx.learn.predict import extractor_predictor
        from claimx.learn.sources import load_many

        settings = extraction_settings(region=region)
        docs = load_many(gold, split=split)
        if not docs:
            raise UsageError(
                f"no documents{f' of split {split}' if split else ''} in {', '.join(map(str, gold))}"
            )
        predictor, name = extractor_predictor(model, rules_only=rules_only, settings=settings)
        report = evaluate(docs, predictor, name=name)
        typer.echo(report.render())
        if json_out is not None:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(report.to_json_text() + "\n", encoding="utf-8")


@evaluate_app.command("geo")
def evaluate_geo(
    gold: Annotated[Path, typer.Argument(help="Labelled JSONL whose locations carry 'geo' geocodes.")],
    model: Annotated[Path | None, typer.Option(help="A model folder written by `claimx train`.")] = None,
    rules_only: Annotated[
        bool, typer.Option("--rules-only", help="Evaluate the rules instead of a model.")
    ] = False,
    errors: Annotated[bool, typer.Option("--errors", help="Also list every wrong answer.")] = False,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores as JSON here.")
    ] = None,
    region: RegionOption = None,
) -> None:
    """Place / admin-1 / country accuracy of the claims' locations and actor canonicalisation.

    Rules for what counts: claimx/learn/geo_eval.py. Gold: corpus/gold/world (build it first).
    """
    with user_errors():
        require_path(gold, "file")
        from claimx.learn.geo_eval import evaluate_geo as run
        from claimx.learn.geo_eval import read_geo_gold
        from claimx.learn.predict import extractor_predictor

        gold_set = read_geo_gold(gold)
        settings = extraction_settings(region=region)
        predictor, name = extractor_predictor(model, rules_only=rules_only, settings=settings)
        report = run(gold_set, predictor, name=name)
        typer.echo(report.render(show_errors=errors))
        if json_out is not None:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")


@app.command()
def convert(
    source: Annotated[
        Path, typer.Argument(help="RAMS .jsonlines, Label Studio JSON export or doccano JSONL.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Labelled JSONL file to write.")],
    include_other: Annotated[
        bool, typer.Option(help="RAMS: keep non-conflict events as action type 'other'.")
    ] = False,
) -> None:
    """Convert annotations to claimx's labelled JSONL (docs/LABELLED_FORMAT.md)."""
    with user_errors():
        require_path(source, "file")
        from claimx.learn.labelled import save_labelled
        from claimx.learn.sources import load_documents

        docs = load_documents(source, include_other=include_other)
        save_labelled(docs, out)
        n_actions = sum(len(d.actions) for d in docs)
        typer.echo(f"wrote {len(docs)} documents with {n_actions} actions to {out}", err=True)
