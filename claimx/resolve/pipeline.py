"""``resolve_claims``: claims in, events and relations out.

Only conflict actions form events (:data:`EVENT_ACTION_TYPES`); statements,
deployments and other actions are left out, and so are war-wide tallies
(:data:`MAX_EVENT_TOLL`). Claims are linked within blocks
(:mod:`~claimx.resolve.blocking`), clustered (:mod:`~claimx.resolve.link`), and every
pair of an event's claims is judged (:mod:`~claimx.resolve.judge`).

Example:
    >>> from claimx.types import Claim
    >>> def c(i, doc, k): return Claim.from_record({"claim_id": i, "doc_id": doc, "source": doc,
    ...     "sentence": "Jets struck Talbiseh.", "action": "struck", "action_type": "air_strike",
    ...     "location_norm": "Talbiseh", "admin1": "Homs", "country": "Syria", "date_norm": "2015-09-30",
    ...     "killed": k})
    >>> res = resolve_claims([c("a", "d1", 33), c("b", "d2", 32)])
    >>> len(res.events), res.events[0].killed_low, res.events[0].killed_high, res.events[0].contested
    (1, 32, 33, True)
    >>> res.relations[0].slot
    'killed'
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from claimx.actions import EVENT_ACTION_TYPES
from claimx.knowledge import Knowledge
from claimx.resolve.disputes import dispute_relations, event_disputes
from claimx.resolve.embed import SentenceEncoder
from claimx.resolve.events import build_event, event_id
from claimx.resolve.features import ClaimFeatures, claim_features
from claimx.resolve.judge import corroborations
from claimx.resolve.link import LinkOptions, link_claims
from claimx.types import Claim, Dispute, Event, Relation

"""Action types that form events (conflict actions; not statements, deployments, other)."""


@dataclass(frozen=True, slots=True)
class ResolveStats:
    """What a resolver run did, for the summary line and the timing report."""

    claims: int
    event_claims: int
    mentions: int
    """Groups of one article's claims about one event."""
    candidate_pairs: int
    """Scored pairs of mentions of different articles."""
    linked_pairs: int
    sentences_encoded: int
    events: int
    multi_outlet_events: int
    contradictions: int
    corroborations: int
    seconds: float
    disputes: int = 0
    disputed_events: int = 0


@dataclass(frozen=True, slots=True)
class Resolution:
    """Events, relations, and the claims they were built from."""

    events: tuple[Event, ...]
    relations: tuple[Relation, ...]
    claims: tuple[Claim, ...]
    """The event-forming claims (input order, one per claim id)."""
    stats: ResolveStats
    disputes: tuple[Dispute, ...] = ()
    """Per event and slot, the positions its sources hold (:mod:`claimx.resolve.disputes`)."""


MAX_EVENT_TOLL = 5000
"""A claim stating more deaths than this is a war-wide tally ("the war has killed more than 280,000
people"), not an event; the deadliest single attacks of the Syrian war killed hundreds to about 1,500."""


def event_claims(claims: Sequence[Claim]) -> list[Claim]:
    """The claims that can form events, first occurrence of each claim id (war-wide tallies left out)."""
    seen: set[str] = set()
    out = []
    for c in claims:
        if c.killed is not None and c.killed > MAX_EVENT_TOLL:
            continue
        if c.action_type in EVENT_ACTION_TYPES and c.claim_id not in seen:
            seen.add(c.claim_id)
            out.append(c)
    return out


def _outlet(c: Claim) -> str:
    return c.source or f"doc:{c.doc_id}"


def resolve_claims(
    claims: Sequence[Claim],
    encoder: SentenceEncoder | None = None,
    options: LinkOptions | None = None,
    knowledge: Knowledge | None = None,
) -> Resolution:
    """Link claims into events and judge every pair of claims within each event.

    ``encoder`` gives sentence similarities for undecided pairs; None (or a disabled
    encoder) links on the slots alone. ``knowledge``: the gazetteer, actor table and cues
    (default: built from ``Settings.from_env()``).
    """
    with paused_gc():
        return _resolve(claims, encoder, options, knowledge)


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside (restored after): resolving builds hundreds of thousands of
    small acyclic objects, and the collector's full passes over them cost about a tenth of the time.

    >>> with paused_gc():
    ...     gc.isenabled()
    False
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _resolve(
    claims: Sequence[Claim],
    encoder: SentenceEncoder | None,
    options: LinkOptions | None,
    knowledge: Knowledge | None,
) -> Resolution:
    started = time.perf_counter()
    encoder = encoder or SentenceEncoder.disabled()
    kept = event_claims(claims)
    knowledge = knowledge or Knowledge.from_settings()
    features = [claim_features(n, c, knowledge) for n, c in enumerate(kept)]
    encoded_before = encoder.encoded
    linking = link_claims(features, encoder, options or LinkOptions(), knowledge)
    groups = linking.groups
    events: list[Event] = []
    relations: list[Relation] = []
    disputes: list[Dispute] = []
    mention_of = {k: m.index for m in linking.mentions for k in m.members}
    for group in groups:
        members: list[ClaimFeatures] = [features[k] for k in group]
        found = event_disputes(event_id(f.claim.claim_id for f in members), members, mention_of)
        events.append(build_event(members, found))
        disputes.extend(found)
        relations.extend(corroborations(members))
        relations.extend(r for d in found for r in dispute_relations(d))
    outlets_of = {f.claim.claim_id: _outlet(f.claim) for f in features}
    multi = sum(1 for e in events if len({outlets_of[cid] for cid in e.claim_ids}) >= 2)
    stats = ResolveStats(
        claims=len(claims),
        event_claims=len(kept),
        mentions=len(linking.mentions),
        candidate_pairs=len(linking.mention_pairs),
        linked_pairs=sum(p.linked for p in linking.mention_pairs),
        sentences_encoded=encoder.encoded - encoded_before,
        events=len(events),
        multi_outlet_events=multi,
        contradictions=sum(r.relation == "contradicts" for r in relations),
        corroborations=sum(r.relation == "corroborates" for r in relations),
        seconds=time.perf_counter() - started,
        disputes=len(disputes),
        disputed_events=sum(e.contested for e in events),
    )
    return Resolution(tuple(events), tuple(relations), tuple(kept), stats, tuple(disputes))
