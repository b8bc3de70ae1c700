"""The resolver: link claims across articles into events, judge corroboration and contradiction.

Modules, one purpose each: ``features`` (what a claim offers), ``sides`` (actor/target
groups), ``places`` (gazetteer view), ``compat`` (slot compatibility), ``blocking``
(candidate pairs), ``embed`` (MiniLM sentence vectors), ``link`` (scoring, clustering),
``mentions`` (one article's claims about one event, summarised), ``judge`` (relations with
reasons), ``events`` (Event records, casualty ranges),
``sources`` (per-outlet view), ``io`` (writers/readers), ``evaluate`` (gold pairs),
``pipeline`` (:func:`resolve_claims`).

Example:
    >>> from claimx.resolve import resolve_claims
    >>> resolve_claims([]).stats.events
    0
"""

from __future__ import annotations

from claimx.resolve.pipeline import EVENT_ACTION_TYPES, Resolution, ResolveStats, resolve_claims

__all__ = ["EVENT_ACTION_TYPES", "Resolution", "ResolveStats", "resolve_claims"]
