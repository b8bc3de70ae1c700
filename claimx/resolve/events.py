"""Building :class:`~claimx.types.Event` records from clusters of linked claims.

Casualty range (UCDP's low / best / high), from the ``killed`` figures of the event's
claims that are not denied (``negated``) and are a toll for the event (not a part, an earlier
or multi-day figure, or one placed in another month:
:func:`~claimx.resolve.figures.is_event_toll`), one figure per *voice* (an article's own voice,
or each source it quotes): that voice's largest figure, its toll for the event. Smaller
figures of the same voice are parts of it ("68 children among the 126 killed").

- ``killed_low`` / ``killed_high``: the smallest and largest of those tolls (every toll
  reported, earlier ones included);
- ``killed_best``: tolls rise, so each voice (an outlet's own voice, or a speaker it quotes)
  counts with its *latest* toll (that of its most recently published article); the best is
  the figure stated as latest by the most outlets (an outlet counts a figure once), a tie
  going to the lowest figure, ACLED's most conservative choice. So 58, 58, 58, 72, 100 gives
  58; a lone 33 against a lone 32 gives 32; SOHR's 14 on one day and 57 the next gives 57.

``actors`` lists canonical perpetrator names only (surface words such as "they" or
"missile" are left out); ``targets`` fall back to the words of the text.

The event's place is the most specific one its claims name (a town before a province
before a country), the most often named at that level; its date is the most often
stated day, else month, else year (publication dates are never used); its action type
the most frequent specific type (``attack`` only when nothing more specific is said).

Example:
    >>> casualty_range([VoiceToll(58, "a"), VoiceToll(58, "b"), VoiceToll(72, "c"), VoiceToll(100, "d")])
    (58, 58, 100)
    >>> casualty_range([VoiceToll(33, "x", "Civil Defense"), VoiceToll(32, "x", "Abu Zaid")])
    (32, 32, 33)
    >>> casualty_range([VoiceToll(14, "SOHR", None, "2016-07-27"), VoiceToll(57, "SOHR", None, "2016-07-28")])
    (14, 57, 57)
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from claimx.resolve.features import ClaimFeatures
from claimx.resolve.figures import is_event_toll
from claimx.resolve.speakers import speaker_keys
from claimx.types import Claim, Dispute, Event

_LEVEL_ORDER = {"city": 0, "admin1": 1, "country": 2}
_PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}


def event_id(claim_ids: Iterable[str]) -> str:
    """A stable id from the event's claim ids (the same claims give the same id)."""
    digest = hashlib.sha1("\n".join(sorted(claim_ids)).encode("utf-8")).hexdigest()
    return f"ev_{digest[:16]}"


@dataclass(frozen=True, slots=True)
class VoiceToll:
    """One voice's toll for an event: its figure, outlet, speaker (None: the outlet's own voice) and
    the publication date of the article stating it."""

    value: int
    outlet: str
    speaker: str | None = None
    published: str | None = None


def casualty_range(tolls: Sequence[VoiceToll]) -> tuple[int | None, int | None, int | None]:
    """``(low, best, high)`` from the voices' tolls (rule in the module docstring)."""
    if not tolls:
        return None, None, None
    latest: dict[tuple[str, str | None], VoiceToll] = {}
    for t in tolls:
        old = latest.get((t.outlet, t.speaker))
        if old is None or (t.published or "", t.value) > (old.published or "", old.value):
            latest[(t.outlet, t.speaker)] = t
    outlets_per_figure = Counter(fig for fig, _ in {(t.value, t.outlet) for t in latest.values()})
    best = min(outlets_per_figure, key=lambda fig: (-outlets_per_figure[fig], fig))
    values = [t.value for t in tolls]
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


def voice_tolls(claims: Sequence[Claim], when: str | None = None) -> list[VoiceToll]:
    """Each voice's toll: the largest killed figure of each (article, attributed_to).

    Figures that are not a toll for the event are left out
    (:func:`~claimx.resolve.figures.is_event_toll`: parts, earlier, multi-day and wounded-included
    figures, figures placed in another month or year than ``when``, the event's date). A voice's
    toll under a third of its article's largest is a part of it (a voice the extractor split off:
    "11 children were among the dead"), not a rival count. Speakers' names are matched loosely
    (:mod:`~claimx.resolve.speakers`).

    >>> from claimx.types import Claim
    >>> def c(k, who=None): return Claim.from_record({"claim_id": f"{k}", "doc_id": "d", "source": "ahram",
    ...     "sentence": "s", "action": "hit", "action_type": "air_strike", "killed": k, "attributed_to": who})
    >>> sorted(t.value for t in voice_tolls([c(112), c(68), c(100, "Civil Defence"), c(11, "a doctor")]))
    [100, 112]
    """
    keys = speaker_keys(c.attributed_to for c in claims if c.attributed_to)
    tolls: dict[tuple[str, str], VoiceToll] = {}
    for c in claims:
        if c.killed is None or c.negated or not is_event_toll(c.killed, c.sentence, when):
            continue
        key = (c.doc_id, c.attributed_to or "")
        if key not in tolls or c.killed > tolls[key].value:
            speaker = keys[c.attributed_to] if c.attributed_to else None
            tolls[key] = VoiceToll(c.killed, c.source or f"doc:{c.doc_id}", speaker, c.published)
    headline: dict[str, int] = {}
    for (doc, _), t in tolls.items():
        headline[doc] = max(t.value, headline.get(doc, 0))
    return [t for (doc, _), t in tolls.items() if 3 * t.value >= headline[doc]]


def build_event(members: Sequence[ClaimFeatures], disputes: Sequence[Dispute] = ()) -> Event:
    """The event of one cluster; ``disputes`` are its disputes (:mod:`claimx.resolve.disputes`)."""
    claims = [f.claim for f in members]
    place = representative_place(members)
    low, best, high = casualty_range(voice_tolls(claims, consensus_date(members)))
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
