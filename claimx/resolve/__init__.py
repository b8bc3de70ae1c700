"""The resolver: link claims across articles into events, judge corroboration and contradiction.

Modules, one purpose each: ``features`` (what a claim offers), ``sides`` (actor/target
groups), ``places`` (gazetteer view), ``compat`` (slot compatibility), ``blocking``
(candidate pairs), ``embed`` (MiniLM sentence vectors), ``link`` (scoring, clustering),
``mentions`` (one article's claims about one event, summarised), ``judge`` (pairs that
corroborate), ``disputes`` (per event and slot, the positions sources hold), ``figures``
(casualty figures as stated), ``speakers`` (who says it), ``events`` (Event records, casualty
ranges), ``sources`` (per-outlet view), ``io`` (the one writer and reader of resolver records),
``evaluate`` (gold pairs), ``dispute_gold`` (dispute-level gold), ``pipeline`` (:func:`resolve_claims`).

Example:
    >>> from claimx.resolve import resolve_claims
    >>> resolve_claims([]).stats.events
    0
"""

from __future__ import annotations

from claimx.resolve.pipeline import EVENT_ACTION_TYPES, Resolution, ResolveStats, resolve_claims

__all__ = ["EVENT_ACTION_TYPES", "Resolution", "ResolveStats", "resolve_claims"]
