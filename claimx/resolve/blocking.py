"""Candidate pairs for linking: only claims close in time and not in different provinces.

Claims are swept in date order; a claim is compared with the claims whose date spans
end at most :data:`~claimx.resolve.compat.DATE_WINDOW_DAYS` before its own begins, and
only with those in the same admin1 or with no admin1 (a claim about "Syria" may be about
any province). Undated claims (no date in the text, no publication date) are compared
with every claim of a compatible province. Month-precision dates span their month, so
they meet every claim of that month.

Example:
    >>> from claimx.resolve.features import claim_features
    >>> from claimx.types import Claim
    >>> def c(i, d, a1): return Claim.from_record(
    ...     {"claim_id": i, "doc_id": i, "sentence": "s", "action": "hit",
    ...      "action_type": "air_strike", "date_norm": d, "location_norm": a1, "admin1": a1})
    >>> fs = [claim_features(n, x) for n, x in enumerate(
    ...     [c("a", "2016-07-10", "Idlib"), c("b", "2016-07-11", "Idlib"),
    ...      c("c", "2016-07-10", "Aleppo"), c("d", "2016-08-20", "Idlib")])]
    >>> candidate_pairs(fs)
    [(0, 1)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from claimx.resolve.compat import DATE_WINDOW_DAYS
from claimx.resolve.features import ClaimFeatures

_ANY = "\x00any"
"""Bucket of claims with no known province."""


_SAME_BUCKET: dict[str, str] = {
    "rif dimashq": "damascus",
    "rif dimashq governorate": "damascus",
    "damascus countryside": "damascus",
    "rural damascus": "damascus",
    "reef dimashq": "damascus",
}
"""Provinces that news treats as one place (Eastern Ghouta is "near Damascus")."""


def _bucket(f: ClaimFeatures) -> str:
    key = f.admin1 if f.admin1 is not None else f.place if f.place_level == "admin1" else None
    if key is None:
        return _ANY
    return _SAME_BUCKET.get(key, key)


def _buckets(f: ClaimFeatures, provinces: frozenset[str]) -> set[str]:
    """The claim's own province bucket plus every other province its sentence names."""
    own = _bucket(f)
    if own == _ANY:
        return {_ANY}
    named = {p for p in provinces if len(p) >= 4 and p in f.sentence_lower}
    return {own} | {_SAME_BUCKET.get(p, p) for p in named}


def candidate_pairs(
    features: Sequence[ClaimFeatures], window: int = DATE_WINDOW_DAYS
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, of claims worth comparing, sorted.

    A sentence naming several provinces ("raids in Hama, Homs, and Latakia") puts its
    claim in each of their buckets.
    """
    provinces = frozenset(b for f in features if (b := _bucket(f)) != _ANY)
    buckets_of = {f.index: _buckets(f, provinces) for f in features}
    pairs: set[tuple[int, int]] = set()
    dated = sorted((f for f in features if f.dates is not None), key=lambda f: f.dates.lo)  # type: ignore[union-attr]
    active: dict[str, list[ClaimFeatures]] = defaultdict(list)
    for f in dated:
        lo = f.dates.lo  # type: ignore[union-attr]
        own = buckets_of[f.index]
        keys = list(active) if _ANY in own else [*own, _ANY]
        for key in keys:
            kept = [g for g in active.get(key, ()) if g.dates.hi + window >= lo]  # type: ignore[union-attr]
            active[key] = kept
            pairs.update((min(g.index, f.index), max(g.index, f.index)) for g in kept)
        for key in own:
            active[key].append(f)
    by_bucket: dict[str, list[ClaimFeatures]] = defaultdict(list)
    for f in features:
        for key in buckets_of[f.index]:
            by_bucket[key].append(f)
    for f in features:
        if f.dates is not None:
            continue
        own = buckets_of[f.index]
        others = features if _ANY in own else [g for key in (*own, _ANY) for g in by_bucket[key]]
        pairs.update((min(g.index, f.index), max(g.index, f.index)) for g in others if g.index != f.index)
    return sorted(pairs)
