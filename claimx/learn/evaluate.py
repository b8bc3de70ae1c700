"""Scoring predicted frames (and the claims built from them) against labelled documents.

Precision, recall and F1 per slot: ``action`` (trigger found), ``action_type``, each role
(``actor``, ``target``, ``location``, ``date``), all arguments pooled (``arguments`` = micro,
``arguments (macro)`` = mean over the roles gold has), and, when claims are given, the claim
slots ``attribution``, ``killed``, ``injured``, ``negated``, ``hedged``.

Two match modes, both reported:

- **exact**: a predicted action matches a gold one when the trigger spans are identical; an
  argument is right when its action matched, its role is the same and its span is identical.
- **lenient**: triggers match when their spans overlap, or else when the gold trigger lies in the
  predicted frame's sentence (``an air strike killed 20``: ``air strike`` for ``killed``);
  arguments when their spans overlap (so a head-word match such as ``forces`` for ``Syrian
  government forces`` counts). Attribution texts match leniently when one contains the other.

Actions are paired one-to-one (greedy, best overlap first). A gold argument whose action was
not found is a miss; an argument of a predicted action that matches no gold action is a false
alarm, except in ``partial_actions`` documents (RAMS), where such predicted actions are ignored.
Slots a document does not annotate (its ``slots`` field) are not scored on it, and a slot no
document annotates is left out of the report.

Example:
    >>> from claimx.learn.labelled import LabelledDoc
    >>> from claimx.types import Frame, Span
    >>> gold = LabelledDoc.from_json({"id": "d", "text": "Jets hit Homs.", "actions": [
    ...     {"start": 5, "end": 8, "type": "air_strike",
    ...      "args": [{"role": "location", "start": 9, "end": 13}]}]})
    >>> frame = Frame(Span(5, 8, "hit"), "air_strike", 0, 14, {"location": Span(9, 13, "Homs")})
    >>> report = score([gold], [[(frame, None)]])
    >>> report.get("location", "exact").f1
    1.0
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from claimx.learn.labelled import CLAIM_SLOTS, LabelledAction, LabelledDoc
from claimx.types import ROLES, Claim, Frame

MODES: tuple[str, ...] = ("exact", "lenient")
Prediction = tuple[Frame, Claim | None]
"""A predicted frame and, when the extractor built one, its claim."""

Predictor = Callable[[Sequence[LabelledDoc]], list[list[Prediction]]]
"""Something that predicts frames (and claims) for each labelled document's ``text``."""


@dataclass(frozen=True, slots=True)
class SlotScore:
    """Counts and P/R/F1 of one slot in one match mode."""

    slot: str
    mode: str
    tp: int
    n_pred: int
    n_gold: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, slot: str, mode: str, tp: int, n_pred: int, n_gold: int) -> SlotScore:
        """Precision ``tp / n_pred``, recall ``tp / n_gold`` (0 when the denominator is 0)."""
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return cls(slot, mode, tp, n_pred, n_gold, p, r, f)


