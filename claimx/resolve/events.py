"""Building :class:`~claimx.types.Event` records from clusters of linked claims.

Casualty range (UCDP's low / best / high), from the ``killed`` figures of the event's
claims that are not denied (``negated``), one figure per *voice* (an article's own voice,
or each source it quotes): that voice's largest figure, its toll for the event. Smaller
figures of the same voice are parts of it ("68 children among the 126 killed").

- ``killed_low`` / ``killed_high``: the smallest and largest of those tolls;
- ``killed_best``: the figure stated by the most outlets (each outlet counts a figure
  once; an article with no outlet counts as its own outlet); a tie goes to the lowest
  figure, ACLED's most conservative choice. So 58, 58, 58, 72, 100 gives 58, and a
  lone 33 against a lone 32 gives 32.

``actors`` lists canonical perpetrator names only (surface words such as "they" or
"missile" are left out); ``targets`` fall back to the words of the text.

The event's place is the most specific one its claims name (a town before a province
before a country), the most often named at that level; its date is the most often
stated day, else month, else year (publication dates are never used); its action type
the most frequent specific type (``attack`` only when nothing more specific is said).

Example:
    >>> casualty_range([(58, "a"), (58, "b"), (72, "c"), (100, "d")])
    (58, 58, 100)
    >>> casualty_range([(33, "x"), (32, "x")])
    (32, 32, 33)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence

from claimx.resolve.features import ClaimFeatures
from claimx.types import Claim, Dispute, Event

_LEVEL_ORDER = {"city": 0, "admin1": 1, "country": 2}
_PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}


def event_id(claim_ids: Iterable[str]) -> str:
    """A stable id from the event's claim ids (the same claims give the same id)."""
    digest = hashlib.sha1("\n".join(sorted(claim_ids)).encode("utf-8")).hexdigest()
    return f"ev_{digest[:16]}"


def casualty_range(figures: Sequence[tuple[int, str]]) -> tuple[int | None, int | None, int | None]:
    """``(low, best, high)`` from ``(figure, outlet)`` pairs (rule in the module docstring)."""
    if not figures:
        return None, None, None
    outlets_per_figure = Counter(fig for fig, _ in set(figures))
    best = min(outlets_per_figure, key=lambda fig: (-outlets_per_figure[fig], fig))
    values = [fig for fig, _ in figures]
    return min(values), best, max(values)


def ranked(values: Iterable[str | None]) -> tuple[str, ...]:
    """Distinct non-empty values, most frequent first, ties in order of appearance."""
    present = [v for v in values if v]
    counts = Counter(present)
    first: dict[str, int] = {}
    for n, v in enumerate(present):
        first.setdefault(v, n)
    return tuple(sorted(counts, key=lambda v: (-counts[v], first[v])))


def _distinct(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def consensus_type(claims: Sequence[Claim]) -> str:
    """The most frequent specific action type (``attack`` only when nothing more specific is said)."""
    specific = [c.action_type for c in claims if c.action_type != "attack"]
    return ranked(specific)[0] if specific else claims[0].action_type


def consensus_date(members: Sequence[ClaimFeatures]) -> str | None:
    """The most often stated day, else month, else year; None when no claim dates itself."""
    explicit = [f for f in members if f.dates is not None and f.dates.precision in _PRECISION_ORDER]
    if not explicit:
        return None
    finest = min(_PRECISION_ORDER[f.dates.precision] for f in explicit)  # type: ignore[union-attr]
    return ranked(f.claim.date_norm for f in explicit if _PRECISION_ORDER[f.dates.precision] == finest)[0]  # type: ignore[union-attr]


def representative_place(members: Sequence[ClaimFeatures]) -> Claim | None:
    """The claim naming the most specific place, the most often named at that level."""
    placed = [f for f in members if f.place_level is not None and (f.claim.location_norm or f.claim.location)]
    if not placed:
        return None
    finest = min(_LEVEL_ORDER[f.place_level] for f in placed)  # type: ignore[index]
    at_level = [f.claim for f in placed if _LEVEL_ORDER[f.place_level] == finest]  # type: ignore[index]
    name = ranked(c.location_norm or c.location for c in at_level)[0]
    candidates = [c for c in at_level if (c.location_norm or c.location) == name]
    return next((c for c in candidates if c.lat is not None), candidates[0])


def voice_tolls(claims: Sequence[Claim]) -> list[tuple[int, str]]:
    """``(toll, outlet)`` for each voice: the largest killed figure of each (article, attributed_to).

    A voice's toll under a third of its article's largest is a part of it (a voice the
    extractor split off: "11 children were among the dead"), not a rival count.

    >>> from claimx.types import Claim
    >>> def c(k, who=None): return Claim.from_record({"claim_id": f"{k}", "doc_id": "d", "source": "ahram",
    ...     "sentence": "s", "action": "hit", "action_type": "air_strike", "killed": k, "attributed_to": who})
    >>> sorted(voice_tolls([c(112), c(68), c(100, "Civil Defence"), c(11, "a doctor")]))
    [(100, 'ahram'), (112, 'ahram')]
    """
    tolls: dict[tuple[str, str], tuple[int, str]] = {}
    for c in claims:
        if c.killed is None or c.negated:
            continue
        key = (c.doc_id, c.attributed_to or "")
        if key not in tolls or c.killed > tolls[key][0]:
            tolls[key] = (c.killed, c.source or f"doc:{c.doc_id}")
    headline: dict[str, int] = {}
    for (doc, _), (toll, _) in tolls.items():
        headline[doc] = max(toll, headline.get(doc, 0))
    return [t for (doc, _), t in tolls.items() if 3 * t[0] >= headline[doc]]


def build_event(members: Sequence[ClaimFeatures], disputes: Sequence[Dispute] = ()) -> Event:
    """The event of one cluster; ``disputes`` are its disputes (:mod:`claimx.resolve.disputes`)."""
    claims = [f.claim for f in members]
    place = representative_place(members)
    low, best, high = casualty_range(voice_tolls(claims))
    return Event(
        event_id=event_id(c.claim_id for c in claims),
        claim_ids=tuple(c.claim_id for c in claims),
        doc_ids=_distinct(c.doc_id for c in claims),
        sources=_distinct(c.source for c in claims),
        action_type=consensus_type(claims),
        date_norm=consensus_date(members),
        location_norm=None if place is None else place.location_norm or place.location,
        admin1=None if place is None else place.admin1,
        lat=None if place is None else place.lat,
        lon=None if place is None else place.lon,
        actors=ranked(c.actor_norm for c in claims),
        targets=ranked(c.target_norm or c.target for c in claims),
        killed_low=low,
        killed_best=best,
        killed_high=high,
        contested=bool(disputes),
        disputes=tuple(dict.fromkeys(d.slot for d in disputes)),
    )
