"""Linking: group claims into events, first within each article, then across articles.

Stage 1, within an article: every pair of its claims is scored slot by slot
(:mod:`claimx.resolve.compat`); pairs at or over ``same_doc_threshold`` are linked (an
article usually tells one story, so the bar is low) and clustered into *mentions*.

Stage 2, across articles: each mention is summarised (:mod:`claimx.resolve.mentions`) and
candidate mention pairs from :mod:`claimx.resolve.blocking` are scored on the summaries'
slots, on shared casualty figures, and, where that leaves a pair undecided, on the MiniLM
similarity of their sentences. Pairs reaching ``cross_doc_threshold`` are linked, unless
both date and place clash.

Clustering at both stages is best-first union-find with complete-linkage constraints:
two clusters merge only when no cross pair is incompatible or clashes on date or place
(unless that pair was itself linked), so a vague "air strikes in Syria" cannot chain a
strike in Homs to one in Latakia.

Example:
    >>> similarity_bonus(0.8), similarity_bonus(0.4), similarity_bonus(0.1)
    (1.5, 0.0, -0.5)
    >>> figures_bonus(frozenset({58, 11}), frozenset({58})), figures_bonus(frozenset({5}), frozenset({72}))
    (1.5, -0.5)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from claimx.knowledge import Knowledge
from claimx.resolve.blocking import candidate_pairs
from claimx.resolve.compat import (
    INCOMPATIBLE,
    SlotMatch,
    compare_actors,
    compare_dates,
    compare_figures,
    compare_places,
    compare_targets,
    compare_types,
    figures_agree,
)
from claimx.resolve.embed import SentenceEncoder
from claimx.resolve.features import ClaimFeatures, claim_features
from claimx.resolve.mentions import Mention, build_mentions
from claimx.resolve.places import places_named


@dataclass(frozen=True, slots=True)
class LinkOptions:
    """Thresholds of linking (see module docstring)."""

    same_doc_threshold: float = 1.25
    cross_doc_threshold: float = 3.0
    undecided_below: float = 1.0
    """Cross-article pairs this much under the threshold get the similarity bonus computed ..."""
    undecided_above: float = 0.5
    """... and pairs this much above it (the bonus can be negative)."""


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
        """False when a slot rules out one event, or both date and place clash."""
        no = "incompatible"
        if no in (self.action.status, self.date.status, self.place.status):
            return False
        if no in (self.actor.status, self.target.status, self.killed.status):
            return False
        return not (self.date.status == "clash" and self.place.status == "clash")

    @property
    def where_when_clash(self) -> bool:
        """Date or place clash: allowed for a directly linked pair, never by chaining."""
        return self.date.status == "clash" or self.place.status == "clash"

    @property
    def score(self) -> float:
        return (
            self.action.score
            + self.date.score
            + self.place.score
            + self.actor.score
            + self.target.score
            + self.killed.score
        )


def compare_pair(a: ClaimFeatures, b: ClaimFeatures) -> PairSlots:
    """Compare every slot of two claims (type first: the cheapest rejection)."""
    action = compare_types(a.claim.action_type, b.claim.action_type)
    if not action.possible:
        return PairSlots(action, action, action, action, action, action)
    date = compare_dates(a.dates, b.dates)
    if not date.possible:  # the cheap rejections first: the other slots would not be looked at
        return PairSlots(action, date, date, date, date, date)
    actor, target = compare_actors(a, b), compare_targets(a, b)
    killed = compare_figures(a.claim.killed, b.claim.killed)
    for slot in (actor, target, killed):
        if not slot.possible:
            return PairSlots(action, date, slot, actor, target, killed)
    return PairSlots(action, date, compare_places(a, b), actor, target, killed)


def similarity_bonus(similarity: float | None) -> float:
    """Score added for sentence similarity: +1.5 at 0.8 and above, 0 at 0.4, at worst -0.5."""
    if similarity is None:
        return 0.0
    return max(-0.5, min(1.5, 3.75 * (similarity - 0.4)))


def figures_bonus(a: frozenset[int], b: frozenset[int]) -> float:
    """Score for casualty figures: +1.5 when the two mentions share a toll, -0.5 when all differ threefold."""
    if not a or not b:
        return 0.0
    if any(figures_agree(x, y) for x in a for y in b):
        return 1.5
    far = all(max(x, y) > 3 * max(min(x, y), 1) for x in a for y in b)
    return -0.5 if far else 0.0


@dataclass(frozen=True, slots=True)
class ScoredPair:
    """A scored pair (claims or mentions) with its slots, similarity (None when not computed) and score."""

    i: int
    j: int
    slots: PairSlots
    similarity: float | None
    score: float
    linked: bool


class Clusters:
    """Union-find over indices that keeps each cluster's members."""

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


