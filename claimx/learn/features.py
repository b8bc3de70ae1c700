"""Labelled documents -> training examples (windows with action tags and per-trigger role tags) -> tensors.

Partial annotation is handled here, in the labels:

- ``partial_actions`` documents (RAMS: one trigger per document): tokens of words that look like
  triggers (``trigger_pattern`` of :mod:`claimx.extract.finders.learned.triggers`) but are not
  annotated get no action loss, since they may be unannotated events; all other tokens are
  trained as ``O``.
- documents whose ``slots`` leave out a role (RAMS has no ``date``): that role's tags are removed
  from the softmax for their triggers (:attr:`TriggerTarget.allowed`), so they are neither taught
  as present nor as absent.

Example:
    >>> training_trigger_words([LabelledDoc(id="a", text="Jets hit Homs.")])
    ()
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from claimx.extract.finders.learned.align import IGNORE, Window, bio_names, bio_tags, build_windows
from claimx.learn.labelled import LabelledDoc


def training_trigger_words(docs: Iterable[LabelledDoc]) -> tuple[str, ...]:
    """Lower-cased trigger texts of the documents (added to the prefilter's stems)."""
    return tuple(
        sorted({a.text.lower().strip() for d in docs for a in d.actions if len(a.text.strip()) >= 3})
    )


@dataclass(frozen=True, slots=True)
class TriggerTarget:
    """One gold trigger of a window: its tokens, type, role tags and the role tags allowed in the loss."""

    tok_start: int
    tok_end: int
    type_id: int
    role_tags: tuple[int, ...]
    allowed: tuple[bool, ...]


@dataclass(frozen=True, slots=True)
class Example:
    """A window with its action tags and gold triggers."""

    window: Window
    action_tags: tuple[int, ...]
    triggers: tuple[TriggerTarget, ...]


def _overlapping(offsets: Sequence[tuple[int, int]], start: int, end: int) -> list[int]:
    return [i for i, (s, e) in enumerate(offsets) if s >= 0 and s < end and e > start]


def doc_examples(
    doc: LabelledDoc,
    tokenizer: Any,
    sentences: Sequence[tuple[int, int]],
    *,
    action_types: Sequence[str],
    roles: Sequence[str],
    max_length: int,
    pattern: re.Pattern[str],
) -> list[Example]:
    """The training examples of one labelled document (one per window)."""
    action_names, role_names = bio_names(action_types), bio_names(roles)
    allowed = tuple(n == "O" or doc.annotates(n[2:]) for n in role_names)
    unsure = [m.span() for m in pattern.finditer(doc.text)] if doc.partial_actions else []
    actions = [a for a in doc.actions if a.type in action_types]
    examples = []
    for window in build_windows(tokenizer, doc.text, sentences, max_length):
        offsets = window.offsets
        in_window = [(a, _overlapping(offsets, a.start, a.end)) for a in actions]
        in_window = [(a, toks) for a, toks in in_window if toks]
        tags = bio_tags(offsets, [(a.start, a.end, a.type) for a, _ in in_window], action_names)
        for s, e in unsure:
            for i in _overlapping(offsets, s, e):
                if tags[i] == 0:
                    tags[i] = IGNORE
        triggers = tuple(
            TriggerTarget(
                tok_start=toks[0],
                tok_end=toks[-1] + 1,
                type_id=list(action_types).index(a.type),
                role_tags=tuple(bio_tags(offsets, [(g.start, g.end, g.role) for g in a.args], role_names)),
                allowed=allowed,
            )
            for a, toks in in_window
        )
        examples.append(Example(window, tuple(tags), triggers))
    return examples


def collate(examples: Sequence[Example], pad_id: int = 0) -> dict[str, Any]:
    """Pad a batch of examples into tensors for :class:`claimx.extract.finders.learned.model.ExtractorNet`."""
    import torch

    length = max(len(ex.window.input_ids) for ex in examples)
    n = len(examples)
    input_ids = torch.full((n, length), pad_id, dtype=torch.long)
    mask = torch.zeros((n, length), dtype=torch.long)
    sent = torch.full((n, length), -1, dtype=torch.long)
    action_tags = torch.full((n, length), IGNORE, dtype=torch.long)
    window, t_start, t_end, types, role_tags, allowed = [], [], [], [], [], []
    for b, ex in enumerate(examples):
        k = len(ex.window.input_ids)
        input_ids[b, :k] = torch.tensor(ex.window.input_ids)
        mask[b, :k] = 1
        sent[b, :k] = torch.tensor(ex.window.sentence_ids)
        action_tags[b, :k] = torch.tensor(ex.action_tags)
        for t in ex.triggers:
            window.append(b)
            t_start.append(t.tok_start)
            t_end.append(t.tok_end)
            types.append(t.type_id)
            row = torch.full((length,), IGNORE, dtype=torch.long)
            row[:k] = torch.tensor(t.role_tags)
            role_tags.append(row)
            allowed.append(torch.tensor(t.allowed))
    n_roles = next((len(t.allowed) for ex in examples for t in ex.triggers), 1)
    return {
        "input_ids": input_ids,
        "attention_mask": mask,
        "sentence_ids": sent,
        "action_tags": action_tags,
        "window": torch.tensor(window, dtype=torch.long),
        "trig_start": torch.tensor(t_start, dtype=torch.long),
        "trig_end": torch.tensor(t_end, dtype=torch.long),
        "type_ids": torch.tensor(types, dtype=torch.long),
        "role_tags": torch.stack(role_tags) if role_tags else torch.zeros((0, length), dtype=torch.long),
        "allowed": torch.stack(allowed) if allowed else torch.zeros((0, n_roles), dtype=torch.bool),
    }
