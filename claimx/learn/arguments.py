"""The arguments of a training run: one frozen dataclass whose field help texts ``claimx train --help`` shows.

Example:
    >>> args = TrainingArguments(out_dir=Path("/tmp/m"), epochs=2)
    >>> args.epochs, args.seed
    (2, 13)
    >>> TrainingArguments(out_dir=Path("/tmp/m"), lr=0)
    Traceback (most recent call last):
    ...
    claimx.errors.UsageError: lr must be > 0 (got 0)
    >>> help_text("lora_r")
    'LoRA rank.'
"""

from __future__ import annotations

from dataclasses import MISSING, asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from claimx.errors import UsageError


@dataclass(frozen=True, slots=True)
class TrainingArguments:
    """Everything a training run depends on (``claimx train --help`` shows the same help texts)."""

    out_dir: Path = field(metadata={"help": "folder to write the trained model to"})
    encoder_path: Path | None = field(
        default=None, metadata={"help": "base encoder folder (default: MiniLM)"}
    )
    epochs: int = field(default=10, metadata={"help": "maximum passes over the training data"})
    batch_size: int = field(default=8, metadata={"help": "windows per optimisation step"})
    lr: float = field(default=1e-3, metadata={"help": "peak learning rate of the adapters"})
    head_lr: float = field(default=2e-3, metadata={"help": "peak learning rate of the heads"})
    weight_decay: float = field(default=0.01, metadata={"help": "AdamW weight decay"})
    warmup: float = field(default=0.1, metadata={"help": "fraction of steps with linear warm-up"})
    max_length: int = field(default=192, metadata={"help": "word pieces per window (whole sentences)"})
    lora_r: int = field(default=8, metadata={"help": "LoRA rank"})
    lora_alpha: float = field(default=16.0, metadata={"help": "LoRA scale numerator (scale = alpha / r)"})
    lora_layers: int = field(
        default=0,
        metadata={"help": "adapt the top N encoder layers (0: all); lower ones are cached, so faster"},
    )
    dropout: float = field(default=0.1, metadata={"help": "dropout in the heads"})
    o_weight: float = field(
        default=0.5, metadata={"help": "loss weight of the argument tagger's O tag (below 1 favours recall)"}
    )
    action_o_weight: float = field(
        default=0.2, metadata={"help": "loss weight of the action tagger's O tag (triggers are rare)"}
    )
    full_repeat: int = field(
        default=2,
        metadata={"help": "times each fully annotated document is seen per epoch (vs RAMS's one-trigger)"},
    )
    empty_fraction: float = field(
        default=0.3,
        metadata={"help": "share of partially annotated documents with no action to train on (RAMS)"},
    )
    patience: int = field(default=3, metadata={"help": "epochs without dev improvement before stopping"})
    seed: int = field(
        default=13,
        metadata={
            "help": "random seed (data order, initialisation, dropout); same data, seed and machine "
            "give the same model"
        },
    )
    device: str = field(default="auto", metadata={"help": "auto (GPU when there is one), cpu or cuda"})
    threads: int = field(default=0, metadata={"help": "CPU threads for torch (0: torch's default)"})
    max_minutes: float = field(default=0.0, metadata={"help": "stop after this many minutes (0: no limit)"})

    def __post_init__(self) -> None:
        checks = [
            ("epochs", self.epochs >= 1, ">= 1"),
            ("batch_size", self.batch_size >= 1, ">= 1"),
            ("lr", self.lr > 0, "> 0"),
            ("head_lr", self.head_lr > 0, "> 0"),
            ("warmup", 0 <= self.warmup < 1, "in [0, 1)"),
            ("max_length", 16 <= self.max_length <= 512, "in [16, 512]"),
            ("lora_r", self.lora_r >= 1, ">= 1"),
            ("lora_layers", self.lora_layers >= 0, ">= 0"),
            ("dropout", 0 <= self.dropout < 1, "in [0, 1)"),
            ("o_weight", self.o_weight > 0, "> 0"),
            ("action_o_weight", self.action_o_weight > 0, "> 0"),
            ("empty_fraction", 0 <= self.empty_fraction <= 1, "in [0, 1]"),
            ("full_repeat", self.full_repeat >= 1, ">= 1"),
            ("patience", self.patience >= 1, ">= 1"),
            ("threads", self.threads >= 0, ">= 0"),
            ("max_minutes", self.max_minutes >= 0, ">= 0"),
        ]
        for name, ok, rule in checks:
            if not ok:
                raise UsageError(f"{name} must be {rule} (got {getattr(self, name)})")
        if self.device not in {"auto", "cpu", "cuda"}:
            raise UsageError(f"device must be auto, cpu or cuda (got {self.device})")

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (paths as strings)."""
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}


def help_text(name: str) -> str:
    """The help text of field ``name``, as a sentence (for the CLI)."""
    text = next(f.metadata["help"] for f in fields(TrainingArguments) if f.name == name)
    return text[:1].upper() + text[1:] + "."


def default(name: str) -> Any:
    """The default of field ``name`` (for the CLI)."""
    value = next(f.default for f in fields(TrainingArguments) if f.name == name)
    if value is MISSING:
        raise ValueError(f"{name} has no default")
    return value