def cluster(
    items: Sequence[int], pairs: Sequence[ScoredPair], slots_of: Callable[[int, int], PairSlots]
) -> list[list[int]]:
    """Best-first merges of linked ``pairs`` over ``items`` under complete-linkage constraints.

    ``slots_of(x, y)`` compares two items; a merge is refused when some cross pair is
    impossible, or clashes on date or place without being linked itself. Every item ends
    up in exactly one group.
    """
    position = {item: n for n, item in enumerate(items)}
    linked = {(min(p.i, p.j), max(p.i, p.j)) for p in pairs if p.linked}
    clusters = Clusters(len(items))
    memo: dict[tuple[int, int], bool] = {}

    def mergeable(x: int, y: int) -> bool:
        key = (x, y) if x < y else (y, x)
        if key not in memo:
            slots = slots_of(*key)
            memo[key] = slots.possible and (not slots.where_when_clash or key in linked)
        return memo[key]

    for p in sorted((p for p in pairs if p.linked), key=lambda p: (-p.score, p.i, p.j)):
        ra, rb = clusters.find(position[p.i]), clusters.find(position[p.j])
        if ra == rb:
            continue
        if all(mergeable(items[x], items[y]) for x in clusters.members[ra] for y in clusters.members[rb]):
            clusters.union(ra, rb)
    groups = [sorted(items[k] for k in m) for m in clusters.members.values()]
    return sorted(groups, key=lambda g: g[0])


def compare_in_article(a: ClaimFeatures, b: ClaimFeatures) -> PairSlots:
    """:func:`compare_pair` with an article's own stricter rules.

    Within one article dates are resolved against one publication date, so two explicit
    days ("Friday" and "Saturday") are two events; and two claims in the article's own
    voice that disagree on actor or target are two events, not a dispute (rival accounts
    are quoted: "Putin said ..., but activists said ...").
    """
    slots = compare_pair(a, b)
    if not slots.possible:
        return slots
    da, db = a.dates, b.dates
    if da is not None and db is not None and da.precision == db.precision == "day" and da.lo != db.lo:
        return replace(slots, date=INCOMPATIBLE)
    own_voice = a.claim.attributed_to is None and b.claim.attributed_to is None
    if own_voice and "clash" in (slots.actor.status, slots.target.status):
        return replace(slots, actor=INCOMPATIBLE)
    return slots


def group_within_documents(
    features: Sequence[ClaimFeatures], options: LinkOptions | None = None
) -> list[list[int]]:
    """Stage 1: each article's claims grouped into mentions (lists of claim indices)."""
    options = options or LinkOptions()
    by_doc: dict[str, list[int]] = {}
    for f in features:
        by_doc.setdefault(f.doc_id, []).append(f.index)
    groups: list[list[int]] = []
    for items in by_doc.values():
        pairs = []
        compared: dict[tuple[int, int], PairSlots] = {}  # every pair of the article, for the clustering
        for n, i in enumerate(items):
            for j in items[n + 1 :]:
                slots = compared[(i, j)] = compare_in_article(features[i], features[j])
                if slots.possible:
                    score = slots.score
                    pairs.append(ScoredPair(i, j, slots, None, score, score >= options.same_doc_threshold))
        groups.extend(cluster(items, pairs, lambda x, y, seen=compared: seen[(x, y)]))
    return sorted(groups, key=lambda g: g[0])


