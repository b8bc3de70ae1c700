"""Linking: score candidate pairs slot by slot, then cluster linked claims into events.

A pair's score adds up the slot scores of :mod:`claimx.resolve.compat` and, where the
slots alone leave it undecided, a bonus from the MiniLM similarity of the two
sentences. A pair is linked when the score reaches the threshold (lower inside one
article, whose claims usually tell one story) and no more than one of date and place
clashes. Clustering is best-first union-find with complete-linkage constraints: two
clusters merge only when no cross pair is incompatible or clashes on date or place
(unless that pair was itself linked), so a vague claim ("air strikes in Syria") cannot
chain a strike in Homs to one in Latakia.

Example:
    >>> similarity_bonus(0.8), similarity_bonus(0.4), similarity_bonus(0.1)
    (1.5, 0.0, -0.5)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimx.resolve.blocking import candidate_pairs
from claimx.resolve.compat import (
    SlotMatch,
    compare_actors,
    compare_dates,
    compare_figures,
    compare_places,
    compare_targets,
    compare_types,
)
from claimx.resolve.embed import SentenceEncoder
from claimx.resolve.features import ClaimFeatures


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """Thresholds of linking (see module docstring)."""

    cross_doc_threshold: float = 3.0
    same_doc_threshold: float = 1.5
    undecided_below: float = 1.5
    """Pairs within this much under the threshold get the similarity bonus computed."""
    undecided_above: float = 0.5
    """... and pairs within this much above it (the bonus can be negative)."""


@dataclass(frozen=True, slots=True)
class PairSlots:
    """The slot comparisons of one pair of claims."""

    action: SlotMatch
    date: SlotMatch
    place: SlotMatch
    actor: SlotMatch
    target: SlotMatch
    killed: SlotMatch

    @property
    def possible(self) -> bool:
        """False when type, date or place rule out one event, or both date and place clash."""
        if not (self.action.possible and self.date.possible and self.place.possible):
            return False
        return not (self.date.status == "clash" and self.place.status == "clash")

    @property
    def where_when_clash(self) -> bool:
        """Date or place clash: allowed for a directly linked pair, never by chaining."""
        return self.date.status == "clash" or self.place.status == "clash"

    @property
    def score(self) -> float:
        parts = (self.action, self.date, self.place, self.actor, self.target, self.killed)
        return sum(p.score for p in parts)


def compare_pair(a: ClaimFeatures, b: ClaimFeatures) -> PairSlots:
    """Compare every slot of two claims (type first: the cheapest rejection)."""
    action = compare_types(a.claim.action_type, b.claim.action_type)
    if not action.possible:
        return PairSlots(action, action, action, action, action, action)
    return PairSlots(
        action=action,
        date=compare_dates(a.dates, b.dates),
        place=compare_places(a, b),
        actor=compare_actors(a, b),
        target=compare_targets(a, b),
        killed=compare_figures(a.claim.killed, b.claim.killed),
    )


def similarity_bonus(similarity: float | None) -> float:
    """Score added for sentence similarity: +1.5 at 0.8 and above, 0 at 0.4, at worst -0.5."""
    if similarity is None:
        return 0.0
    return max(-0.5, min(1.5, 3.75 * (similarity - 0.4)))


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """A candidate pair with its slots, similarity (None when not computed) and total score."""

    i: int
    j: int
    slots: PairSlots
    similarity: float | None
    score: float
    linked: bool


def score_pairs(
    features: Sequence[ClaimFeatures],
    encoder: SentenceEncoder,
    options: LinkOptions | None = None,
) -> list[ScoredPair]:
    """Every possible candidate pair, scored; ``linked`` marks those over the threshold."""
    options = options or LinkOptions()
    staged: list[tuple[int, int, PairSlots, float, float]] = []
    need_text: set[int] = set()
    for i, j in candidate_pairs(features):
        a, b = features[i], features[j]
        slots = compare_pair(a, b)
        if not slots.possible:
            continue
        threshold = options.same_doc_threshold if a.doc_id == b.doc_id else options.cross_doc_threshold
        base = slots.score
        if base < threshold - options.undecided_below:
            continue
        staged.append((i, j, slots, base, threshold))
        if encoder.enabled and base < threshold + options.undecided_above:
            need_text.update((i, j))
    vectors = {}
    if need_text:
        order = sorted(need_text)
        matrix = encoder.encode([features[k].claim.sentence for k in order])
        vectors = {k: matrix[n] for n, k in enumerate(order)}
    out = []
    for i, j, slots, base, threshold in staged:
        sim = float(vectors[i] @ vectors[j]) if i in vectors and j in vectors else None
        score = base + similarity_bonus(sim)
        out.append(ScoredPair(i, j, slots, sim, score, score >= threshold))
    return out


class _Clusters:
    """Union-find over claim indices that keeps each cluster's members."""

    def __init__(self, n: int):
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {k: [k] for k in range(n)}

    def find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))


def cluster_claims(features: Sequence[ClaimFeatures], pairs: Sequence[ScoredPair]) -> list[list[int]]:
    """Group claim indices into events: best-first merges under complete-linkage constraints.

    Every claim ends up in exactly one group (an unlinked claim is a group of one).
    """
    linked = {(p.i, p.j) for p in pairs if p.linked}
    clusters = _Clusters(len(features))
    memo: dict[tuple[int, int], bool] = {}

    def mergeable(x: int, y: int) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in memo:
            slots = compare_pair(features[key[0]], features[key[1]])
            memo[key] = slots.possible and (not slots.where_when_clash or key in linked)
        return memo[key]

    for p in sorted((p for p in pairs if p.linked), key=lambda p: (-p.score, p.i, p.j)):
        ra, rb = clusters.find(p.i), clusters.find(p.j)
        if ra == rb:
            continue
        if all(mergeable(x, y) for x in clusters.members[ra] for y in clusters.members[rb]):
            clusters.union(ra, rb)
    groups = [sorted(m) for m in clusters.members.values()]
    return sorted(groups, key=lambda g: g[0])
