"""Scoring disputes against dispute-level gold (``corpus/gold/relations/disputes/``).

Gold is JSONL, one *incident* a line: the articles that report it and every real
disagreement among them, keyed by ``doc_id`` (claim ids change with the extractor)::

    {"incident": "2016-07-27 Qamishli bombing", "docs": ["FA-KES-Dataset:1919191742", ...],
     "disputes": [{"slot": "killed", "note": "...", "positions": [
         {"value": "48", "docs": ["FA-KES-Dataset:1919191742"]},
         {"value": "44", "docs": ["FA-KES-Dataset:1924058115"]}]}]}

An incident with ``"disputes": []`` is one on which the articles agree.

- A predicted dispute belongs to the incident whose articles hold two or more of its
  positions; disputes of no incident are outside the gold and not scored, and so are
  slots the gold does not label (:data:`UNLABELLED_SLOTS`). With ``touching``, one
  position in an incident's article is enough (a stricter precision: it also counts
  disputes with articles the gold does not list, often other events linked in error).
- It is *right* when the incident has a gold dispute on its slot and, for figures,
  two of its positions state two different gold positions' numbers.
- Precision: right predicted disputes over scored ones; recall: gold disputes with at
  least one right prediction over all gold disputes.

Example:
    >>> g = [GoldIncident("x", ("a", "b"), (GoldDispute("killed", (("33", ("a",)), ("32", ("b",))), ""),))]
    >>> p = Dispute("e", "killed", (Position("33", ("o",), (None,), ("c1",), "s"),
    ...                             Position("32", ("p",), (None,), ("c2",), "t")), "r")
    >>> s = score_disputes(g, [p], {"c1": "a", "c2": "b"})
    >>> s.precision, s.recall
    (1.0, 1.0)
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from claimx.errors import UsageError
from claimx.resolve.evaluate import ratio, score_text
from claimx.types import Dispute, Position  # noqa: F401  (Position: doctest)

UNLABELLED_SLOTS: frozenset[str] = frozenset({"injured"})
"""Slots the dispute gold does not label: predictions on them are counted, not scored."""
FIGURE_SLOTS = frozenset({"killed", "injured"})


@dataclass(frozen=True, slots=True)
class GoldDispute:
    """One real disagreement: its slot and positions (value, the articles holding it)."""

    slot: str
    positions: tuple[tuple[str, tuple[str, ...]], ...]
    note: str


@dataclass(frozen=True, slots=True)
class GoldIncident:
    """An incident: its articles and its real disagreements (none when they agree)."""

    incident: str
    docs: tuple[str, ...]
    disputes: tuple[GoldDispute, ...]


def read_dispute_gold(path: Path) -> list[GoldIncident]:
    """Gold incidents from a JSONL file or every ``*.jsonl`` of a folder."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not path.exists() or not files:
        raise UsageError(f"no dispute gold at {path} (give a .jsonl file or a folder of them)")
    out = []
    for file in files:
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                out.append(_incident(rec))
            except json.JSONDecodeError as exc:
                raise UsageError(f"{file}:{n}: not a JSON gold incident ({exc.msg})") from None
            except (KeyError, TypeError) as exc:
                raise UsageError(f"{file}:{n}: not a gold incident (missing or wrong {exc})") from None
    return out


def _incident(rec: dict[str, Any]) -> GoldIncident:
    disputes = tuple(
        GoldDispute(
            str(d["slot"]),
            tuple((str(p["value"]), tuple(p["docs"])) for p in d["positions"]),
            str(d.get("note", "")),
        )
        for d in rec["disputes"]
    )
    return GoldIncident(str(rec["incident"]), tuple(rec["docs"]), disputes)


@dataclass(frozen=True, slots=True)
class DisputeScores:
    """Dispute precision and recall, with what went wrong."""

    gold_disputes: int
    predicted_scored: int
    predicted_right: int
    gold_found: int
    unscored: int
    """Predicted disputes outside the gold's incidents or on unlabelled slots."""
    precision: float | None
    recall: float | None
    errors: tuple[str, ...] = ()

    def to_record(self) -> dict[str, Any]:
        return asdict(self)

    def to_text(self) -> str:
        """A short report for a terminal."""

        f = score_text

        lines = [
            f"disputes  P {f(self.precision)} ({self.predicted_right}/{self.predicted_scored})  "
            f"R {f(self.recall)} ({self.gold_found}/{self.gold_disputes});  "
            f"{self.unscored} predicted dispute(s) outside the gold or on unlabelled slots",
        ]
        return "\n".join(lines + [f"  {e}" for e in self.errors]) + "\n"


_NUMBER_RE = re.compile(r"\d[\d,]*")


def _numbers(value: str) -> set[int]:
    """The figures a position's value states ("at least 86 / 72" gives 86 and 72)."""
    return {int(m.group(0).replace(",", "")) for m in _NUMBER_RE.finditer(value)}


def _suffix(doc: str) -> str:
    return doc.rsplit(":", 1)[-1]


def _position_docs(d: Dispute, claim_docs: Mapping[str, str]) -> list[set[str]]:
    return [{_suffix(claim_docs[c]) for c in p.claim_ids if c in claim_docs} for p in d.positions]


def _incident_of(
    docs: list[set[str]], gold: Sequence[GoldIncident], at_least: int = 2
) -> GoldIncident | None:
    best, best_n = None, at_least - 1
    for g in gold:
        mine = {_suffix(x) for x in g.docs}
        n = sum(1 for ds in docs if ds & mine)
        if n > best_n:
            best, best_n = g, n
    return best


def _matches(d: Dispute, gd: GoldDispute) -> bool:
    if d.slot != gd.slot:
        return False
    if d.slot not in FIGURE_SLOTS:
        return True
    gold = [_numbers(v) for v, _ in gd.positions]
    hit = {n for p in d.positions for n, g in enumerate(gold) if _numbers(p.value) & g}
    return len(hit) >= 2


def score_disputes(
    gold: Sequence[GoldIncident],
    disputes: Sequence[Dispute],
    claim_docs: Mapping[str, str],
    *,
    touching: bool = False,
) -> DisputeScores:
    """Score predicted ``disputes`` (``claim_docs``: claim id to doc id) against gold incidents.

    ``touching``: score every dispute with one position held in an incident's article (also
    those against articles the gold does not list), not only disputes between its articles.
    """
    found: set[tuple[str, int]] = set()
    scored = right = unscored = 0
    errors = []
    for d in disputes:
        inc = _incident_of(_position_docs(d, claim_docs), gold, 1 if touching else 2)
        if inc is None or d.slot in UNLABELLED_SLOTS:
            unscored += 1
            continue
        scored += 1
        hits = [n for n, gd in enumerate(inc.disputes) if _matches(d, gd)]
        if hits:
            right += 1
            found.update((inc.incident, n) for n in hits)
        else:
            values = " vs ".join(p.value for p in d.positions)
            errors.append(f"not in gold: {inc.incident} {d.slot}: {values} ({d.event_id})")
    total = sum(len(g.disputes) for g in gold)
    for g in gold:
        for n, gd in enumerate(g.disputes):
            if (g.incident, n) not in found:
                values = " vs ".join(v for v, _ in gd.positions)
                errors.append(f"missed: {g.incident} {gd.slot}: {values}")
    return DisputeScores(
        gold_disputes=total,
        predicted_scored=scored,
        predicted_right=right,
        gold_found=len(found),
        unscored=unscored,
        precision=ratio(right, scored),
        recall=ratio(len(found), total),
        errors=tuple(errors),
    )