@dataclass(frozen=True, slots=True)
class EvalReport:
    """All slot scores of one evaluation run; renders as a table or JSON."""

    name: str
    n_docs: int
    scores: tuple[SlotScore, ...]

    def get(self, slot: str, mode: str = "exact") -> SlotScore | None:
        """The score of ``slot`` in ``mode``, or None when it was not scored."""
        return next((s for s in self.scores if s.slot == slot and s.mode == mode), None)

    def to_json(self) -> dict[str, Any]:
        """Nested dict ``{name, n_docs, scores: {mode: {slot: {...}}}}``, numbers rounded to 4 places."""
        out: dict[str, Any] = {"name": self.name, "n_docs": self.n_docs, "scores": {m: {} for m in MODES}}
        for s in self.scores:
            out["scores"][s.mode][s.slot] = {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "tp": s.tp,
                "n_pred": s.n_pred,
                "n_gold": s.n_gold,
            }
        return out

    def render(self) -> str:
        """A fixed-width table: one row per slot, P/R/F1 for exact and lenient match."""
        slots = list(dict.fromkeys(s.slot for s in self.scores))
        head = (
            f"{'slot':<19}{'exact P':>8}{'R':>7}{'F1':>7}  "
            f"{'lenient P':>9}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"
        )
        lines = [f"{self.name} ({self.n_docs} documents)", head, "-" * len(head)]
        for slot in slots:
            ex, le = self.get(slot, "exact"), self.get(slot, "lenient")
            assert ex is not None and le is not None
            lines.append(
                f"{slot:<19}{ex.precision:>8.3f}{ex.recall:>7.3f}{ex.f1:>7.3f}  "
                f"{le.precision:>9.3f}{le.recall:>7.3f}{le.f1:>7.3f}{ex.n_gold:>7}{ex.n_pred:>7}"
            )
        return "\n".join(lines)

    def to_json_text(self) -> str:
        """:meth:`to_json` as indented JSON text."""
        return json.dumps(self.to_json(), indent=2)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _spans_match(gold: tuple[int, int], pred: tuple[int, int], mode: str) -> bool:
    return gold == pred if mode == "exact" else _overlap(gold, pred) > 0


def _norm(text: str) -> str:
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(w for w in text.split() if w not in {"the", "a", "an"})


def _texts_match(gold: str, pred: str, mode: str) -> bool:
    g, p = _norm(gold), _norm(pred)
    if not g or not p:
        return False
    return g == p if mode == "exact" else (g in p or p in g)


def match_actions(
    gold: Sequence[LabelledAction], frames: Sequence[Frame], mode: str
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, frame index)``; see the module docstring for the rules."""
    candidates: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, f in enumerate(frames):
            span = (f.action.start, f.action.end)
            if mode == "exact":
                if span == (g.start, g.end):
                    candidates.append((2.0, gi, pi))
                continue
            ov = _overlap((g.start, g.end), span)
            if ov:
                candidates.append((1.0 + ov / max(g.end - g.start, span[1] - span[0]), gi, pi))
            elif f.sent_start <= g.start < f.sent_end:
                candidates.append((1.0 / (2 + abs(g.start - f.action.start)), gi, pi))
    pairs: list[tuple[int, int]] = []
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return pairs


def _claim_value(claim: Claim, slot: str) -> Any:
    return claim.attributed_to if slot == "attribution" else getattr(claim, slot)


def _gold_value(action: LabelledAction, slot: str) -> Any:
    if slot == "attribution":
        return None if action.attributed_to is None else action.attributed_to.text
    return getattr(action, slot)


def _positive(value: Any) -> bool:
    return value is not None and value is not False


def _claim_match(slot: str, gold: Any, pred: Any, mode: str) -> bool:
    if not (_positive(gold) and _positive(pred)):
        return False
    return _texts_match(gold, pred, mode) if slot == "attribution" else gold == pred


Counts = tuple[int, int, int]
"""(true positives, predicted, gold) of one slot."""


def _action_counts(
    slot: str, doc: LabelledDoc, frames: Sequence[Frame], pairs: Sequence[tuple[int, int]], counted: list[int]
) -> Counts:
    tp = sum(1 for gi, pi in pairs if slot == "action" or doc.actions[gi].type == frames[pi].action_type)
    return tp, len(counted), len(doc.actions)


def _role_counts(
    slot: str,
    doc: LabelledDoc,
    frames: Sequence[Frame],
    pairs: Sequence[tuple[int, int]],
    counted: list[int],
    mode: str,
) -> Counts:
    tp = 0
    for gi, pi in pairs:
        g, p = doc.actions[gi].arg(slot), frames[pi].arg(slot)
        if g is not None and p is not None and _spans_match((g.start, g.end), (p.start, p.end), mode):
            tp += 1
    n_pred = sum(1 for pi in counted if frames[pi].arg(slot) is not None)
    return tp, n_pred, sum(1 for a in doc.actions if a.arg(slot) is not None)


def _claim_counts(
    slot: str,
    doc: LabelledDoc,
    preds: Sequence[Prediction],
    pairs: Sequence[tuple[int, int]],
    counted: list[int],
    mode: str,
) -> Counts:
    tp = 0
    for gi, pi in pairs:
        cl = preds[pi][1]
        if cl is not None and _claim_match(
            slot, _gold_value(doc.actions[gi], slot), _claim_value(cl, slot), mode
        ):
            tp += 1
    claims = [preds[pi][1] for pi in counted]
    n_pred = sum(1 for cl in claims if cl is not None and _positive(_claim_value(cl, slot)))
    return tp, n_pred, sum(1 for a in doc.actions if _positive(_gold_value(a, slot)))


def _doc_counts(
    doc: LabelledDoc, preds: Sequence[Prediction], slots: Sequence[str], mode: str
) -> dict[str, Counts]:
    """Counts of one document's predictions, per slot it annotates."""
    frames = [f for f, _ in preds]
    pairs = match_actions(doc.actions, frames, mode)
    matched = {pi for _, pi in pairs}
    counted = [pi for pi in range(len(preds)) if pi in matched or not doc.partial_actions]
    out: dict[str, Counts] = {}
    for slot in slots:
        if not doc.annotates(slot):
            continue
        if slot in ("action", "action_type"):
            out[slot] = _action_counts(slot, doc, frames, pairs, counted)
        elif slot in ROLES:
            out[slot] = _role_counts(slot, doc, frames, pairs, counted, mode)
        else:
            out[slot] = _claim_counts(slot, doc, preds, pairs, counted, mode)
    return out


