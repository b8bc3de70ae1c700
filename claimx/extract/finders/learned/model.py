"""The network: a MiniLM (BERT) encoder with LoRA adapters, an action tagger and an argument tagger.

One encoder pass per window. The action head tags each token with BIO over action types. The
argument head scores every token of the window against one trigger: the features are
``[h_tok, h_trig, h_tok * h_trig, type(trigger), token distance bucket, sentence distance]``
(``h_trig`` the mean of the trigger's token states) and the output is BIO over roles. So any
number of triggers cost one encoder pass plus a small MLP each.

Only the adapters and heads are saved (:meth:`ExtractorNet.trainable_state`); the base encoder
comes from the pip-installed MiniLM at load time.

Example:
    >>> cfg = NetConfig(action_types=("air_strike",), roles=("actor",), hidden_size=8)
    >>> cfg.action_labels, cfg.role_labels
    (('O', 'B-air_strike', 'I-air_strike'), ('O', 'B-actor', 'I-actor'))
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import torch
from torch import nn

from claimx.extract.finders.learned.align import bio_names
from claimx.extract.finders.learned.lora import DEFAULT_TARGETS, inject_lora, is_adapter_key, saved_key

MAX_SENT_DISTANCE = 3
ARG_REACH: int | None = 1
"""Sentences either side of a trigger whose tokens can be its arguments (chosen on Syria dev:
argument F1 0.516 with all of the window, 0.521 with 1, 0.510 with 0)."""


@dataclass(frozen=True, slots=True)
class NetConfig:
    """Shape of the heads and adapters; saved as ``config.json`` beside the weights."""

    action_types: tuple[str, ...]
    roles: tuple[str, ...]
    hidden_size: int
    max_length: int = 192
    lora_r: int = 8
    lora_alpha: float = 16.0
    lora_targets: tuple[str, ...] = DEFAULT_TARGETS
    lora_layers: int = 0
    """Adapt only the top ``lora_layers`` encoder layers (0: all); the ones below stay frozen."""
    arg_hidden: int = 256
    type_dim: int = 32
    dist_dim: int = 32
    dropout: float = 0.1
    action_threshold: float = 0.5
    arg_threshold: float = 0.5
    trigger_words: tuple[str, ...] = ()
    encoder_fingerprint: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def action_labels(self) -> tuple[str, ...]:
        """BIO tag names of the action tagger."""
        return bio_names(self.action_types)

    @property
    def role_labels(self) -> tuple[str, ...]:
        """BIO tag names of the argument tagger."""
        return bio_names(self.roles)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> NetConfig:
        """Read a config written by :meth:`to_json` (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        kw = {k: (tuple(v) if isinstance(v, list) else v) for k, v in obj.items() if k in known}
        return cls(**kw)

    def save(self, path: Path) -> None:
        """Write as indented JSON."""
        path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def distance_buckets(max_length: int) -> torch.Tensor:
    """Bucket ids for signed token distances ``-L..L`` (index ``d + L``): log-spaced, signed.

    >>> b = distance_buckets(8)
    >>> [int(b[d + 8]) for d in (-5, -1, 0, 1, 2, 5)]
    [5, 8, 9, 10, 11, 13]
    """
    d = torch.arange(-max_length, max_length + 1)
    mag = torch.where(d.abs() < 3, d.abs(), 2 + torch.log2(d.abs().clamp(min=1).float()).floor().long())
    mag = mag.clamp(max=9)
    return torch.where(d < 0, 9 - mag, 9 + mag)


def _n_buckets() -> int:
    return 19


class ExtractorNet(nn.Module):
    """Encoder + action tagger + trigger-conditioned argument tagger."""

    def __init__(self, encoder: nn.Module, config: NetConfig, with_lora: bool = True) -> None:
        super().__init__()
        self.config = config
        self.encoder = encoder
        n_layers = len(self.encoder.encoder.layer)
        self.n_frozen = max(0, n_layers - config.lora_layers) if config.lora_layers else 0
        if with_lora:
            for p in self.encoder.parameters():
                p.requires_grad_(False)
            within = tuple(f"encoder.layer.{i}." for i in range(self.n_frozen, n_layers))
            inject_lora(
                self.encoder, config.lora_targets, r=config.lora_r, alpha=config.lora_alpha, within=within
            )
        h = config.hidden_size
        self.dropout = nn.Dropout(config.dropout)
        self.action_head = nn.Linear(h, len(config.action_labels))
        self.type_emb = nn.Embedding(len(config.action_types), config.type_dim)
        self.dist_emb = nn.Embedding(_n_buckets(), config.dist_dim)
        self.sent_emb = nn.Embedding(2 * MAX_SENT_DISTANCE + 1, config.dist_dim)
        self.arg_mlp = nn.Sequential(
            nn.Linear(3 * h + config.type_dim + 2 * config.dist_dim, config.arg_hidden),
            nn.GELU(),
            nn.Dropout(config.dropout),
            nn.Linear(config.arg_hidden, len(config.role_labels)),
        )
        self.register_buffer("buckets", distance_buckets(config.max_length), persistent=False)
        self.arg_reach: int | None = ARG_REACH
        """At inference, score arguments only this many sentences either side of the trigger
        (None: all of the window's; the model sees sentence distances up to ``MAX_SENT_DISTANCE``)."""

    def encode(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Token states ``(batch, length, hidden)``, in float32 whatever the encoder's precision."""
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state.float()

    def encode_frozen(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """States after the embeddings and the frozen bottom layers (no gradient; cacheable in training)."""
        with torch.no_grad():
            hidden = self.encoder.embeddings(input_ids=input_ids)
            return self._run_layers(hidden, attention_mask, 0, self.n_frozen)

    def encode_adapted(self, frozen: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Final token states from :meth:`encode_frozen`'s output, through the adapted top layers."""
        return self._run_layers(frozen, attention_mask, self.n_frozen, len(self.encoder.encoder.layer))

    def _run_layers(
        self, hidden: torch.Tensor, attention_mask: torch.Tensor, start: int, end: int
    ) -> torch.Tensor:
        from transformers.masking_utils import create_bidirectional_mask

        mask = create_bidirectional_mask(
            config=self.encoder.config, inputs_embeds=hidden, attention_mask=attention_mask
        )
        for layer in self.encoder.encoder.layer[start:end]:
            out = layer(hidden, mask)
            hidden = out[0] if isinstance(out, tuple) else out
        return hidden

    def action_logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """Action BIO logits ``(batch, length, n_action_labels)``."""
        return self.action_head(self.dropout(hidden))

    def arg_logits(
        self,
        hidden: torch.Tensor,
        sentence_ids: torch.Tensor,
        *,
        window: torch.Tensor,
        trig_start: torch.Tensor,
        trig_end: torch.Tensor,
        type_ids: torch.Tensor,
    ) -> torch.Tensor:
        """Role BIO logits ``(n_triggers, length, n_role_labels)`` of each trigger's window.

        ``window[k]`` is the batch row of trigger ``k``, whose tokens are ``trig_start[k]`` up to
        ``trig_end[k]`` (exclusive); ``sentence_ids`` is ``(batch, length)``.
        """
        h = self.dropout(hidden[window])  # (K, T, H)
        h_trig, dist_b, sent_d = self._trigger_features(h, sentence_ids[window], trig_start, trig_end)
        if not self.training:
            return self._arg_logits_blockwise(hidden, window, h, h_trig, type_ids, dist_b, sent_d)
        length = h.shape[1]
        h_trig = h_trig.unsqueeze(1).expand_as(h)
        feats = torch.cat(
            [
                h,
                h_trig,
                h * h_trig,
                self.type_emb(type_ids).unsqueeze(1).expand(-1, length, -1),
                self.dist_emb(dist_b),
                self.sent_emb(sent_d),
            ],
            dim=-1,
        )
        return self.arg_mlp(feats)

    def _trigger_features(
        self, h: torch.Tensor, sents: torch.Tensor, trig_start: torch.Tensor, trig_end: torch.Tensor
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Per trigger: mean trigger state ``(K, H)``; per (trigger, token): distance and sentence buckets."""
        pos = torch.arange(h.shape[1], device=h.device).unsqueeze(0)
        in_trig = (pos >= trig_start.unsqueeze(1)) & (pos < trig_end.unsqueeze(1))
        h_trig = (h * in_trig.unsqueeze(-1)).sum(1) / in_trig.sum(1, keepdim=True).clamp(min=1)
        dist = torch.where(
            pos < trig_start.unsqueeze(1),
            pos - trig_start.unsqueeze(1),
            torch.where(pos >= trig_end.unsqueeze(1), pos - trig_end.unsqueeze(1) + 1, torch.zeros_like(pos)),
        )
        max_len = (self.buckets.shape[0] - 1) // 2
        dist_b = self.buckets[dist.clamp(-max_len, max_len) + max_len]
        trig_sent = sents.gather(1, trig_start.unsqueeze(1))
        sent_d = (sents - trig_sent).clamp(-MAX_SENT_DISTANCE, MAX_SENT_DISTANCE) + MAX_SENT_DISTANCE
        return h_trig, dist_b, sent_d

    def _arg_logits_blockwise(
        self,
        hidden: torch.Tensor,
        window: torch.Tensor,
        h: torch.Tensor,
        h_trig: torch.Tensor,
        type_ids: torch.Tensor,
        dist_b: torch.Tensor,
        sent_d: torch.Tensor,
    ) -> torch.Tensor:
        """The same logits as the concatenation, with the first layer applied block by block (inference).

        The token-only block is projected once per window row, the trigger-only blocks once per
        trigger and the embeddings once per table entry; only ``h * h_trig`` is projected per
        (trigger, token) pair: about a third of the work of projecting the whole concatenation.
        Pairs more than :attr:`arg_reach` sentences from the trigger are not scored at all: they
        get a certain ``O``.
        """
        first = self.arg_mlp[0]
        hs, td, dd = h.shape[-1], self.type_emb.embedding_dim, self.dist_emb.embedding_dim
        w_tok, w_trig, w_prod, w_type, w_dist, w_sent = first.weight.split((hs, hs, hs, td, dd, dd), dim=1)
        per_trigger = h_trig @ w_trig.T + self.type_emb.weight[type_ids] @ w_type.T + first.bias  # (K, A)
        reach = MAX_SENT_DISTANCE if self.arg_reach is None else self.arg_reach
        ks, ts = ((sent_d - MAX_SENT_DISTANCE).abs() <= reach).nonzero(as_tuple=True)
        pre = (
            (hidden @ w_tok.T)[window[ks], ts]  # once per token of a window row, not per pair
            + (h[ks, ts] * h_trig[ks]) @ w_prod.T
            + per_trigger[ks]
            + (self.dist_emb.weight @ w_dist.T)[dist_b[ks, ts]]
            + (self.sent_emb.weight @ w_sent.T)[sent_d[ks, ts]]
        )
        n_roles = self.arg_mlp[-1].out_features
        out = torch.full((*h.shape[:2], n_roles), -1e4, dtype=pre.dtype, device=pre.device)
        out[..., 0] = 0.0
        out[ks, ts] = self.arg_mlp[1:](pre)
        return out

    def trainable_state(self) -> dict[str, torch.Tensor]:
        """What gets saved: adapters and heads, never the base encoder weights."""
        return {
            saved_key(k): v.detach().cpu().contiguous()
            for k, v in self.state_dict().items()
            if not k.startswith("encoder.") or is_adapter_key(k)
        }


def encoder_fingerprint(encoder: nn.Module) -> str:
    """A short hash of the encoder's word embeddings, to check a model meets the encoder it was trained on."""
    import hashlib

    emb = encoder.get_input_embeddings().weight.detach()[:64].to(torch.float32).cpu().numpy()
    return hashlib.sha256(emb.round(4).tobytes()).hexdigest()[:16]
