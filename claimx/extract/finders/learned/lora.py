"""LoRA adapters (Hu et al. 2021) for the encoder's Linear layers, written out in a few lines.

A wrapped layer computes ``W x + b + (alpha / r) * B A x`` with ``W``, ``b`` frozen and the
low-rank ``A`` (r x in), ``B`` (out x r) trained; ``B`` starts at zero, so training starts
from the pretrained encoder. :func:`merge_lora` folds ``B A`` into ``W`` for inference, which
leaves a plain encoder (that can then be quantised).

Example:
    >>> import torch
    >>> net = torch.nn.Sequential(torch.nn.Linear(4, 4))
    >>> inject_lora(net, targets=("0",), r=2, alpha=4.0)
    1
    >>> sorted(lora_state_dict(net))
    ['0.lora_a', '0.lora_b']
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch
from torch import nn

DEFAULT_TARGETS: tuple[str, ...] = (
    "attention.self.query",
    "attention.self.key",
    "attention.self.value",
    "attention.output.dense",
    "intermediate.dense",
    "output.dense",
)
"""Module-path suffixes of a BERT layer's Linear layers that get adapters."""


class LoRALinear(nn.Module):
    """A frozen Linear layer plus a trainable low-rank update."""

    def __init__(self, base: nn.Linear, r: int, alpha: float, dropout: float = 0.0) -> None:
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)
        self.scale = alpha / r
        self.lora_a = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Base output plus the scaled low-rank update."""
        return self.base(x) + (self.dropout(x) @ self.lora_a.T @ self.lora_b.T) * self.scale

    def merged(self) -> nn.Linear:
        """A plain Linear layer with the update folded into its weight."""
        out = nn.Linear(self.base.in_features, self.base.out_features, bias=self.base.bias is not None)
        with torch.no_grad():
            out.weight.copy_(self.base.weight + (self.lora_b @ self.lora_a) * self.scale)
            if self.base.bias is not None:
                out.bias.copy_(self.base.bias)
        return out


def _replace(root: nn.Module, path: str, new: nn.Module) -> None:
    parent_path, _, name = path.rpartition(".")
    parent = root.get_submodule(parent_path) if parent_path else root
    setattr(parent, name, new)


def inject_lora(
    model: nn.Module,
    targets: Sequence[str] = DEFAULT_TARGETS,
    *,
    r: int = 8,
    alpha: float = 16.0,
    dropout: float = 0.0,
    within: Sequence[str] = ("",),
) -> int:
    """Wrap every Linear whose module path ends with one of ``targets``; returns how many.

    ``within``: only modules whose path starts with one of these prefixes (default: all).
    """
    hits = [
        name
        for name, mod in model.named_modules()
        if isinstance(mod, nn.Linear)
        and any(name == t or name.endswith("." + t) for t in targets)
        and any(name.startswith(w) for w in within)
    ]
    for name in hits:
        _replace(model, name, LoRALinear(model.get_submodule(name), r=r, alpha=alpha, dropout=dropout))
    return len(hits)


def merge_lora(model: nn.Module) -> int:
    """Fold every adapter into its Linear layer (for inference); returns how many."""
    hits = [name for name, mod in model.named_modules() if isinstance(mod, LoRALinear)]
    for name in hits:
        _replace(model, name, model.get_submodule(name).merged())
    return len(hits)


def lora_state_dict(model: nn.Module) -> dict[str, torch.Tensor]:
    """Only the adapter tensors (``*.lora_a``, ``*.lora_b``) of ``model``."""
    return {k: v for k, v in model.state_dict().items() if k.endswith((".lora_a", ".lora_b"))}
