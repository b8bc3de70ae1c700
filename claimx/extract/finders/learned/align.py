"""Sub-word alignment, done once and only here: sentences -> encoder windows, char spans <-> BIO tags.

A *window* is a run of whole consecutive sentences encoded in one pass (a sentence longer than a
window is cut into pieces). Every token keeps its character offsets in the document text, so
labels go from char spans to token BIO tags (:func:`bio_tags`) and predictions come back from
tags to char spans (:func:`bio_spans`) through the same offsets.

Example:
    >>> names = bio_names(("air_strike",))
    >>> names
    ('O', 'B-air_strike', 'I-air_strike')
    >>> offsets = [(-1, -1), (0, 3), (4, 7), (7, 10), (-1, -1)]
    >>> tags = bio_tags(offsets, [(4, 10, "air_strike")], names)
    >>> tags
    [-100, 0, 1, 2, -100]
    >>> bio_spans(tags, offsets, names)
    [(4, 10, 'air_strike', 2, 4)]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

IGNORE = -100
"""Label of tokens that carry no loss (special tokens, masked positions)."""

SPECIAL_OFFSET = (-1, -1)


@dataclass(frozen=True, slots=True)
class Window:
    """Token ids of a run of sentences, with each token's char offsets and sentence index.

    Special tokens ([CLS], [SEP]) have offsets ``(-1, -1)`` and sentence index ``-1``.
    """

    doc_index: int
    input_ids: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]
    sentence_ids: tuple[int, ...]

    @property
    def char_start(self) -> int:
        """Offset of the first real token."""
        return next(s for s, _ in self.offsets if s >= 0)

    @property
    def char_end(self) -> int:
        """End offset of the last real token."""
        return max(e for _, e in self.offsets)


def bio_names(labels: Sequence[str]) -> tuple[str, ...]:
    """BIO tag names over ``labels``: ``O``, then ``B-x``, ``I-x`` for each label in order."""
    return ("O", *(f"{p}-{lab}" for lab in labels for p in ("B", "I")))


_SENT_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def regex_sentences(text: str) -> list[tuple[int, int]]:
    """A cheap sentence splitter (on ``. ! ?`` before a capital), for tests and tools without spaCy.

    >>> regex_sentences("Jets struck Homs. Ten died.")
    [(0, 17), (18, 27)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def tokenize_sentences(
    tokenizer: Any, text: str, sentences: Sequence[tuple[int, int]]
) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """Word-piece ids and document char offsets of each sentence (no special tokens)."""
    if not sentences:
        return []
    enc = tokenizer(
        [text[s:e] for s, e in sentences],
        add_special_tokens=False,
        return_offsets_mapping=True,
        return_attention_mask=False,
        return_token_type_ids=False,
    )
    out = []
    for (s, _), ids, offs in zip(sentences, enc["input_ids"], enc["offset_mapping"], strict=True):
        out.append((list(ids), [(s + a, s + b) for a, b in offs]))
    return out


def build_windows(
    tokenizer: Any,
    text: str,
    sentences: Sequence[tuple[int, int]],
    max_length: int,
    *,
    doc_index: int = 0,
    keep: Sequence[bool] | None = None,
) -> list[Window]:
    """Pack consecutive sentences greedily into windows of at most ``max_length`` tokens.

    ``keep`` (one flag per sentence) drops sentences; a dropped sentence ends the current window,
    so a window never joins sentences that are not neighbours.
    """
    room = max_length - 2
    windows: list[Window] = []
    ids: list[int] = []
    offs: list[tuple[int, int]] = []
    sids: list[int] = []

    def flush() -> None:
        if ids:
            windows.append(
                Window(
                    doc_index,
                    (tokenizer.cls_token_id, *ids, tokenizer.sep_token_id),
                    (SPECIAL_OFFSET, *offs, SPECIAL_OFFSET),
                    (-1, *sids, -1),
                )
            )
            ids.clear()
            offs.clear()
            sids.clear()

    for i, (s_ids, s_offs) in enumerate(tokenize_sentences(tokenizer, text, sentences)):
        if keep is not None and not keep[i]:
            flush()
            continue
        if len(ids) + len(s_ids) > room:
            flush()
        for k in range(0, max(len(s_ids), 1), room):
            piece = s_ids[k : k + room]
            if ids and len(ids) + len(piece) > room:
                flush()
            ids.extend(piece)
            offs.extend(s_offs[k : k + room])
            sids.extend([i] * len(piece))
    flush()
    return windows


def bio_tags(
    offsets: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]], names: Sequence[str]
) -> list[int]:
    """Tag ids per token: ``B-x`` on the first token overlapping a span labelled ``x``, ``I-x`` after.

    Special tokens get :data:`IGNORE`; spans are applied in order, a later one not overwriting
    tokens an earlier one already tagged.
    """
    index = {n: i for i, n in enumerate(names)}
    tags = [IGNORE if s < 0 else 0 for s, _ in offsets]
    for start, end, label in spans:
        first = True
        for i, (s, e) in enumerate(offsets):
            if s < 0 or e <= start or s >= end or tags[i] != 0:
                continue
            tags[i] = index["B-" + label] if first else index["I-" + label]
            first = False
    return tags


def bio_spans(
    tags: Sequence[int], offsets: Sequence[tuple[int, int]], names: Sequence[str]
) -> list[tuple[int, int, str, int, int]]:
    """Spans ``(char_start, char_end, label, first_token, last_token + 1)`` from tag ids.

    An ``I-x`` without a preceding ``B-x``/``I-x`` starts a span (lenient decoding).
    """
    spans: list[tuple[int, int, str, int, int]] = []
    cur: list[Any] | None = None
    for i, t in enumerate(tags):
        name = names[t] if 0 <= t < len(names) else "O"
        if offsets[i][0] < 0 or name == "O":
            cur = _close(cur, spans)
            continue
        prefix, label = name[0], name[2:]
        if prefix == "B" or cur is None or cur[2] != label:
            _close(cur, spans)
            cur = [offsets[i][0], offsets[i][1], label, i, i + 1]
        else:
            cur[1], cur[4] = offsets[i][1], i + 1
    _close(cur, spans)
    return spans


def _close(cur: list[Any] | None, spans: list[tuple[int, int, str, int, int]]) -> None:
    if cur is not None:
        spans.append((cur[0], cur[1], cur[2], cur[3], cur[4]))


def _inside_word(text: str, i: int) -> bool:
    """Whether ``text[i]`` belongs to a word: a letter/digit, or ``-`` / ``'`` between two of them."""
    if not 0 <= i < len(text):
        return False
    if text[i].isalnum():
        return True
    return text[i] in "-'’" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` so it neither starts nor ends inside a word (``al-Hazawiya`` is one word).

    >>> snap_to_words("airstrikes hit", 3, 8)
    (0, 10)
    >>> t = "in Al-Hazawiya."
    >>> t[slice(*snap_to_words(t, 3, 6))]
    'Al-Hazawiya'
    """
    start, end = max(0, start), min(len(text), end)
    while start > 0 and _inside_word(text, start - 1) and _inside_word(text, start):
        start -= 1
    while end < len(text) and _inside_word(text, end) and _inside_word(text, end - 1):
        end += 1
    while end > start and text[end - 1] in " \t\n-,;:":
        end -= 1  # no trailing separator
    while start < end and text[start].isspace():
        start += 1
    return start, end
