"""LoRA adapters (Hu et al. 2021) for the encoder's Linear layers, through ``peft``.

A wrapped layer computes ``W x + b + (alpha / r) * B A x`` with ``W``, ``b`` frozen and the
low-rank ``A`` (r x in), ``B`` (out x r) trained; ``B`` starts at zero, so training starts
from the pretrained encoder. For inference :func:`merge_saved` folds a saved folder's ``B A``
into ``W`` of the plain encoder (:mod:`claimx.encoder`) without importing peft, which leaves a
plain encoder (that can then be quantised); :func:`merge_lora` does the same to a peft-injected
model in memory (peft's own merge, the reference ``merge_saved`` is tested against).

Saved model folders name the adapters ``<module>.lora_a`` / ``<module>.lora_b`` (the format
claimx had before it used peft); :func:`saved_key` and :func:`peft_key` map between those
names and peft's ``<module>.lora_A.default.weight``.

Example:
    >>> import torch
    >>> net = torch.nn.Sequential(torch.nn.Linear(4, 4))
    >>> inject_lora(net, targets=("0",), r=2, alpha=4.0)
    1
    >>> sorted(lora_state_dict(net))
    ['0.lora_a', '0.lora_b']
    >>> peft_key("0.lora_a"), saved_key("0.lora_B.default.weight")
    ('0.lora_A.default.weight', '0.lora_b')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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

ADAPTER = "default"
"""peft's name for claimx's one adapter."""

_SAVED_TO_PEFT: tuple[tuple[str, str], ...] = (
    (".lora_a", f".lora_A.{ADAPTER}.weight"),
    (".lora_b", f".lora_B.{ADAPTER}.weight"),
)


def saved_key(key: str) -> str:
    """A state-dict key as claimx saves it: peft's ``X.lora_A.default.weight`` -> ``X.lora_a``."""
    for saved, peft in _SAVED_TO_PEFT:
        if key.endswith(peft):
            return key[: len(key) - len(peft)] + saved
    return key


def peft_key(key: str) -> str:
    """A saved key as peft names it: ``X.lora_a`` -> ``X.lora_A.default.weight``."""
    for saved, peft in _SAVED_TO_PEFT:
        if key.endswith(saved):
            return key[: len(key) - len(saved)] + peft
    return key


def is_adapter_key(key: str) -> bool:
    """Whether a state-dict key (peft's or saved) is an adapter tensor."""
    return key.endswith((".lora_a", ".lora_b")) or any(key.endswith(p) for _, p in _SAVED_TO_PEFT)


def inject_lora(
    model: nn.Module,
    targets: Sequence[str] = DEFAULT_TARGETS,
    *,
    r: int = 8,
    alpha: float = 16.0,
    dropout: float = 0.0,
    within: Sequence[str] = ("",),
) -> int:
    """Add adapters to every Linear whose module path ends with one of ``targets``; returns how many.

    ``within``: only modules whose path starts with one of these prefixes (default: all).
    Only the adapters are trainable afterwards.
    """
    from peft import LoraConfig, inject_adapter_in_model

    hits = adapter_targets(model, targets, within)
    if hits:
        config = LoraConfig(r=r, lora_alpha=alpha, lora_dropout=dropout, target_modules=hits, bias="none")
        inject_adapter_in_model(config, model, adapter_name=ADAPTER)
    return len(hits)


def adapter_targets(model: nn.Module, targets: Sequence[str], within: Sequence[str] = ("",)) -> list[str]:
    """Module paths of the Linear layers :func:`inject_lora` adapts (see there).

    >>> adapter_targets(torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.ReLU()), ("0", "1"))
    ['0']
    """
    return [
        name
        for name, mod in model.named_modules()
        if isinstance(mod, nn.Linear)
        and any(name == t or name.endswith("." + t) for t in targets)
        and any(name.startswith(w) for w in within)
    ]


def merge_saved(
    model: nn.Module, adapters: Mapping[str, torch.Tensor], modules: Sequence[str], scaling: float
) -> list[str]:
    """Fold saved adapters (``<module>.lora_a``, ``<module>.lora_b``) into the Linear ``modules`` of a
    plain ``model``, as :func:`merge_lora` (peft) does: ``W += (B @ A) * scaling``. No peft needed.

    Returns the keys that do not fit (an adapter missing for one of ``modules``, or one for another
    module); nothing is merged then.

    >>> lin = torch.nn.Linear(2, 2, bias=False)
    >>> w = lin.weight.clone()
    >>> merge_saved(lin, {"lora_a": torch.ones(1, 2), "lora_b": torch.ones(2, 1)}, [""], 0.5)
    []
    >>> bool(torch.equal(lin.weight, w + 0.5))
    True
    """
    prefix = {name: f"{name}." if name else "" for name in modules}
    wanted = {f"{prefix[m]}{part}" for m in modules for part in ("lora_a", "lora_b")}
    bad = sorted(wanted.symmetric_difference(adapters))
    if bad:
        return bad
    with torch.no_grad():
        for name in modules:
            layer = model.get_submodule(name)
            a, b = adapters[f"{prefix[name]}lora_a"], adapters[f"{prefix[name]}lora_b"]
            layer.weight.data += (b @ a) * scaling
    return []


def _replace(root: nn.Module, path: str, new: nn.Module) -> None:
    parent_path, _, name = path.rpartition(".")
    parent = root.get_submodule(parent_path) if parent_path else root
    setattr(parent, name, new)


def merge_lora(model: nn.Module) -> int:
    """Fold every adapter into its Linear layer (for inference), leaving plain Linears; returns how many."""
    from peft.tuners.lora import LoraLayer

    hits = [name for name, mod in model.named_modules() if isinstance(mod, LoraLayer)]
    for name in hits:
        layer = model.get_submodule(name)
        layer.merge()
        _replace(model, name, layer.get_base_layer())
    return len(hits)


def lora_state_dict(model: nn.Module) -> dict[str, torch.Tensor]:
    """Only the adapter tensors of ``model``, under their saved names (``*.lora_a``, ``*.lora_b``)."""
    return {saved_key(k): v for k, v in model.state_dict().items() if is_adapter_key(k)}
