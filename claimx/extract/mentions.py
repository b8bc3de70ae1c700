"""One claim per event mention: frames that describe one mention become one frame.

Both frame finders can give one mention several frames: the learned model may type one
trigger twice (``air_strike`` and ``armed_clash``), and it finds the weak verbs the rules
merge away ("an air strike *targeting* the crossing", "a man was *shot* and *killed*").
:func:`one_per_mention` keeps, of overlapping triggers, the best; :func:`absorb_weak` folds a
weak trigger (:data:`claimx.extract.finders.rules.WEAK`) into the frame of the mention it belongs to,
keeping the roles only the weak frame had.

Example:
    >>> from claimx.types import Span
    >>> a = Frame(Span(0, 7, "strikes"), "armed_clash", 0, 20, score=0.6)
    >>> b = Frame(Span(0, 7, "strikes"), "air_strike", 0, 20, score=0.6)
    >>> [f.action_type for f in one_per_mention([a, b])]
    ['air_strike']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from claimx.actions import ACTION_TYPES, action
from claimx.extract.finders.rules import WEAK, related
from claimx.types import Frame


def _rank(f: Frame) -> tuple[float, int, float, int]:
    """Best first: score, arguments, then the rarer type (match weight), then the contract's order.

    The contract lists specific types (``air_strike``, ``shelling``) before generic ones
    (``armed_clash``, ``attack``), so a tie goes to the specific type.
    """
    known = f.action_type in ACTION_TYPES
    weight = action(f.action_type).match_weight if known else 0.0
    order = ACTION_TYPES.index(f.action_type) if known else len(ACTION_TYPES)
    return (-f.score, -len(f.args), -weight, order)


def one_per_mention(frames: Sequence[Frame]) -> list[Frame]:
    """Frames in text order, one per trigger: of overlapping triggers the best is kept.

    Best: the higher score, then more arguments, then the more specific action type (:func:`_rank`).
    """
    kept: list[Frame] = []
    for f in sorted(frames, key=_rank):
        if not any(k.action.start < f.action.end and f.action.start < k.action.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: (f.action.start, f.action.end))


def _head(doc: Doc, f: Frame) -> Token | None:
    sp = doc.char_span(f.action.start, f.action.end, alignment_mode="expand")
    return None if sp is None else sp.root


def absorb_weak(doc: Doc, frames: Sequence[Frame]) -> list[Frame]:
    """Fold each weak-trigger frame into the frame of the same mention (same sentence, related).

    A weak trigger ("killed", "hit", "targeting", "shot") joins a stronger trigger it is related
    to in the parse, else an earlier weak one ("shot and killed": ``shot``). The frame it joins
    takes the roles it lacked from the weak frame.

    Example:
        >>> absorb_weak.__name__
        'absorb_weak'
    """
    out = list(frames)
    heads = [_head(doc, f) for f in out]
    gone: set[int] = set()
    for i, f in enumerate(out):
        tok = heads[i]
        if tok is None or tok.lemma_.lower() not in WEAK:
            continue
        host = _host(i, out, heads, gone)
        if host is None:
            continue
        extra = {r: s for r, s in f.args.items() if r not in out[host].args}
        out[host] = replace(out[host], args={**out[host].args, **extra})
        gone.add(i)
    return [f for i, f in enumerate(out) if i not in gone]


def _host(i: int, frames: Sequence[Frame], heads: Sequence[Token | None], gone: set[int]) -> int | None:
    """The frame that weak frame ``i`` belongs to: a related strong one, else an earlier weak one."""
    tok = heads[i]
    assert tok is not None
    weak_before: int | None = None
    for j, other in enumerate(heads):
        if j == i or j in gone or other is None or frames[j].sent_start != frames[i].sent_start:
            continue
        if not related(tok, other):
            continue
        if other.lemma_.lower() not in WEAK:
            return j
        if j < i and weak_before is None:
            weak_before = j
    return weak_before