def _argument_scores(role_scores: Sequence[SlotScore], mode: str) -> list[SlotScore]:
    """The roles, then all arguments pooled (micro) and averaged over roles with gold (macro)."""
    tp, n_pred, n_gold = (sum(getattr(s, k) for s in role_scores) for k in ("tp", "n_pred", "n_gold"))
    present = [s for s in role_scores if s.n_gold]
    k = max(len(present), 1)
    macro = SlotScore(
        "arguments (macro)",
        mode,
        tp,
        n_pred,
        n_gold,
        sum(s.precision for s in present) / k,
        sum(s.recall for s in present) / k,
        sum(s.f1 for s in present) / k,
    )
    return [*role_scores, SlotScore.from_counts("arguments", mode, tp, n_pred, n_gold), macro]


def score(
    docs: Sequence[LabelledDoc], predictions: Sequence[Sequence[Prediction]], name: str = "model"
) -> EvalReport:
    """Score predictions (one list per document, same order) against the labelled documents."""
    if len(docs) != len(predictions):
        raise ValueError(f"{len(docs)} documents but {len(predictions)} prediction lists")
    with_claims = any(c is not None for preds in predictions for _, c in preds)
    slots = ["action", "action_type", *ROLES] + (list(CLAIM_SLOTS) if with_claims else [])
    slots = [s for s in slots if s in ("action", "action_type") or any(d.annotates(s) for d in docs)]
    counts = {(s, m): [0, 0, 0] for s in slots for m in MODES}  # tp, n_pred, n_gold
    for doc, preds in zip(docs, predictions, strict=True):
        for mode in MODES:
            for slot, got in _doc_counts(doc, preds, slots, mode).items():
                counts[(slot, mode)] = [a + b for a, b in zip(counts[(slot, mode)], got, strict=True)]
    scores: list[SlotScore] = []
    for mode in MODES:
        role_scores = [SlotScore.from_counts(r, mode, *counts[(r, mode)]) for r in ROLES if r in slots]
        for slot in (s for s in slots if s not in ROLES):
            scores.append(SlotScore.from_counts(slot, mode, *counts[(slot, mode)]))
            if slot == "action_type":
                scores.extend(_argument_scores(role_scores, mode))
    return EvalReport(name=name, n_docs=len(docs), scores=tuple(scores))


def evaluate(docs: Sequence[LabelledDoc], predictor: Predictor, name: str = "model") -> EvalReport:
    """Run ``predictor`` on the documents and :func:`score` its predictions."""
    return score(docs, predictor(docs), name=name)
