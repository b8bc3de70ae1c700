"""Event mentions: the claims of one article about one event, summarised for cross-article linking.

News spreads one event over several sentences: the place in the first, the toll in the
third, the perpetrator in a quote. Comparing single claims across articles misses that, so
linking runs in two stages: claims of one article are grouped into *mentions*
(:func:`claimx.resolve.link.link_claims`), and each mention is summarised as one claim
holding its consensus values (most specific place, most precise date, most frequent
specific action type and actor) plus the set of casualty figures it states. Mentions of
different articles are then compared with the same slot functions as claims.

Example:
    >>> from claimx.resolve.features import claim_features
    >>> from claimx.types import Claim
    >>> def c(i, **kw): return claim_features(i, Claim.from_record({"claim_id": str(i), "doc_id": "d",
    ...     "sentence": f"s{i}.", "action": "hit", "action_type": "air_strike", **kw}))
    >>> m = build_mention(0, [c(0, location_norm="Khan Sheikhoun", admin1="Idlib"), c(1, killed=58),
    ...                       c(2, date_norm="2017-04-04", killed=58)])
    >>> m.summary.claim.location_norm, m.summary.claim.date_norm, sorted(m.figures)
    ('Khan Sheikhoun', '2017-04-04', [58])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from claimx.resolve.events import consensus_date, consensus_type, ranked, representative_place
from claimx.resolve.features import ClaimFeatures, claim_features
from claimx.types import Claim

SUMMARY_SENTENCES = 3
"""Sentences per mention whose embeddings are averaged (the first ones: leads carry the event)."""


@dataclass(frozen=True, slots=True)
class Mention:
    """One article's claims about one event, with a summary claim for comparison."""

    index: int
    doc_id: str
    members: tuple[int, ...]
    """Indices of the member claims' features."""
    summary: ClaimFeatures
    figures: frozenset[int]
    """Death tolls stated by the members (not denied)."""
    sentences: tuple[str, ...]
    """The first :data:`SUMMARY_SENTENCES` distinct member sentences, in text order."""


def _consensus_actor(members: Sequence[ClaimFeatures], role: str) -> tuple[str | None, str | None]:
    """(canonical, surface) of the most frequent actor or target among the members."""
    names = ranked(getattr(f.claim, f"{role}_norm") or getattr(f.claim, role) for f in members)
    if not names:
        return None, None
    top = names[0]
    for f in members:
        norm, surface = getattr(f.claim, f"{role}_norm"), getattr(f.claim, role)
        if (norm or surface) == top:
            return norm, surface
    return None, top


def build_mention(index: int, members: Sequence[ClaimFeatures]) -> Mention:
    """Summarise the ``members`` (claims of one article, text order not required)."""
    ordered = sorted(members, key=lambda f: (f.claim.sent_start, f.claim.action_start))
    claims = [f.claim for f in ordered]
    first = claims[0]
    place = representative_place(ordered)
    actor_norm, actor = _consensus_actor(ordered, "actor")
    target_norm, target = _consensus_actor(ordered, "target")
    sentences = tuple(dict.fromkeys(c.sentence for c in claims))
    summary = Claim(
        claim_id=f"mention:{index}",
        doc_id=first.doc_id,
        source=next((c.source for c in claims if c.source), None),
        published=next((c.published for c in claims if c.published), None),
        sentence=" ".join(sentences),
        sent_start=first.sent_start,
        sent_end=claims[-1].sent_end,
        actor=actor,
        actor_norm=actor_norm,
        action=first.action,
        action_start=first.action_start,
        action_end=first.action_end,
        action_type=consensus_type(claims),
        target=target,
        target_norm=target_norm,
        location=None if place is None else place.location,
        location_norm=None if place is None else place.location_norm,
        admin1=None if place is None else place.admin1,
        country=None if place is None else place.country,
        lat=None if place is None else place.lat,
        lon=None if place is None else place.lon,
        date=None,
        date_norm=consensus_date(ordered),
        attributed_to=None,
        negated=all(c.negated for c in claims),
        hedged=all(c.hedged for c in claims),
        killed=None,
        injured=None,
        confidence=max(c.confidence for c in claims),
    )
    return Mention(
        index=index,
        doc_id=first.doc_id,
        members=tuple(f.index for f in ordered),
        summary=claim_features(index, summary, ordered[0].knowledge),
        figures=frozenset(c.killed for c in claims if c.killed is not None and not c.negated),
        sentences=sentences[:SUMMARY_SENTENCES],
    )


def build_mentions(features: Sequence[ClaimFeatures], groups: Sequence[Sequence[int]]) -> list[Mention]:
    """One mention per group of claim indices (each group from one article)."""
    return [build_mention(n, [features[k] for k in group]) for n, group in enumerate(groups)]