def _mention_vectors(
    mentions: Sequence[Mention], wanted: set[int], encoder: SentenceEncoder
) -> dict[int, np.ndarray]:
    """Mean sentence vector (unit length) of each wanted mention."""
    if not wanted or not encoder.enabled:
        return {}
    order = sorted(wanted)
    texts = sorted({s for k in order for s in mentions[k].sentences})
    matrix = encoder.encode(texts)
    row = {t: matrix[n] for n, t in enumerate(texts)}
    out = {}
    for k in order:
        mean = np.mean([row[s] for s in mentions[k].sentences], axis=0)
        out[k] = mean / max(float(np.linalg.norm(mean)), 1e-9)
    return out


def score_mention_pairs(
    mentions: Sequence[Mention], encoder: SentenceEncoder, options: LinkOptions | None = None
) -> list[ScoredPair]:
    """Stage 2: candidate pairs of mentions of different articles, scored; ``linked`` over the threshold."""
    options = options or LinkOptions()
    threshold = options.cross_doc_threshold
    summaries = [m.summary for m in mentions]
    staged: list[tuple[int, int, PairSlots, float]] = []
    wanted: set[int] = set()
    for i, j in candidate_pairs(summaries):
        a, b = mentions[i], mentions[j]
        if a.doc_id == b.doc_id:
            continue
        slots = compare_pair(a.summary, b.summary)
        if not slots.possible:
            continue
        base = slots.score + figures_bonus(a.figures, b.figures)
        if base < threshold - options.undecided_below:
            continue
        staged.append((i, j, slots, base))
        if base < threshold + options.undecided_above:
            wanted.update((i, j))
    vectors = _mention_vectors(mentions, wanted, encoder)
    out = []
    for i, j, slots, base in staged:
        sim = float(vectors[i] @ vectors[j]) if i in vectors and j in vectors else None
        score = base + similarity_bonus(sim)
        out.append(ScoredPair(i, j, slots, sim, score, score >= threshold))
    return out


def with_named_place(mention: Mention, knowledge: Knowledge) -> Mention:
    """``mention`` with a place taken from its sentences when its claims name none (or only a country).

    A headline such as "About 20 civilians are killed in the massacre of al-Tabaqa furnace" often
    leaves the claim's place slot empty; the first town or admin-1 area its sentences name
    (:func:`~claimx.resolve.places.places_named`) then stands for the mention's place: in the
    claim's country, when it names one, or in the region packs' countries (``region_countries``).
    """
    s = mention.summary
    if s.place is not None and s.place_level != "country":
        return mention
    countries = knowledge.cues.region_countries | ({s.claim.country} if s.claim.country else set())
    named = [p for text in mention.sentences for p in places_named(text, countries, knowledge.gazetteer)]
    if not named:
        return mention
    p = named[0]
    claim = replace(
        s.claim,
        location=p.name,
        location_norm=p.name,
        admin1=p.admin1,
        country=p.country,
        lat=p.lat,
        lon=p.lon,
    )
    return replace(mention, summary=claim_features(s.index, claim, knowledge))


@dataclass(frozen=True, slots=True)
class Linking:
    """The result of linking: events as groups of claim indices, and how they came about."""

    groups: list[list[int]]
    mentions: list[Mention]
    mention_pairs: list[ScoredPair]


def link_claims(
    features: Sequence[ClaimFeatures],
    encoder: SentenceEncoder | None = None,
    options: LinkOptions | None = None,
    knowledge: Knowledge | None = None,
) -> Linking:
    """Both stages: claims -> mentions -> events (each a sorted list of claim indices).

    ``knowledge``: the gazetteer for places named in a mention's sentences (default: from Settings).
    """
    options = options or LinkOptions()
    encoder = encoder or SentenceEncoder.disabled()
    knowledge = knowledge or Knowledge.from_settings()
    mentions = [
        with_named_place(m, knowledge)
        for m in build_mentions(features, group_within_documents(features, options))
    ]
    pairs = score_mention_pairs(mentions, encoder, options)
    summaries = [m.summary for m in mentions]
    merged = cluster(list(range(len(mentions))), pairs, lambda x, y: compare_pair(summaries[x], summaries[y]))
    groups = [sorted(k for m in group for k in mentions[m].members) for group in merged]
    return Linking(sorted(groups, key=lambda g: g[0]), mentions, pairs)
